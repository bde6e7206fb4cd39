// Vignette: mix towards a colour with the distance from the centre.
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec4 color;
    float radius;
    float softness;
    float strength;
    float roundness;
    float aspect;       // width / height
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 p = (uv - 0.5) * 2.0;
    p.x *= mix(1.0, pc.aspect, pc.roundness);
    float k = smoothstep(pc.radius, pc.radius + pc.softness, length(p)) * pc.strength * pc.color.a;
    vec4 c = textureLod(u_input, uv, 0.0);
    return vec4(c.rgb * (1.0 - k) + pc.color.rgb * (k * c.a), c.a);  // straight mix, premultiplied
}
