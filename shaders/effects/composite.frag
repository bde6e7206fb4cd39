// Composite: layers 1..n-1 blended in order onto layer 0 with one blend mode.
#version 460
#include "common/color.glsl"

layout(location = 0) in vec2 v_uv;
layout(location = 0) out vec4 o_color;
layout(set = 0, binding = 0) uniform sampler2D u_in0;
layout(set = 0, binding = 1) uniform sampler2D u_in1;
layout(set = 0, binding = 2) uniform sampler2D u_in2;
layout(set = 0, binding = 3) uniform sampler2D u_in3;
layout(set = 0, binding = 4) uniform sampler2D u_in4;
layout(set = 0, binding = 5) uniform sampler2D u_in5;
layout(set = 0, binding = 6) uniform sampler2D u_in6;
layout(set = 0, binding = 7) uniform sampler2D u_in7;

layout(push_constant) uniform Push {
    int count;
    int mode;
    float opacity;
} pc;

void main() {
    vec4 c = texture(u_in0, v_uv);
    // Constant indices: no dynamic indexing of sampler arrays needed.
    if (pc.count > 1) c = loom_blend(c, texture(u_in1, v_uv), pc.mode, pc.opacity);
    if (pc.count > 2) c = loom_blend(c, texture(u_in2, v_uv), pc.mode, pc.opacity);
    if (pc.count > 3) c = loom_blend(c, texture(u_in3, v_uv), pc.mode, pc.opacity);
    if (pc.count > 4) c = loom_blend(c, texture(u_in4, v_uv), pc.mode, pc.opacity);
    if (pc.count > 5) c = loom_blend(c, texture(u_in5, v_uv), pc.mode, pc.opacity);
    if (pc.count > 6) c = loom_blend(c, texture(u_in6, v_uv), pc.mode, pc.opacity);
    if (pc.count > 7) c = loom_blend(c, texture(u_in7, v_uv), pc.mode, pc.opacity);
    o_color = c;
}
