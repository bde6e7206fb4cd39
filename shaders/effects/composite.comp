// Composite: layers 1..n-1 blended in order onto layer 0 with one blend mode.
#version 460
#include "common/pass.glsl"
#include "common/color.glsl"
#include "common/spec.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_in0;
layout(set = 0, binding = 2) uniform sampler2D u_in1;
layout(set = 0, binding = 3) uniform sampler2D u_in2;
layout(set = 0, binding = 4) uniform sampler2D u_in3;
layout(set = 0, binding = 5) uniform sampler2D u_in4;
layout(set = 0, binding = 6) uniform sampler2D u_in5;
layout(set = 0, binding = 7) uniform sampler2D u_in6;
layout(set = 0, binding = 8) uniform sampler2D u_in7;

layout(push_constant) uniform Push {
    int count;
    int mode;
    float opacity;
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    // Compiled in on a CPU device (common/spec.glsl): only the layers present and the one mode.
    const int mode = LOOM_SPEC0(pc.mode), count = LOOM_SPEC1(pc.count);
    vec4 c = textureLod(u_in0, uv, 0.0);
    // Constant indices: no dynamic indexing of sampler arrays needed.
    if (count > 1) c = loom_blend(c, textureLod(u_in1, uv, 0.0), mode, pc.opacity);
    if (count > 2) c = loom_blend(c, textureLod(u_in2, uv, 0.0), mode, pc.opacity);
    if (count > 3) c = loom_blend(c, textureLod(u_in3, uv, 0.0), mode, pc.opacity);
    if (count > 4) c = loom_blend(c, textureLod(u_in4, uv, 0.0), mode, pc.opacity);
    if (count > 5) c = loom_blend(c, textureLod(u_in5, uv, 0.0), mode, pc.opacity);
    if (count > 6) c = loom_blend(c, textureLod(u_in6, uv, 0.0), mode, pc.opacity);
    if (count > 7) c = loom_blend(c, textureLod(u_in7, uv, 0.0), mode, pc.opacity);
    return c;
}
