// Mask: alpha times a channel of the mask input.
#version 460
#include "common/pass.glsl"
#include "common/color.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;
layout(set = 0, binding = 2) uniform sampler2D u_mask;

layout(push_constant) uniform Push {
    int source;         // 0 alpha, 1 luminance, 2 red
    int invert;
    float amount;
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 c = textureLod(u_input, uv, 0.0);
    vec4 m = textureLod(u_mask, uv, 0.0);
    float k = pc.source == 0 ? m.a : pc.source == 1 ? loom_luminance(m.rgb) : m.r;
    k = clamp(k, 0.0, 1.0);
    if (pc.invert != 0) k = 1.0 - k;
    return c * mix(1.0, k, pc.amount);
}
