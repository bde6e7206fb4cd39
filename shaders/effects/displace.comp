// Displace: sample the first input at a position moved by the second input's red and green.
#version 460
#include "common/pass.glsl"
#include "common/spec.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;
layout(set = 0, binding = 2) uniform sampler2D u_map;

layout(push_constant) uniform Push {
    float amount;
    float midpoint;
    int wrap;           // 0 clamp, 1 repeat, 2 mirror, 3 transparent
    float aspect;       // width / height
} pc;
// Compiled in on a CPU device (common/spec.glsl).
#define OP_WRAP LOOM_SPEC0(pc.wrap)

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 d = textureLod(u_map, uv, 0.0).rg - pc.midpoint;
    vec2 q = uv + d * pc.amount * vec2(1.0 / pc.aspect, 1.0);
    if (OP_WRAP == 1) q = fract(q);
    else if (OP_WRAP == 2) q = 1.0 - abs(mod(q, 2.0) - 1.0);
    else if (OP_WRAP == 3 && (any(lessThan(q, vec2(0.0))) || any(greaterThan(q, vec2(1.0))))) return vec4(0.0);
    return textureLod(u_input, q, 0.0);
}
