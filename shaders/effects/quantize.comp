// Quantize: nearest palette colour, or N steps per channel.
#version 460
#include "common/pass.glsl"
#include "common/spec.glsl"
#include "common/color.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec4 color_0;
    vec4 color_1;
    vec4 color_2;
    vec4 color_3;
    int mode;           // 0 palette, 1 levels
    int levels;
    int palette_size;
} pc;
// Compiled in on a CPU device (common/spec.glsl).
#define OP_MODE LOOM_SPEC0(pc.mode)

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 c = loom_unpremultiply(textureLod(u_input, uv, 0.0));
    if (OP_MODE == 1) {
        float steps = float(pc.levels - 1);
        return loom_premultiply(vec4(floor(clamp(c.rgb, 0.0, 1.0) * steps + 0.5) / steps, c.a));
    }
    vec4 palette[4] = vec4[4](pc.color_0, pc.color_1, pc.color_2, pc.color_3);
    vec4 best = palette[0];
    float best_d = 1e30;
    for (int i = 0; i < pc.palette_size; ++i) {
        vec3 d = c.rgb - palette[i].rgb;
        float dd = dot(d, d);
        if (dd < best_d) { best_d = dd; best = palette[i]; }
    }
    return loom_premultiply(vec4(best.rgb, c.a * best.a));
}
