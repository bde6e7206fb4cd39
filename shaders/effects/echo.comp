// Echo: `count` past frames `spacing` apart, weighted decay^k, blended, maxed or added.
#version 460
#include "common/pass.glsl"
#include "common/spec.glsl"
#include "effects/frame_ring.glsl"

layout(set = 0, binding = 1) uniform sampler2DArray u_ring;

layout(push_constant) uniform Push {
    float decay;
    int count;
    int spacing;
    int mode;           // 0 blend, 1 max, 2 add
    int head;
    int layers;
    int available;
} pc;
// Compiled in on a CPU device (common/spec.glsl).
#define OP_MODE LOOM_SPEC0(pc.mode)

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 sum = vec4(0.0);
    vec4 brightest = vec4(0.0);
    float total = 0.0;
    float w = 1.0;
    // Echoes older than the ring holds yet are left out (rather than repeating the oldest).
    for (int k = 0; k < pc.count && k * pc.spacing < pc.available; ++k) {
        vec4 c = ring_frame(u_ring, uv, float(k * pc.spacing), pc.head, pc.layers, pc.available);
        sum += w * c;
        brightest = max(brightest, w * c);
        total += w;
        w *= pc.decay;
    }
    if (OP_MODE == 1) return brightest;
    if (OP_MODE == 2) return sum;
    return total > 0.0 ? sum / total : vec4(0.0);
}
