// Scanlines: darken a band of each line, antialiased over one pixel.
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    float count;
    float thickness;
    float strength;
    float speed;        // the scroll, in lines (0..1)
    float pixel;        // one pixel, in lines
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 c = textureLod(u_input, uv, 0.0);
    float y = fract(uv.y * pc.count + pc.speed);
    float band = clamp(0.5 - (abs(y - 0.5) - 0.5 * pc.thickness) / max(pc.pixel, 1e-4), 0.0, 1.0);
    return vec4(c.rgb * (1.0 - pc.strength * band), c.a);
}
