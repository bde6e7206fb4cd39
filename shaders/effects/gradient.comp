// Gradient: linear (along an angle), radial (from a centre) or angular (around a centre).
#version 460
#include "common/pass.glsl"

layout(push_constant) uniform Push {
    vec4 color_a;
    vec4 color_b;
    vec2 center;
    float angle;    // radians
    float radius;
    float aspect;   // width / height
    float repeat;   // 1: one ramp; more: the ramp repeats
    int type;       // 0 linear, 1 radial, 2 angular
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 p = (uv - pc.center) * vec2(pc.aspect, 1.0);
    float t;
    if (pc.type == 1) {
        t = length(p) / max(pc.radius, 1e-6);
    } else if (pc.type == 2) {
        t = fract((atan(p.y, p.x) - pc.angle) / 6.28318530718 + 1.0);
    } else {
        vec2 dir = vec2(cos(pc.angle), sin(pc.angle));
        // Project onto the direction; the ramp spans the canvas along it, centred on `center`.
        float extent = abs(dir.x) * pc.aspect + abs(dir.y);
        t = dot(p, dir) / max(extent, 1e-6) + 0.5;
    }
    t *= pc.repeat;
    if (pc.repeat > 1.0) t = fract(t);
    return mix(pc.color_a, pc.color_b, clamp(t, 0.0, 1.0));
}
