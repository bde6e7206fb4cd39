// Mirror: reflect one half of the input onto the other, or a quarter onto four.
#version 460
#include "common/pass.glsl"
#include "common/spec.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 center;        // the mirror lines, uv
    int mode;           // 0 left to right, 1 right to left, 2 top to bottom, 3 bottom to top, 4 quad
} pc;
// Compiled in on a CPU device (common/spec.glsl).
#define OP_MODE LOOM_SPEC0(pc.mode)

// The sample position folded back across the mirror line where it lies on the far side.
float fold_below(float x, float line) { return x > line ? 2.0 * line - x : x; }
float fold_above(float x, float line) { return x < line ? 2.0 * line - x : x; }

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 q = uv;
    if (OP_MODE == 0 || OP_MODE == 4) q.x = fold_below(q.x, pc.center.x);
    if (OP_MODE == 1) q.x = fold_above(q.x, pc.center.x);
    if (OP_MODE == 2 || OP_MODE == 4) q.y = fold_below(q.y, pc.center.y);
    if (OP_MODE == 3) q.y = fold_above(q.y, pc.center.y);
    return textureLod(u_input, q, 0.0);
}
