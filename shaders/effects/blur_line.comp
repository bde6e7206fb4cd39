// Blur along lines: one invocation walks one whole row (axis 0) or column (axis 1), so the cost
// per pixel does not grow with the blur's size. The variant for devices that are CPUs, where a
// long serial walk is cheap and every texture fetch counts.
//
// Gaussian (recursive, Deriche's fourth-order fit written as two complex poles z_k with
// weights c_k): the causal part s_k(n) = x(n) + z_k s_k(n - 1) and the anticausal part
// u_k(n) = z_k (x(n + 1) + u_k(n + 1)); the blur is Re sum c_k (s_k + u_k). The forward pass
// writes the causal sum to a float image, the backward pass adds the anticausal one. Edges
// clamp: the walks start in the steady state of the edge pixel repeated forever.
// The input has the output's size (Blur convolves an input of another size). Every choice
// between passes is a separate program: a CPU device runs both sides of a branch.
// Box: a running sum over the 2r + 1 pixels around each one, edges clamped.
#version 460

#define LOOM_BLUR_FORWARD 0
#define LOOM_BLUR_BACKWARD 1
#define LOOM_BLUR_BOX 2
#define LOOM_BLUR_CHUNKED 3
#define LOOM_BLUR_CHUNK 128
#ifndef LOOM_BLUR_PASS
#define LOOM_BLUR_PASS LOOM_BLUR_FORWARD
#endif

layout(local_size_x = 64) in;

layout(set = 0, binding = 0) uniform writeonly image2D loom_output;
layout(set = 0, binding = 1) uniform sampler2D u_input;
#if LOOM_BLUR_PASS == LOOM_BLUR_BACKWARD
layout(set = 0, binding = 2) uniform sampler2D u_causal;
#endif

layout(push_constant) uniform Push {
    vec4 z;       // the two poles (re, im, re, im)
    vec4 c;       // their weights, normalised so the blur keeps energy
    vec4 g;       // 1 / (1 - z): the causal steady state per unit of input
    vec4 zg;      // z / (1 - z): the anticausal one
    int axis;     // 0: walk rows along x, 1: walk columns along y
    int count;    // pixels along the walk
    int lines;    // rows or columns
    int pad0;
    vec2 pad1;
    int radius;   // box: pixels each side; chunked: the anticausal warm-up in pixels
} pc;

ivec2 at(int line, int i) { return pc.axis == 0 ? ivec2(i, line) : ivec2(line, i); }

vec4 fetch(int line, int i) {
    ivec2 p = at(line, clamp(i, 0, pc.count - 1));
    return texelFetch(u_input, p, 0);
}

void main() {
    int line = int(gl_GlobalInvocationID.x);
    if (line >= pc.lines) return;
    int n = pc.count;
#if LOOM_BLUR_PASS == LOOM_BLUR_FORWARD
    vec4 x = fetch(line, 0);
    vec4 s0r = x * pc.g.x, s0i = x * pc.g.y, s1r = x * pc.g.z, s1i = x * pc.g.w;
    for (int i = 0;;) {
        imageStore(loom_output, at(line, i),
                   pc.c.x * s0r - pc.c.y * s0i + pc.c.z * s1r - pc.c.w * s1i);
        if (++i == n) break;
        x = fetch(line, i);
        vec4 r0 = x + pc.z.x * s0r - pc.z.y * s0i;
        s0i = pc.z.x * s0i + pc.z.y * s0r;
        s0r = r0;
        vec4 r1 = x + pc.z.z * s1r - pc.z.w * s1i;
        s1i = pc.z.z * s1i + pc.z.w * s1r;
        s1r = r1;
    }
#elif LOOM_BLUR_PASS == LOOM_BLUR_BACKWARD
    vec4 x = fetch(line, n - 1);
    vec4 u0r = x * pc.zg.x, u0i = x * pc.zg.y, u1r = x * pc.zg.z, u1i = x * pc.zg.w;
    for (int i = n - 1;;) {
        ivec2 p = at(line, i);
        imageStore(loom_output, p, texelFetch(u_causal, p, 0) +
                                       pc.c.x * u0r - pc.c.y * u0i + pc.c.z * u1r - pc.c.w * u1i);
        if (--i < 0) break;
        // u(i) = z (x(i + 1) + u(i + 1)); x still holds x(i + 1).
        vec4 a0r = x + u0r, a0i = u0i, a1r = x + u1r, a1i = u1i;
        u0r = pc.z.x * a0r - pc.z.y * a0i;
        u0i = pc.z.x * a0i + pc.z.y * a0r;
        u1r = pc.z.z * a1r - pc.z.w * a1i;
        u1i = pc.z.z * a1i + pc.z.w * a1r;
        x = fetch(line, i);
    }
#elif LOOM_BLUR_PASS == LOOM_BLUR_CHUNKED
    // Both parts in one walk, LOOM_BLUR_CHUNK pixels at a time: the causal sums of a chunk are
    // kept with its pixels; the anticausal state entering the chunk from the right is found by
    // walking `radius` pixels beyond it (the poles decay below 1e-4 over that walk), starting
    // in the steady state of the pixel there.
    vec4 xs[LOOM_BLUR_CHUNK];
    vec4 ys[LOOM_BLUR_CHUNK];
    vec4 x = fetch(line, 0);
    vec4 s0r = x * pc.g.x, s0i = x * pc.g.y, s1r = x * pc.g.z, s1i = x * pc.g.w;
    for (int c0 = 0; c0 < n; c0 += LOOM_BLUR_CHUNK) {
        int len = min(LOOM_BLUR_CHUNK, n - c0);
        for (int j = 0; j < len; ++j) {
            if (c0 + j > 0) {
                x = fetch(line, c0 + j);
                vec4 r0 = x + pc.z.x * s0r - pc.z.y * s0i;
                s0i = pc.z.x * s0i + pc.z.y * s0r;
                s0r = r0;
                vec4 r1 = x + pc.z.z * s1r - pc.z.w * s1i;
                s1i = pc.z.z * s1i + pc.z.w * s1r;
                s1r = r1;
            }
            xs[j] = x;
            ys[j] = pc.c.x * s0r - pc.c.y * s0i + pc.c.z * s1r - pc.c.w * s1i;
        }
        int last = c0 + len - 1;
        int e = min(n - 1, last + pc.radius);
        vec4 xe = fetch(line, e);
        vec4 u0r = xe * pc.zg.x, u0i = xe * pc.zg.y, u1r = xe * pc.zg.z, u1i = xe * pc.zg.w;
        for (int i = e - 1; i >= last; --i) {
            vec4 a0r = xe + u0r, a0i = u0i, a1r = xe + u1r, a1i = u1i;
            u0r = pc.z.x * a0r - pc.z.y * a0i;
            u0i = pc.z.x * a0i + pc.z.y * a0r;
            u1r = pc.z.z * a1r - pc.z.w * a1i;
            u1i = pc.z.z * a1i + pc.z.w * a1r;
            xe = fetch(line, i);
        }
        for (int j = len - 1; j >= 0; --j) {
            imageStore(loom_output, at(line, c0 + j),
                       ys[j] + pc.c.x * u0r - pc.c.y * u0i + pc.c.z * u1r - pc.c.w * u1i);
            vec4 a0r = xs[j] + u0r, a0i = u0i, a1r = xs[j] + u1r, a1i = u1i;
            u0r = pc.z.x * a0r - pc.z.y * a0i;
            u0i = pc.z.x * a0i + pc.z.y * a0r;
            u1r = pc.z.z * a1r - pc.z.w * a1i;
            u1i = pc.z.z * a1i + pc.z.w * a1r;
        }
    }
#else
    int r = pc.radius;
    vec4 sum = vec4(0.0);
    for (int k = -r; k <= r; ++k) sum += fetch(line, k);
    float scale = 1.0 / float(2 * r + 1);
    for (int i = 0;;) {
        imageStore(loom_output, at(line, i), sum * scale);
        if (++i == n) break;
        sum += fetch(line, i + r) - fetch(line, i - r - 1);
    }
#endif
}
