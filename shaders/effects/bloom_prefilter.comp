// Bloom, step 1: keep what is brighter than the threshold (with a soft knee) while halving the
// size. Four bilinear taps cover a 4x4 texel box, so the downsample does not alias; their Karis
// average keeps single bright pixels from flickering.
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 texel;      // the taps' spacing in uv: one pixel of the operator's size
    vec2 step;       // one pixel of the operator's size in uv
    float threshold;
    float knee;      // 0: hard cut; 1: a soft ramp as wide as the threshold
} pc;

vec3 prefilter(vec3 c) {
    float brightness = max(c.r, max(c.g, c.b));
    float k = max(pc.threshold * pc.knee, 1e-5);
    float soft = clamp(brightness - pc.threshold + k, 0.0, 2.0 * k);
    soft = soft * soft / (4.0 * k);
    float contribution = max(soft, brightness - pc.threshold) / max(brightness, 1e-5);
    return c * contribution;
}

// Karis average: each tap weighted by 1 / (1 + its brightness), so one very bright pixel (a
// firefly) adds about as much as one of brightness 1 instead of flickering through every level.
vec3 tap(vec2 at, inout float weight) {
    vec3 c = max(textureLod(u_input, at, 0.0).rgb, vec3(0.0));
    float w = 1.0 / (1.0 + max(c.r, max(c.g, c.b)));
    weight += w;
    return c * w;
}

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    // The centre of this pixel's 2x2 block, from the pixel index: exact for odd sizes too.
    vec2 centre = (2.0 * vec2(pixel) + 1.0) * pc.step;
    vec2 t = pc.texel;
    float weight = 0.0;
    vec3 c = tap(centre + vec2(-t.x, -t.y), weight) + tap(centre + vec2(t.x, -t.y), weight) +
             tap(centre + vec2(-t.x, t.y), weight) + tap(centre + vec2(t.x, t.y), weight);
    return vec4(prefilter(c / weight), 1.0);
}
