// Crop: a region of the input, scaled to the output or kept in place.
#version 460
#include "common/pass.glsl"
#include "common/spec.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec4 rect;          // left, top, right, bottom (uv)
    int mode;           // 0 fit, 1 keep
} pc;
// Compiled in on a CPU device (common/spec.glsl).
#define OP_MODE LOOM_SPEC0(pc.mode)

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 lo = min(pc.rect.xy, pc.rect.zw), hi = max(pc.rect.xy, pc.rect.zw);
    if (OP_MODE == 1) {
        if (any(lessThan(uv, lo)) || any(greaterThan(uv, hi))) return vec4(0.0);
        return textureLod(u_input, uv, 0.0);
    }
    return textureLod(u_input, mix(lo, hi, uv), 0.0);
}
