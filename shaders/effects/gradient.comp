// Gradient: linear (along an angle), radial (from a centre), angular (around a centre) or
// diamond, through 2..4 colour stops.
#version 460
#include "common/pass.glsl"
#include "common/spec.glsl"
#include "common/color.glsl"

layout(push_constant) uniform Push {
    vec4 colors[4];
    vec4 positions; // stop positions along the ramp, in order
    vec2 center;
    float angle;    // radians
    float radius;
    float aspect;   // width / height
    float repeat;   // 1: one ramp; more: the ramp repeats
    int type;       // 0 linear, 1 radial, 2 angular, 3 diamond
    int stops;      // 2..4
} pc;
// Compiled in on a CPU device (common/spec.glsl).
#define OP_TYPE LOOM_SPEC0(pc.type)

vec4 ramp(float t) {
    // Stops are mixed premultiplied: towards a transparent stop the colour fades, not darkens.
    vec4 c = loom_premultiply(pc.colors[0]);
    float previous = pc.positions[0];
    for (int i = 1; i < pc.stops; ++i) {
        // A stop placed before the previous one is taken at the previous one's position.
        float at = max(pc.positions[i], previous);
        float k = at > previous ? clamp((t - previous) / (at - previous), 0.0, 1.0) : step(at, t);
        c = mix(c, loom_premultiply(pc.colors[i]), k);
        previous = at;
    }
    return c;
}

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 p = (uv - pc.center) * vec2(pc.aspect, 1.0);
    float t;
    if (OP_TYPE == 1) {
        t = length(p) / max(pc.radius, 1e-6);
    } else if (OP_TYPE == 2) {
        // atan(0, 0) is undefined: the centre pixel of an odd size (p is 0 there, up to the
        // rounding of uv) takes the start of the ramp.
        float a = dot(p, p) < 1e-12 ? pc.angle : atan(p.y, p.x);
        t = fract((a - pc.angle) / 6.28318530718 + 1.0);
    } else if (OP_TYPE == 3) {
        float c = cos(pc.angle), s = sin(pc.angle);
        vec2 q = vec2(c * p.x + s * p.y, -s * p.x + c * p.y);
        t = (abs(q.x) + abs(q.y)) / max(pc.radius, 1e-6);
    } else {
        vec2 dir = vec2(cos(pc.angle), sin(pc.angle));
        // Project onto the direction; the ramp spans the canvas along it, centred on `center`.
        float extent = abs(dir.x) * pc.aspect + abs(dir.y);
        t = dot(p, dir) / max(extent, 1e-6) + 0.5;
    }
    t *= pc.repeat;
    if (pc.repeat > 1.0) t = fract(t);
    return ramp(clamp(t, 0.0, 1.0));
}
