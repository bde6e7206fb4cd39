// Blur by convolution in shared-memory tiles: one direction of a separable Gaussian or box, for
// an input of the output's size in a format of 16 bits a channel or less (16-bit floats hold
// them exactly or, for 8-bit pixels, within 0.06 of an 8-bit step).
//
// A workgroup covers LOOM_TILE_LINES lines (rows for LOOM_BLUR_AXIS 0, columns for 1) and
// LOOM_TILE_STEPS x LOOM_TILE_OUTPUTS pixels along each. It first reads the input those outputs
// need — its pixels plus `radius` on each side, clamped at the edges — once into shared memory
// as 16-bit floats (a fetch each, coalesced), then each invocation sums LOOM_TILE_OUTPUTS (4)
// consecutive outputs of one line, 4 taps at a time: a window of 7 pixels read once from shared
// memory feeds 16 multiply-adds held in registers. Taps run from -radius to radius in whole
// blocks of 4 (the ones past radius weigh 0). Gaussian weights are q^(t*t), found by a
// recurrence from the CPU's first weight and ratio (w(t+1) = w(t) * q^(2t+1)), so no tap pays
// for an exp(); a box has q = 1. The sum is normalised by the CPU's total of the weights.
#version 460
#extension GL_EXT_control_flow_attributes : require

#ifndef LOOM_BLUR_AXIS
#define LOOM_BLUR_AXIS 0
#endif
#ifndef LOOM_TILE_LEN  // pixels per line held in shared memory: the C++ side sizes it
#define LOOM_TILE_LEN 119
#endif
#define LOOM_TILE_LINES 32
#define LOOM_TILE_SPAN 64
#define LOOM_TILE_OUTPUTS 4
#define LOOM_TILE_STEPS (LOOM_TILE_SPAN / LOOM_TILE_OUTPUTS)

layout(local_size_x = LOOM_TILE_LINES, local_size_y = LOOM_TILE_STEPS) in;

layout(set = 0, binding = 0) uniform writeonly image2D loom_output;
layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    float first;      // the weight of tap -radius: q^(radius^2)
    float ratio;      // w(-radius + 1) / w(-radius): q^(1 - 2 radius)
    float q2;         // q^2: how the ratio grows each tap
    float inv_total;  // 1 / the sum of the weights of taps -radius..radius
    int radius;
} pc;

// [position along the line][line], one column of padding so that both the loads (consecutive
// positions) and the sums (consecutive lines) fall in different banks.
shared uvec2 tile[LOOM_TILE_LEN][LOOM_TILE_LINES + 1];

vec4 tile_texel(int at, uint line) {
    uvec2 t = tile[at][line];
    return vec4(unpackHalf2x16(t.x), unpackHalf2x16(t.y));
}

void main() {
    ivec2 size = imageSize(loom_output);
#if LOOM_BLUR_AXIS == 0
    ivec2 origin = ivec2(gl_WorkGroupID.xy) * ivec2(LOOM_TILE_SPAN, LOOM_TILE_LINES);
#else
    ivec2 origin = ivec2(gl_WorkGroupID.xy) * ivec2(LOOM_TILE_LINES, LOOM_TILE_SPAN);
#endif
    const int blocks = (2 * pc.radius + LOOM_TILE_OUTPUTS) / LOOM_TILE_OUTPUTS;  // ceil((2r + 1) / outputs)
    const int len = LOOM_TILE_SPAN + blocks * LOOM_TILE_OUTPUTS - 1;
#if LOOM_BLUR_AXIS == 0
    // Each line's pixels start at a power of two (no division per pixel); those past len idle.
    const int shift = findMSB(len - 1) + 1;
    const int count = LOOM_TILE_LINES << shift;
#else
    const int count = len * LOOM_TILE_LINES;
#endif
    for (int i = int(gl_LocalInvocationIndex); i < count; i += LOOM_TILE_LINES * LOOM_TILE_STEPS) {
#if LOOM_BLUR_AXIS == 0
        int at = i & ((1 << shift) - 1), line = i >> shift;  // along a row: a warp's fetches are one row
        if (at >= len) continue;
        ivec2 p = ivec2(origin.x - pc.radius + at, origin.y + line);
#else
        int at = i / LOOM_TILE_LINES, line = i % LOOM_TILE_LINES;  // 32 columns side by side
        ivec2 p = ivec2(origin.x + line, origin.y - pc.radius + at);
#endif
        vec4 v = texelFetch(u_input, clamp(p, ivec2(0), size - 1), 0);
        tile[at][line] = uvec2(packHalf2x16(v.xy), packHalf2x16(v.zw));
    }
    barrier();

    const uint line = gl_LocalInvocationID.x;
    const int base = int(gl_LocalInvocationID.y) * LOOM_TILE_OUTPUTS;
    vec4 sum[LOOM_TILE_OUTPUTS];
    [[unroll]] for (int k = 0; k < LOOM_TILE_OUTPUTS; ++k) sum[k] = vec4(0.0);
    float w = pc.first, ratio = pc.ratio;
    const int last = 2 * pc.radius;  // the last tap's index from -radius
    for (int b = 0; b < blocks; ++b) {
        const int at = base + b * LOOM_TILE_OUTPUTS;
        vec4 window[2 * LOOM_TILE_OUTPUTS - 1];
        [[unroll]] for (int u = 0; u < 2 * LOOM_TILE_OUTPUTS - 1; ++u) window[u] = tile_texel(at + u, line);
        [[unroll]] for (int u = 0; u < LOOM_TILE_OUTPUTS; ++u) {
            const float wu = b * LOOM_TILE_OUTPUTS + u <= last ? w : 0.0;
            [[unroll]] for (int k = 0; k < LOOM_TILE_OUTPUTS; ++k) sum[k] += wu * window[k + u];
            w *= ratio;
            ratio *= pc.q2;
        }
    }
    [[unroll]] for (int k = 0; k < LOOM_TILE_OUTPUTS; ++k) {
#if LOOM_BLUR_AXIS == 0
        ivec2 p = ivec2(origin.x + base + k, origin.y + int(line));
#else
        ivec2 p = ivec2(origin.x + int(line), origin.y + base + k);
#endif
        if (p.x < size.x && p.y < size.y) imageStore(loom_output, p, sum[k] * pc.inv_total);
    }
}
