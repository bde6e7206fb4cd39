// Bloom, step 1: keep what is brighter than the threshold (with a soft knee) while halving the
// size. Four bilinear taps cover a 4x4 texel box, so the downsample does not alias.
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 texel;      // one source texel in uv
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

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 t = pc.texel;
    vec3 c = textureLod(u_input, uv + vec2(-t.x, -t.y), 0.0).rgb + textureLod(u_input, uv + vec2(t.x, -t.y), 0.0).rgb +
             textureLod(u_input, uv + vec2(-t.x, t.y), 0.0).rgb + textureLod(u_input, uv + vec2(t.x, t.y), 0.0).rgb;
    return vec4(prefilter(max(c * 0.25, vec3(0.0))), 1.0);
}
