// Blur: one direction of a separable Gaussian. Weights are the sampled Gaussian of `sigma`,
// normalised over taps -radius..radius; pairs of taps share one bilinear fetch placed between
// them at the ratio of their weights, which reproduces both weights exactly.
#version 460

layout(location = 0) in vec2 v_uv;
layout(location = 0) out vec4 o_color;
layout(set = 0, binding = 0) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 direction;  // one texel along the blur axis, in uv
    float sigma;
    int radius;
} pc;

void main() {
    if (pc.radius <= 0) {
        o_color = texture(u_input, v_uv);
        return;
    }
    float k = -0.5 / (pc.sigma * pc.sigma);
    float w0 = 1.0;
    vec4 sum = texture(u_input, v_uv) * w0;
    float total = w0;
    for (int i = 1; i <= pc.radius; i += 2) {
        float wa = exp(k * float(i * i));
        float wb = i + 1 <= pc.radius ? exp(k * float((i + 1) * (i + 1))) : 0.0;
        float w = wa + wb;
        float offset = float(i) + wb / w;
        vec2 d = pc.direction * offset;
        sum += (texture(u_input, v_uv + d) + texture(u_input, v_uv - d)) * w;
        total += 2.0 * w;
    }
    o_color = sum / total;
}
