// Threshold: a step (or a ramp of `softness`) from color_low to color_high at `level`.
#version 460
#include "common/pass.glsl"
#include "common/color.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec4 color_low;
    vec4 color_high;
    float level;
    float softness;
    int channel;        // luminance, red, green, blue, alpha
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    // The colour as it shows (over black: premultiplied), so a blurred shape's soft edge fades
    // through the level (blur-and-threshold blobs).
    vec4 c = textureLod(u_input, uv, 0.0);
    float v = pc.channel == 0 ? loom_luminance(c.rgb) : c[pc.channel - 1];
    float h = 0.5 * pc.softness;
    float t = h > 0.0 ? smoothstep(pc.level - h, pc.level + h, v) : step(pc.level, v);
    return mix(loom_premultiply(pc.color_low), loom_premultiply(pc.color_high), t);
}
