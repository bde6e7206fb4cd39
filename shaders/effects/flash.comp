// Flash: mix towards a colour by this frame's strength.
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec4 color;
    float strength;     // how far towards the colour, 0..1
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 c = textureLod(u_input, uv, 0.0);
    float k = clamp(pc.strength * pc.color.a, 0.0, 1.0);
    return vec4(c.rgb * (1.0 - k) + pc.color.rgb * (k * c.a), c.a);  // straight mix, premultiplied
}
