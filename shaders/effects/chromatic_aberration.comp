// ChromaticAberration: red and blue sampled at positions moved apart from green's.
#version 460
#include "common/pass.glsl"
#include "common/spec.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 center;
    float amount;
    int mode;           // 0 radial, 1 linear
    float angle;        // radians
    float aspect;       // width / height
} pc;
// Compiled in on a CPU device (common/spec.glsl).
#define OP_MODE LOOM_SPEC0(pc.mode)

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 dir = OP_MODE == 1 ? vec2(cos(pc.angle), sin(pc.angle)) : (uv - pc.center) * vec2(pc.aspect, 1.0);
    vec2 shift = dir * pc.amount / vec2(pc.aspect, 1.0);
    vec4 g = textureLod(u_input, uv, 0.0);
    vec4 r = textureLod(u_input, uv + shift, 0.0);
    vec4 b = textureLod(u_input, uv - shift, 0.0);
    return vec4(r.r, g.g, b.b, max(g.a, max(r.a, b.a)));
}
