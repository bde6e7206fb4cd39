// Downsample: each output pixel the area-weighted average of the input pixels its footprint
// covers (box), or the input pixel at its centre (nearest).
#version 460
#include "common/pass.glsl"
#include "common/spec.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    int filter_kind;    // 0 box, 1 nearest
} pc;
// Compiled in on a CPU device (common/spec.glsl).
#define OP_FILTER LOOM_SPEC0(pc.filter_kind)

const int kMaxSpan = 64;  // input pixels read per side; wider footprints are sampled on a grid

// How much of input pixel i the footprint [a, b) covers along one axis.
float axis_weight(int i, float a, float b) { return min(b, float(i + 1)) - max(a, float(i)); }

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    ivec2 in_size = textureSize(u_input, 0);
    vec2 ratio = vec2(in_size) / vec2(imageSize(loom_output));
    vec2 a = vec2(pixel) * ratio;
    vec2 b = a + ratio;
    if (OP_FILTER == 1) return texelFetch(u_input, clamp(ivec2(floor((a + b) * 0.5)), ivec2(0), in_size - 1), 0);
    ivec2 first = ivec2(floor(a));
    ivec2 last = min(ivec2(ceil(b)) - 1, in_size - 1);
    ivec2 span = last - first + 1;
    vec4 sum = vec4(0.0);
    float total = 0.0;
    if (span.x <= kMaxSpan && span.y <= kMaxSpan) {
        for (int y = first.y; y <= last.y; ++y) {
            float wy = axis_weight(y, a.y, b.y);
            for (int x = first.x; x <= last.x; ++x) {
                float w = wy * axis_weight(x, a.x, b.x);
                sum += w * texelFetch(u_input, ivec2(x, y), 0);
                total += w;
            }
        }
    } else {
        ivec2 n = min(span, ivec2(kMaxSpan));
        for (int y = 0; y < n.y; ++y)
            for (int x = 0; x < n.x; ++x) {
                vec2 p = a + (vec2(x, y) + 0.5) * (b - a) / vec2(n);
                sum += texelFetch(u_input, clamp(ivec2(floor(p)), ivec2(0), in_size - 1), 0);
                total += 1.0;
            }
    }
    return sum / max(total, 1e-6);
}
