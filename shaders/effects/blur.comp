// Blur by convolution: one direction of a separable Gaussian or box, one invocation per pixel.
// Gaussian weights are q^(i*i) (q = exp(-1 / (2 sigma^2)), from the CPU), normalised over taps
// -radius..radius and found by a recurrence (q^((i+1)^2) = q^(i^2) * q^(2i+1)), so no tap pays
// for an exp(); a box has q = 1. Pairs of taps share one bilinear fetch placed between them at
// the ratio of their weights, which reproduces both weights exactly.
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 direction;  // one texel along the blur axis, in uv
    float q;         // exp(-1 / (2 sigma^2)); 1 for a box
    int radius;
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 centre = textureLod(u_input, uv, 0.0);
    if (pc.radius <= 0) return centre;
    vec4 sum = centre;
    float total = 1.0;
    float q2 = pc.q * pc.q;
    float wa = pc.q;        // q^(i^2) for i = 1
    float step = pc.q * q2; // q^(2i + 1)
    for (int i = 1; i <= pc.radius; i += 2) {
        float wb = wa * step;  // q^((i+1)^2)
        step *= q2;
        if (i + 1 > pc.radius) wb = 0.0;
        float w = wa + wb;
        if (w <= 0.0) break;  // the rest weighs nothing
        vec2 d = pc.direction * (float(i) + wb / w);
        sum += (textureLod(u_input, uv + d, 0.0) + textureLod(u_input, uv - d, 0.0)) * w;
        total += 2.0 * w;
        wa = wb * step;        // q^((i+2)^2)
        step *= q2;
    }
    return sum / total;
}
