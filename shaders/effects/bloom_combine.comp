// Bloom, step 4: the input plus the gathered glow times intensity.
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;
layout(set = 0, binding = 2) uniform sampler2D u_glow;

layout(push_constant) uniform Push {
    vec2 glow_texel;  // one texel of the first level: each covers 2x2 output pixels
    float intensity;
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 c = textureLod(u_input, uv, 0.0);
    vec2 glow_uv = (vec2(pixel) + 0.5) * 0.5 * pc.glow_texel;
    return vec4(c.rgb + textureLod(u_glow, glow_uv, 0.0).rgb * pc.intensity, c.a);
}
