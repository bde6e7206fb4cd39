// Noise: fractal (fBm) Perlin, Simplex, Worley or Value noise, mapped between two colours.
// Animated by moving through the third dimension: octave k is at z[k] = time * speed *
// lacunarity^k, wrapped by the CPU at LOOM_NOISE_WRAP (each octave repeats exactly there, so
// the wrap is invisible, and float precision holds over days).
//
// With LOOM_NOISE_SHARED_GRADIENTS 1 (on a GPU: a CPU device pays more for the barriers than
// it saves), Perlin shares its gradients across the workgroup: each octave, the 64 invocations of an 8x8
// block compute the gradients of the 4x4x2 lattice corners around the block's first pixel once,
// into shared memory, and each pixel whose cell lies inside reads its 8 from there (a pixel
// outside, where cells are smaller than a block's reach or the wrap falls inside it, computes
// its own). The numbers are the same either way: loom_gradient of the same corner.
#version 460
#define LOOM_PASS_OWN_MAIN
#ifndef LOOM_NOISE_SHARED_GRADIENTS
#define LOOM_NOISE_SHARED_GRADIENTS 1
#endif
#include "common/pass.glsl"
#include "common/color.glsl"
#include "common/noise.glsl"

layout(push_constant) uniform Push {
    vec4 color_a;
    vec4 color_b;
    vec2 offset;
    float aspect;      // width / height, so cells stay square
    float scale;
    float lacunarity;
    float gain;
    int type;          // 0 perlin, 1 simplex, 2 worley, 3 value
    int octaves;
    uint seed;
    uint pad;
    float z[8];        // per octave
} pc;

float basis(vec3 p, uint seed) {
    if (pc.type == 1) return loom_simplex(p, seed);
    if (pc.type == 2) return loom_worley(p, seed);
    if (pc.type == 3) return loom_value(p, seed);
    return loom_perlin(p, seed);
}

// Corners cached per octave: kCache x kCache in x and y around the block's first cell, 2 in z.
const int kCache = 4;
shared vec3 corner_gradients[2][kCache][kCache];

vec3 cached_gradient(ivec3 d) { return corner_gradients[d.z][d.y][d.x]; }

// Perlin at p, reading the corners from the cache when p's cell is within it (cell - base in
// [0, kCache - 2] on x and y: its +1 corners are cached too).
float perlin_cached(vec3 p, uint seed, ivec3 base) {
    ivec3 i = loom_cell(p);
    ivec3 d = i - base;
    if (d.z != 0 || any(lessThan(d.xy, ivec2(0))) || any(greaterThan(d.xy, ivec2(kCache - 2))))
        return loom_perlin(p, seed);
    return loom_perlin_corners(p - floor(p), cached_gradient(d + ivec3(0, 0, 0)), cached_gradient(d + ivec3(1, 0, 0)),
                               cached_gradient(d + ivec3(0, 1, 0)), cached_gradient(d + ivec3(1, 1, 0)),
                               cached_gradient(d + ivec3(0, 0, 1)), cached_gradient(d + ivec3(1, 0, 1)),
                               cached_gradient(d + ivec3(0, 1, 1)), cached_gradient(d + ivec3(1, 1, 1)));
}

vec2 noise_xy(vec2 uv) { return vec2(uv.x * pc.aspect, uv.y) * pc.scale + pc.offset; }

// The summed octaves to the output colour.
vec4 shade(float sum, float norm) {
    // Dividing by the root of the summed squared amplitudes keeps the contrast of one octave
    // however many are added (dividing by the plain sum would flatten it towards grey).
    float v = sum / sqrt(max(norm, 1e-12));
    if (pc.type == 2)
        v = sum / max(sqrt(norm) * 1.2, 1e-6);  // Worley stays positive: distance-like
    else
        v = 0.5 + 0.5 * v;  // signed noises to [0, 1]
    return mix(loom_premultiply(pc.color_a), loom_premultiply(pc.color_b), clamp(v, 0.0, 1.0));
}

// `first_uv`: the uv of the workgroup's first pixel, where the gradient cache starts.
vec4 fractal(vec2 uv, vec2 first_uv) {
    vec2 xy = noise_xy(uv), first_xy = noise_xy(first_uv);
    float sum = 0.0, amp = 1.0, norm = 0.0;
    for (int i = 0; i < pc.octaves; ++i) {
        // mod() keeps the coordinates small (precise) and changes nothing: the noise repeats there.
        vec3 p = vec3(mod(xy, LOOM_NOISE_WRAP), pc.z[i]);
        uint seed = pc.seed + uint(i) * 1013u;
#if LOOM_NOISE_SHARED_GRADIENTS
        if (pc.type == 0) {  // uniform: the whole workgroup takes this branch, barriers included
            ivec3 base = loom_cell(vec3(mod(first_xy, LOOM_NOISE_WRAP), pc.z[i]));
            uint t = gl_LocalInvocationIndex;
            barrier();  // the previous octave's reads are done
            if (t < uint(2 * kCache * kCache)) {
                ivec3 c = ivec3(int(t) % kCache, (int(t) / kCache) % kCache, int(t) / (kCache * kCache));
                corner_gradients[c.z][c.y][c.x] = loom_gradient(base + c, seed);
            }
            barrier();
            sum += amp * perlin_cached(p, seed, base);
        } else {
            sum += amp * basis(p, seed);
        }
#else
        sum += amp * basis(p, seed);
#endif
        norm += amp * amp;
        amp *= pc.gain;
        xy *= pc.lacunarity;
        first_xy *= pc.lacunarity;
    }
    return shade(sum, norm);
}

void main() {
    ivec2 size = imageSize(loom_output);
    ivec2 pixel = ivec2(gl_GlobalInvocationID.xy);
    // Pixels past the edge run along (the barriers need every invocation) and store nothing.
    vec2 uv = (vec2(pixel) + 0.5) / vec2(size);
    vec2 first_uv = (vec2(gl_WorkGroupID.xy * gl_WorkGroupSize.xy) + 0.5) / vec2(size);
    vec4 c = fractal(uv, first_uv);
    if (pixel.x < size.x && pixel.y < size.y) imageStore(loom_output, pixel, c);
}
