// Dither: quantise with a per-pixel threshold from an ordered or noise pattern.
#version 460
#include "common/pass.glsl"
#include "common/spec.glsl"
#include "common/color.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;
layout(set = 0, binding = 2) uniform sampler2D u_blue_noise;  // 64x64 thresholds (void and cluster)

layout(push_constant) uniform Push {
    int pattern;        // bayer2, bayer4, bayer8, noise, blue noise
    int levels;
    float scale;        // pixels per pattern cell
    int monochrome;
} pc;
// Compiled in on a CPU device (common/spec.glsl).
#define OP_PATTERN LOOM_SPEC0(pc.pattern)

// The Bayer matrix of size 2^bits at p, as a threshold in (0, 1). Each bit level of (x, y)
// picks a quadrant code (0, 2, 3, 1); the lowest bits weigh most.
float bayer(uvec2 p, int bits) {
    uint v = 0u;
    for (int i = 0; i < bits; ++i) {
        uint bx = (p.x >> uint(i)) & 1u, by = (p.y >> uint(i)) & 1u;
        v += (((bx ^ by) << 1u) | by) << uint(2 * (bits - 1 - i));
    }
    return (float(v) + 0.5) / float(1 << (2 * bits));
}

// Interleaved gradient noise: a cheap, evenly spread per-pixel threshold.
float gradient_noise(vec2 p) { return fract(52.9829189 * fract(dot(p, vec2(0.06711056, 0.00583715)))); }

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 c = loom_unpremultiply(textureLod(u_input, uv, 0.0));
    vec2 cell = floor(vec2(pixel) / pc.scale);
    float t = OP_PATTERN == 4 ? texelFetch(u_blue_noise, ivec2(uvec2(cell) % 64u), 0).r
            : OP_PATTERN == 3 ? gradient_noise(cell)
                              : bayer(uvec2(cell), OP_PATTERN + 1);
    float steps = float(pc.levels - 1);
    vec3 v = pc.monochrome != 0 ? vec3(loom_luminance(c.rgb)) : c.rgb;
    return loom_premultiply(vec4(floor(clamp(v, 0.0, 1.0) * steps + t) / steps, c.a));
}
