// Image: the picture placed in the output by the fit's scale; outside it, the background.
#version 460
#include "common/pass.glsl"
#include "common/color.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_picture;

layout(push_constant) uniform Push {
    vec4 background;
    vec2 scale;  // output uv about the centre -> picture uv about the centre
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 q = (uv - 0.5) * pc.scale + 0.5;
    if (any(lessThan(q, vec2(0.0))) || any(greaterThan(q, vec2(1.0)))) return loom_premultiply(pc.background);
    return textureLod(u_picture, q, 0.0);
}
