// Shape: a signed distance (negative inside, in canvas heights) turned into fill and stroke
// coverage, composited over the background.
#version 460
#include "common/pass.glsl"
#include "common/spec.glsl"
#include "common/color.glsl"

layout(push_constant) uniform Push {
    vec4 fill;
    vec4 stroke;
    vec4 background;
    vec2 center;
    vec2 scale;         // width and height, canvas heights
    float rotation;     // radians, counter-clockwise on screen
    float corner;       // rounded rectangle: 0..1 of the shorter half side
    float inner;        // star: inner radius; ring: hole (0..1 of the outer radius)
    float stroke_width;
    float pixel;        // the smoothing width, canvas heights
    float aspect;
    int type;           // circle, rectangle, rounded rectangle, triangle, star, polygon, ring, line
    int sides;
} pc;
// Compiled in on a CPU device (common/spec.glsl).
#define OP_TYPE LOOM_SPEC0(pc.type)

const float PI = 3.14159265358979;

float sd_box(vec2 p, vec2 half_size) {
    vec2 d = abs(p) - half_size;
    return length(max(d, 0.0)) + min(max(d.x, d.y), 0.0);
}

// A regular n-gon of circumradius 1, a vertex pointing up for odd n, a flat top for even n.
float sd_polygon(vec2 p, int n) {
    float half_angle = PI / float(n);
    float a = atan(p.x, -p.y) + (n % 2 == 1 ? half_angle : 0.0);
    float b = mod(a + half_angle, 2.0 * half_angle) - half_angle;  // angle from the nearest edge's normal
    vec2 q = length(p) * vec2(cos(b), abs(sin(b)));
    float apothem = cos(half_angle);
    vec2 on_edge = vec2(apothem, clamp(q.y, 0.0, sin(half_angle)));
    return length(q - on_edge) * sign(q.x - apothem);
}

// A star with n points of radius 1 and inner corners at radius k, a point up.
float sd_star(vec2 p, int n, float k) {
    float half_angle = PI / float(n);
    float a = atan(p.x, -p.y);
    float b = abs(mod(a + half_angle, 2.0 * half_angle) - half_angle);  // 0 at a point
    vec2 q = length(p) * vec2(cos(b), sin(b));
    vec2 v = vec2(1.0, 0.0), w = k * vec2(cos(half_angle), sin(half_angle));
    vec2 e = w - v;
    float h = clamp(dot(q - v, e) / dot(e, e), 0.0, 1.0);
    float d = length(q - v - e * h);
    float side = e.x * (q.y - v.y) - e.y * (q.x - v.x);  // > 0 on the centre's side of the edge
    return side > 0.0 ? -d : d;
}

float shape_distance(vec2 p) {
    vec2 half_size = 0.5 * pc.scale;
    // Shapes defined on a unit radius are stretched to the size; their distance is scaled back
    // by the shorter half side (exact for equal sides).
    vec2 u = p / half_size;
    float unit = min(half_size.x, half_size.y);
    if (OP_TYPE == 1) return sd_box(p, half_size);
    if (OP_TYPE == 2) {
        float r = pc.corner * unit;
        return sd_box(p, half_size - r) - r;
    }
    if (OP_TYPE == 3) return sd_polygon(u, 3) * unit;
    if (OP_TYPE == 4) return sd_star(u, pc.sides, pc.inner) * unit;
    if (OP_TYPE == 5) return sd_polygon(u, pc.sides) * unit;
    if (OP_TYPE == 6) {
        float mid = 0.5 * (1.0 + pc.inner), half_width = 0.5 * (1.0 - pc.inner);
        return (abs(length(u) - mid) - half_width) * unit;
    }
    if (OP_TYPE == 7) {
        float along = clamp(p.x, -half_size.x, half_size.x);
        return length(p - vec2(along, 0.0)) - half_size.y;
    }
    return (length(u) - 1.0) * unit;
}

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 p = (uv - pc.center) * vec2(pc.aspect, 1.0);
    float c = cos(pc.rotation), s = sin(pc.rotation);
    p = vec2(c * p.x - s * p.y, s * p.x + c * p.y);
    float d = shape_distance(p);
    float fill = clamp(0.5 - d / pc.pixel, 0.0, 1.0);
    vec4 result = loom_over(loom_premultiply(pc.background), pc.fill, fill);
    if (pc.stroke_width > 0.0) {
        float ds = abs(d) - 0.5 * pc.stroke_width;
        float stroke = clamp(0.5 - ds / pc.pixel, 0.0, 1.0);
        result = loom_over(result, pc.stroke, stroke);
    }
    return result;
}
