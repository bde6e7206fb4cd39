// Blur: one direction of a separable Gaussian. Weights are the sampled Gaussian of `sigma`,
// normalised over taps -radius..radius; pairs of taps share one bilinear fetch placed between
// them at the ratio of their weights, which reproduces both weights exactly.
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 direction;  // one texel along the blur axis, in uv
    float sigma;
    int radius;
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 centre = textureLod(u_input, uv, 0.0);
    if (pc.radius <= 0) return centre;
    float k = -0.5 / (pc.sigma * pc.sigma);
    vec4 sum = centre;
    float total = 1.0;
    for (int i = 1; i <= pc.radius; i += 2) {
        float wa = exp(k * float(i * i));
        float wb = i + 1 <= pc.radius ? exp(k * float((i + 1) * (i + 1))) : 0.0;
        float w = wa + wb;
        vec2 d = pc.direction * (float(i) + wb / w);
        sum += (textureLod(u_input, uv + d, 0.0) + textureLod(u_input, uv - d, 0.0)) * w;
        total += 2.0 * w;
    }
    return sum / total;
}
