// BarrelDistortion: the radial lens model r * (1 + k1 r^2 + k2 r^4).
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    float k1;
    float k2;
    float zoom;
    float aspect;       // width / height
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 p = (uv - 0.5) * vec2(pc.aspect, 1.0);
    float corner = 0.5 * length(vec2(pc.aspect, 1.0));
    float r2 = dot(p, p) / (corner * corner);
    vec2 q = p * (1.0 + pc.k1 * r2 + pc.k2 * r2 * r2) / pc.zoom;
    vec2 src = q / vec2(pc.aspect, 1.0) + 0.5;
    if (any(lessThan(src, vec2(0.0))) || any(greaterThan(src, vec2(1.0)))) return vec4(0.0);
    return textureLod(u_input, src, 0.0);
}
