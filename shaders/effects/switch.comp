// Switch: one input, or a crossfade of two.
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_first;
layout(set = 0, binding = 2) uniform sampler2D u_second;

layout(push_constant) uniform Push {
    float fade;         // how much of the second input
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 a = textureLod(u_first, uv, 0.0);
    if (pc.fade <= 0.0) return a;
    return mix(a, textureLod(u_second, uv, 0.0), pc.fade);
}
