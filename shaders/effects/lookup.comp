// Lookup: sample the table (second input) at coordinates taken from the first input's colour.
#version 460
#include "common/pass.glsl"
#include "common/spec.glsl"
#include "common/color.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;
layout(set = 0, binding = 2) uniform sampler2D u_table;

layout(push_constant) uniform Push {
    int mode;           // 0 luminance (1D), 1 red and green (2D)
    float row;
    float amount;
} pc;
// Compiled in on a CPU device (common/spec.glsl).
#define OP_MODE LOOM_SPEC0(pc.mode)

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 c = loom_unpremultiply(textureLod(u_input, uv, 0.0));
    vec2 at = OP_MODE == 1 ? c.rg : vec2(loom_luminance(c.rgb), pc.row);
    vec3 mapped = textureLod(u_table, clamp(at, 0.0, 1.0), 0.0).rgb;
    return loom_premultiply(vec4(mix(c.rgb, mapped, pc.amount), c.a));
}
