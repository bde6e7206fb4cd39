// Edge: Sobel gradient magnitude of the luminance.
#version 460
#include "common/pass.glsl"
#include "common/color.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec4 color;
    vec2 texel;         // one input pixel in uv
    float strength;
    float show_input;
} pc;

float luma(vec2 uv) { return loom_luminance(textureLod(u_input, uv, 0.0).rgb); }

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 t = pc.texel;
    float tl = luma(uv + vec2(-t.x, -t.y)), tc = luma(uv + vec2(0.0, -t.y)), tr = luma(uv + vec2(t.x, -t.y));
    float ml = luma(uv + vec2(-t.x, 0.0)), mr = luma(uv + vec2(t.x, 0.0));
    float bl = luma(uv + vec2(-t.x, t.y)), bc = luma(uv + vec2(0.0, t.y)), br = luma(uv + vec2(t.x, t.y));
    float gx = (tr + 2.0 * mr + br) - (tl + 2.0 * ml + bl);
    float gy = (bl + 2.0 * bc + br) - (tl + 2.0 * tc + tr);
    float e = clamp(length(vec2(gx, gy)) * pc.strength, 0.0, 1.0);
    return loom_over(textureLod(u_input, uv, 0.0) * pc.show_input, pc.color, e);
}
