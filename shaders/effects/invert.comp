// Invert: 1 - colour, or the luminance mirrored with the chroma kept.
#version 460
#include "common/pass.glsl"
#include "common/spec.glsl"
#include "common/color.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    int mode;           // 0 rgb, 1 rgba, 2 luminance
    float amount;
} pc;
// Compiled in on a CPU device (common/spec.glsl).
#define OP_MODE LOOM_SPEC0(pc.mode)

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 p = textureLod(u_input, uv, 0.0);
    vec4 c = loom_unpremultiply(p);
    vec4 inv;
    if (OP_MODE == 1) {
        // Colour and alpha: 1 minus the pixel as it shows (premultiplied), so transparent black
        // turns opaque white and a soft edge stays soft.
        inv = 1.0 - p;
    } else if (OP_MODE == 2) {
        float y = loom_luminance(c.rgb);
        inv = loom_premultiply(vec4(max(c.rgb + (1.0 - 2.0 * y), vec3(0.0)), c.a));
    } else {
        inv = loom_premultiply(vec4(1.0 - c.rgb, c.a));
    }
    return mix(p, inv, pc.amount);
}
