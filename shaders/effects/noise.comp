// Noise: fractal (fBm) Perlin, Simplex, Worley or Value noise, mapped between two colours.
// Animated by moving through the third dimension: octave k is at z[k] = time * speed *
// lacunarity^k, wrapped by the CPU at LOOM_NOISE_WRAP (each octave repeats exactly there, so
// the wrap is invisible, and float precision holds over days).
//
// A workgroup of 8x8 invocations covers LOOM_NOISE_SPAN x LOOM_NOISE_SPAN pixels (16 with shared
// corners, each invocation 2x2 of them; 8 without), invocation (i, j) the pixels (i + 8a, j + 8b).
//
// With LOOM_NOISE_SHARED_GRADIENTS 1 (always on a GPU; on a CPU device only where the folded
// corners alone cover every pixel, see LOOM_FOLDED_ONLY), Perlin shares its corners across the
// workgroup. An octave's z is the same for every
// pixel, so each lattice column (x, y) of the cell's two z layers folds into one plane: the
// z-interpolated sum of its two gradient terms, a.x * (fx - x) + a.y * (fy - y) + c. Before
// any pixel, the workgroup folds the 4x4 columns around its first pixel's cell for every octave
// into shared memory, all 64 invocations sharing the work, behind one barrier; then each pixel
// whose cell lies inside blends its 4 planes an octave (a pixel outside, where cells are smaller
// than a workgroup's reach or the wrap falls inside it, computes the 3D noise itself). That is
// the same sum as the per-pixel path in another order: the same numbers to float rounding.
#version 460
#define LOOM_PASS_OWN_MAIN
#ifndef LOOM_NOISE_SHARED_GRADIENTS
#define LOOM_NOISE_SHARED_GRADIENTS 1
#endif
#ifndef LOOM_NOISE_SPAN
#define LOOM_NOISE_SPAN 16
#endif
#include "common/pass.glsl"
#include "common/color.glsl"
#include "common/noise.glsl"
#include "common/spec.glsl"

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

// The type, compiled in on a CPU device (common/spec.glsl). There, Perlin's shared path is only
// taken where the CPU found that every octave's cells are wide enough for each workgroup's
// pixels to fall among the folded columns, and no octave's wrap seam crosses the image
// (effects/src/noise.cpp, folded_corners_cover()): constant 1 is then 1, and the per-pixel
// fallback, which llvmpipe would run for every pixel whether taken or not, is left out.
#define NOISE_TYPE LOOM_SPEC0(pc.type)
#define LOOM_FOLDED_ONLY (loom_spec1 == 1)

float basis(vec3 p, uint seed) {
    if (NOISE_TYPE == 1) return loom_simplex(p, seed);
    if (NOISE_TYPE == 2) return loom_worley(p, seed);
    if (NOISE_TYPE == 3) return loom_value(p, seed);
    return loom_perlin(p, seed);
}

// Columns cached for every octave: kCache x kCache around the workgroup's first cell, each
// folded to its plane (a.x, a.y, c) at the octave's z; and each octave's first cell.
// The C++ side passes both (its check of which frames the folded corners cover uses them).
#ifndef LOOM_NOISE_CACHE
#define LOOM_NOISE_CACHE 4
#endif
#ifndef LOOM_NOISE_MAX_OCTAVES
#define LOOM_NOISE_MAX_OCTAVES 8
#endif
const int kCache = LOOM_NOISE_CACHE;
const int kMaxOctaves = LOOM_NOISE_MAX_OCTAVES;
shared vec3 corner_planes[kMaxOctaves][kCache][kCache];
shared ivec2 octave_base[kMaxOctaves];

// The plane of a lattice column whose gradients are g0 (the cell's z layer) and g1 (the next),
// at the fraction fz of z in its cell (uz = its fade): mix(dot(g0, (dx, dy, fz)), dot(g1, (dx,
// dy, fz - 1)), uz) = a.x * dx + a.y * dy + c.
vec3 fold_column(vec3 g0, vec3 g1, float fz, float uz) {
    return vec3(mix(g0.xy, g1.xy, uz), mix(g0.z * fz, g1.z * (fz - 1.0), uz));
}

// Perlin of octave o from the fraction f of a pixel in its cell, the planes of its 4 corner
// columns at d.
float perlin_planes(int o, vec2 f, ivec2 d) {
    vec3 p00 = corner_planes[o][d.y][d.x], p10 = corner_planes[o][d.y][d.x + 1];
    vec3 p01 = corner_planes[o][d.y + 1][d.x], p11 = corner_planes[o][d.y + 1][d.x + 1];
    vec2 u = f * f * f * (f * (f * 6.0 - 15.0) + 10.0);
    vec2 g = f - 1.0;
    float n00 = p00.x * f.x + (p00.y * f.y + p00.z);
    float n10 = p10.x * g.x + (p10.y * f.y + p10.z);
    float n01 = p01.x * f.x + (p01.y * g.y + p01.z);
    float n11 = p11.x * g.x + (p11.y * g.y + p11.z);
    return 1.6 * mix(mix(n00, n10, u.x), mix(n01, n11, u.x), u.y);
}

vec2 noise_xy(vec2 uv) { return vec2(uv.x * pc.aspect, uv.y) * pc.scale + pc.offset; }

// The summed octaves to the output colour.
vec4 shade(float sum, float norm) {
    // Dividing by the root of the summed squared amplitudes keeps the contrast of one octave
    // however many are added (dividing by the plain sum would flatten it towards grey).
    float v = sum / sqrt(max(norm, 1e-12));
    if (NOISE_TYPE == 2)
        v = sum / max(sqrt(norm) * 1.2, 1e-6);  // Worley stays positive: distance-like
    else
        v = 0.5 + 0.5 * v;  // signed noises to [0, 1]
    return mix(loom_premultiply(pc.color_a), loom_premultiply(pc.color_b), clamp(v, 0.0, 1.0));
}

// Folds every octave's columns around the cell of `first_xy` (the noise position of the
// workgroup's first pixel) into shared memory; every invocation calls it, then the barrier.
// Each octave's position is scaled exactly as fractal() scales a pixel's, so the cells agree.
void fold_octaves(vec2 first_xy) {
    const int per_octave = kCache * kCache;
    int count = min(pc.octaves, kMaxOctaves) * per_octave;
    for (int job = int(gl_LocalInvocationIndex); job < count; job += 64) {
        int o = job / per_octave;
        ivec3 c = ivec3(job % kCache, (job / kCache) % kCache, 0);
        vec2 xy = first_xy;
        for (int k = 0; k < o; ++k) xy *= pc.lacunarity;
        ivec3 base = loom_cell(vec3(mod(xy, LOOM_NOISE_WRAP), pc.z[o]));
        uint seed = pc.seed + uint(o) * 1013u;
        float fz = pc.z[o] - floor(pc.z[o]);
        corner_planes[o][c.y][c.x] = fold_column(loom_gradient(base + c, seed),
                                                 loom_gradient(base + c + ivec3(0, 0, 1), seed), fz,
                                                 loom_fade(vec3(fz)).x);
        if (c.x == 0 && c.y == 0) octave_base[o] = base.xy;
    }
    barrier();
}

// The summed octaves at uv; `shared_corners`: Perlin reads the folded columns (fold_octaves()).
vec4 fractal(vec2 uv, bool shared_corners) {
    vec2 xy = noise_xy(uv);
    float sum = 0.0, amp = 1.0, norm = 0.0;
    for (int i = 0; i < pc.octaves; ++i) {
        // mod() keeps the coordinates small (precise) and changes nothing: the noise repeats there.
        vec3 p = vec3(mod(xy, LOOM_NOISE_WRAP), pc.z[i]);
        uint seed = pc.seed + uint(i) * 1013u;
#if LOOM_NOISE_SHARED_GRADIENTS
        // d is used only with shared_corners (Perlin), after fold_octaves() wrote octave_base.
        ivec2 d = ivec2(mod(floor(p.xy), LOOM_NOISE_WRAP)) - octave_base[min(i, kMaxOctaves - 1)];
        if (LOOM_FOLDED_ONLY)  // every pixel's cell is among the folded ones (the CPU checked)
            sum += amp * perlin_planes(min(i, kMaxOctaves - 1), p.xy - floor(p.xy), clamp(d, ivec2(0), ivec2(kCache - 2)));
        else if (shared_corners && i < kMaxOctaves && all(greaterThanEqual(d, ivec2(0))) &&
                 all(lessThanEqual(d, ivec2(kCache - 2))))
            sum += amp * perlin_planes(i, p.xy - floor(p.xy), d);
        else
            sum += amp * basis(p, seed);
#else
        sum += amp * basis(p, seed);
#endif
        norm += amp * amp;
        amp *= pc.gain;
        xy *= pc.lacunarity;
    }
    return shade(sum, norm);
}

void main() {
    ivec2 size = imageSize(loom_output);
#if LOOM_NOISE_SHARED_GRADIENTS
    ivec2 origin = ivec2(gl_WorkGroupID.xy) * LOOM_NOISE_SPAN;
    // Uniform: the whole workgroup takes this branch, barrier included. Invocations whose pixels
    // are all past the edge run along for it and store nothing.
    const bool shared_corners = NOISE_TYPE == 0;
    if (shared_corners) fold_octaves(noise_xy((vec2(origin) + 0.5) / vec2(size)));
    for (int b = 0; b < LOOM_NOISE_SPAN / 8; ++b) {
        for (int a = 0; a < LOOM_NOISE_SPAN / 8; ++a) {
            ivec2 pixel = origin + ivec2(gl_LocalInvocationID.xy) + ivec2(8 * a, 8 * b);
            if (pixel.x >= size.x || pixel.y >= size.y) continue;
            imageStore(loom_output, pixel, fractal((vec2(pixel) + 0.5) / vec2(size), shared_corners));
        }
    }
#else
    // A CPU device: a pixel an invocation, straight through (loops around the store cost lavapipe
    // a third more).
    ivec2 pixel = ivec2(gl_GlobalInvocationID.xy);
    if (pixel.x >= size.x || pixel.y >= size.y) return;
    imageStore(loom_output, pixel, fractal((vec2(pixel) + 0.5) / vec2(size), false));
#endif
}
