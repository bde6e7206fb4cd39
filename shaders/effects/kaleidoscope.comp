// Kaleidoscope: fold the angle around the centre into one mirrored wedge.
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 center;
    int segments;
    float angle;        // radians
    float zoom;
    float aspect;       // width / height
} pc;

const float TAU = 6.28318530718;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 p = (uv - pc.center) * vec2(pc.aspect, 1.0);
    float r = length(p) / pc.zoom;
    float wedge = TAU / float(pc.segments);
    float a = (r == 0.0) ? 0.0 : atan(p.y, p.x) - pc.angle;  // atan(0, 0) is undefined
    a = mod(a, wedge);
    if (a > 0.5 * wedge) a = wedge - a;  // every other wedge mirrored: no seams
    a += pc.angle;
    vec2 q = r * vec2(cos(a), sin(a));
    return textureLod(u_input, q / vec2(pc.aspect, 1.0) + pc.center, 0.0);
}
