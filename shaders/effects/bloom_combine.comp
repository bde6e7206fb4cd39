// Bloom, step 4: the input plus the gathered glow times intensity.
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;
layout(set = 0, binding = 2) uniform sampler2D u_glow;

layout(push_constant) uniform Push {
    float intensity;
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 c = textureLod(u_input, uv, 0.0);
    return vec4(c.rgb + textureLod(u_glow, uv, 0.0).rgb * pc.intensity, c.a);
}
