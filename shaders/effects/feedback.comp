// Feedback: the input combined with its own previous frame, faded by `decay` and transformed
// (zoom, rotate, drift), for trails and tunnels.
#version 460
#include "common/pass.glsl"
#include "common/spec.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;
layout(set = 0, binding = 2) uniform sampler2D u_history;

layout(push_constant) uniform Push {
    vec2 scale;
    vec2 translate;
    float rotate;
    float aspect;
    float decay;
    int mode;        // 0 add, 1 max, 2 over
} pc;
// Compiled in on a CPU device (common/spec.glsl).
#define OP_MODE LOOM_SPEC0(pc.mode)

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 prev;
    if (pc.scale == vec2(1.0) && pc.rotate == 0.0 && pc.translate == vec2(0.0)) {
        // No transform: the same pixel, read exactly (a filtered read a hair off the centre would
        // blur a long trail a little more every frame on some devices).
        prev = texelFetch(u_history, pixel, 0) * pc.decay;
    } else {
        vec2 p = (uv - pc.translate - 0.5) * vec2(pc.aspect, 1.0);
        float c = cos(pc.rotate), s = sin(pc.rotate);
        p = vec2(c * p.x - s * p.y, s * p.x + c * p.y) / pc.scale;
        prev = textureLod(u_history, p / vec2(pc.aspect, 1.0) + 0.5, 0.0) * pc.decay;
    }
    vec4 cur = textureLod(u_input, uv, 0.0);
    if (OP_MODE == 1) return max(cur, prev);
    if (OP_MODE == 2) return cur + prev * (1.0 - cur.a);  // over
    return vec4(cur.rgb + prev.rgb, cur.a + prev.a * (1.0 - cur.a));  // light adds, coverage does not pass 1
}
