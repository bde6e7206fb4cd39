// Level: brightness (added), contrast (around mid grey), gamma, then opacity.
#version 460
#include "common/pass.glsl"
#include "common/color.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    float brightness;
    float contrast;
    float gamma;
    float opacity;
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 c = loom_unpremultiply(textureLod(u_input, uv, 0.0));
    vec3 v = c.rgb + pc.brightness;
    v = (v - 0.5) * pc.contrast + 0.5;
    v = pow(max(v, vec3(0.0)), vec3(1.0 / pc.gamma));
    return loom_premultiply(vec4(v, c.a * pc.opacity));
}
