// Noise functions, each returning roughly [-1, 1] (Worley: [0, 1], distance to the nearest point).
#ifndef LOOM_NOISE_GLSL
#define LOOM_NOISE_GLSL

#include "hash.glsl"

// Every noise here repeats exactly every LOOM_NOISE_WRAP units on each axis (3 lattice periods:
// the simplex lattice is skewed by 1/3), so callers wrap coordinates with mod() for precision
// and time without a visible pop.
#define LOOM_NOISE_WRAP 3072.0

// The lattice cell of p, always a representable int (floor() of a huge float is not).
ivec3 loom_cell(vec3 p) { return ivec3(mod(floor(p), LOOM_NOISE_WRAP)); }

vec3 loom_fade(vec3 t) { return t * t * t * (t * (t * 6.0 - 15.0) + 10.0); }

// A unit gradient direction per lattice point.
vec3 loom_gradient(ivec3 p, uint seed) {
    vec3 r = loom_rand3(p, seed);
    float z = r.x * 2.0 - 1.0;
    float a = r.y * 6.28318530718;
    float s = sqrt(max(0.0, 1.0 - z * z));
    return vec3(s * cos(a), s * sin(a), z);
}

// Perlin noise from the fraction f of p in its cell and the gradients at the cell's 8 corners
// (gXYZ: corner cell + (X, Y, Z)), for loom_perlin and for a project's shader that has the
// gradients from elsewhere. (effects/noise.comp's GPU path folds each column's two gradients
// into a plane instead: the same sum in another order.)
float loom_perlin_corners(vec3 f, vec3 g000, vec3 g100, vec3 g010, vec3 g110, vec3 g001, vec3 g101, vec3 g011,
                          vec3 g111) {
    vec3 u = loom_fade(f);
    float n000 = dot(g000, f - vec3(0, 0, 0));
    float n100 = dot(g100, f - vec3(1, 0, 0));
    float n010 = dot(g010, f - vec3(0, 1, 0));
    float n110 = dot(g110, f - vec3(1, 1, 0));
    float n001 = dot(g001, f - vec3(0, 0, 1));
    float n101 = dot(g101, f - vec3(1, 0, 1));
    float n011 = dot(g011, f - vec3(0, 1, 1));
    float n111 = dot(g111, f - vec3(1, 1, 1));
    float nx00 = mix(n000, n100, u.x), nx10 = mix(n010, n110, u.x);
    float nx01 = mix(n001, n101, u.x), nx11 = mix(n011, n111, u.x);
    return 1.6 * mix(mix(nx00, nx10, u.y), mix(nx01, nx11, u.y), u.z);
}

// Gradient (Perlin) noise.
float loom_perlin(vec3 p, uint seed) {
    ivec3 i = loom_cell(p);
    return loom_perlin_corners(p - floor(p), loom_gradient(i + ivec3(0, 0, 0), seed),
                               loom_gradient(i + ivec3(1, 0, 0), seed), loom_gradient(i + ivec3(0, 1, 0), seed),
                               loom_gradient(i + ivec3(1, 1, 0), seed), loom_gradient(i + ivec3(0, 0, 1), seed),
                               loom_gradient(i + ivec3(1, 0, 1), seed), loom_gradient(i + ivec3(0, 1, 1), seed),
                               loom_gradient(i + ivec3(1, 1, 1), seed));
}

// Simplex noise on the 3D simplex lattice (skew 1/3, unskew 1/6).
float loom_simplex(vec3 p, uint seed) {
    const float F3 = 1.0 / 3.0, G3 = 1.0 / 6.0;
    vec3 s = floor(p + dot(p, vec3(F3)));
    vec3 x0 = p - s + dot(s, vec3(G3));
    vec3 e = step(x0.yzx, x0.xyz);
    vec3 i1 = e * (1.0 - e.zxy);
    vec3 i2 = 1.0 - e.zxy * (1.0 - e);
    vec3 x1 = x0 - i1 + G3;
    vec3 x2 = x0 - i2 + 2.0 * G3;
    vec3 x3 = x0 - 1.0 + 3.0 * G3;
    ivec3 is = loom_cell(s);
    vec4 w = max(0.6 - vec4(dot(x0, x0), dot(x1, x1), dot(x2, x2), dot(x3, x3)), 0.0);
    w = w * w;
    w = w * w;
    vec4 d = vec4(dot(loom_gradient(is, seed), x0), dot(loom_gradient(is + ivec3(i1), seed), x1),
                  dot(loom_gradient(is + ivec3(i2), seed), x2), dot(loom_gradient(is + ivec3(1), seed), x3));
    return 32.0 * dot(w, d);
}

// Worley (cellular) noise: distance to the nearest feature point, one point per cell.
float loom_worley(vec3 p, uint seed) {
    ivec3 i = loom_cell(p);
    vec3 f = p - floor(p);
    float best = 8.0;
    for (int z = -1; z <= 1; ++z)
        for (int y = -1; y <= 1; ++y)
            for (int x = -1; x <= 1; ++x) {
                ivec3 c = ivec3(x, y, z);
                vec3 d = vec3(c) + loom_rand3(i + c, seed) - f;
                best = min(best, dot(d, d));
            }
    return min(sqrt(best), 1.0);
}

// Value noise: smoothly interpolated random values at lattice points.
float loom_value(vec3 p, uint seed) {
    ivec3 i = loom_cell(p);
    vec3 f = p - floor(p);
    vec3 u = f * f * (3.0 - 2.0 * f);
    float v000 = loom_rand1(i + ivec3(0, 0, 0), seed), v100 = loom_rand1(i + ivec3(1, 0, 0), seed);
    float v010 = loom_rand1(i + ivec3(0, 1, 0), seed), v110 = loom_rand1(i + ivec3(1, 1, 0), seed);
    float v001 = loom_rand1(i + ivec3(0, 0, 1), seed), v101 = loom_rand1(i + ivec3(1, 0, 1), seed);
    float v011 = loom_rand1(i + ivec3(0, 1, 1), seed), v111 = loom_rand1(i + ivec3(1, 1, 1), seed);
    float v = mix(mix(mix(v000, v100, u.x), mix(v010, v110, u.x), u.y),
                  mix(mix(v001, v101, u.x), mix(v011, v111, u.x), u.y), u.z);
    return v * 2.0 - 1.0;
}

#endif
