// Integer hashing: the same bits on every GPU, unlike sin()-based hashes.
#ifndef LOOM_HASH_GLSL
#define LOOM_HASH_GLSL

// A 3D -> 3D integer mix in the PCG family (multiply-add, cross-multiply, xor-shift rounds).
uvec3 loom_hash3(uvec3 v) {
    v = v * 1664525u + 1013904223u;
    v.x += v.y * v.z;
    v.y += v.z * v.x;
    v.z += v.x * v.y;
    v ^= v >> 16u;
    v.x += v.y * v.z;
    v.y += v.z * v.x;
    v.z += v.x * v.y;
    return v;
}

// Lattice hashes repeat every LOOM_LATTICE_PERIOD points on each axis, so a noise can wrap its
// coordinates (LOOM_NOISE_WRAP, a multiple of it) without a seam, and int conversions stay in
// range whatever the offset or scale.
#define LOOM_LATTICE_PERIOD 1024

// Uniform floats in [0, 1) from an integer lattice point and a seed.
vec3 loom_rand3(ivec3 p, uint seed) {
    uvec3 q = uvec3(p) & uvec3(LOOM_LATTICE_PERIOD - 1);
    uvec3 h = loom_hash3(q ^ uvec3(seed * 0x9E3779B9u, seed * 0x85EBCA6Bu, seed * 0xC2B2AE35u));
    return vec3(h >> 8u) * (1.0 / 16777216.0);
}

float loom_rand1(ivec3 p, uint seed) { return loom_rand3(p, seed).x; }

#endif
