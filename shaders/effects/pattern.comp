// Pattern: checker, stripes, dots or grid, filtered over the pixel's footprint (no aliasing at
// small cells).
#version 460
#include "common/pass.glsl"
#include "common/spec.glsl"
#include "common/color.glsl"

layout(push_constant) uniform Push {
    vec4 color_a;
    vec4 color_b;
    vec2 offset;    // cells
    float scale;    // cells per canvas height
    float angle;    // radians
    float width;    // share of a cell in color_b
    float pixel;    // the smoothing width, in cells
    float aspect;
    int type;       // checker, stripes, dots, grid
} pc;
// Compiled in on a CPU device (common/spec.glsl).
#define OP_TYPE LOOM_SPEC0(pc.type)

// The integral of a square wave that is +1 on [0, 1) and -1 on [1, 2).
float square_integral(float x) { return 1.0 - abs(2.0 * fract(0.5 * x) - 1.0); }

// The square wave averaged over [x - w/2, x + w/2].
float filtered_square(float x, float w) {
    return (square_integral(x + 0.5 * w) - square_integral(x - 0.5 * w)) / w;
}

float coverage(float d) { return clamp(0.5 - d / pc.pixel, 0.0, 1.0); }

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 p = (uv - 0.5) * vec2(pc.aspect, 1.0);
    float c = cos(pc.angle), s = sin(pc.angle);
    p = vec2(c * p.x - s * p.y, s * p.x + c * p.y) * pc.scale + pc.offset;
    float t;
    if (OP_TYPE == 1) {
        t = coverage(abs(fract(p.x) - 0.5) - 0.5 * pc.width);
    } else if (OP_TYPE == 2) {
        t = coverage(length(fract(p) - 0.5) - 0.5 * pc.width);
    } else if (OP_TYPE == 3) {
        vec2 g = abs(fract(p + 0.5) - 0.5);
        t = coverage(min(g.x, g.y) - 0.5 * pc.width);
    } else {
        float w = max(pc.pixel, 1e-4);
        t = 0.5 - 0.5 * filtered_square(p.x, w) * filtered_square(p.y, w);
    }
    return mix(loom_premultiply(pc.color_a), loom_premultiply(pc.color_b), t);
}
