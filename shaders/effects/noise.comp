// Noise: fractal (fBm) Perlin, Simplex, Worley or Value noise, mapped between two colours.
// Animated by moving through the third dimension: octave k is at z[k] = time * speed *
// lacunarity^k, wrapped by the CPU at LOOM_NOISE_WRAP (each octave repeats exactly there, so
// the wrap is invisible, and float precision holds over days).
#version 460
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

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 xy = vec2(uv.x * pc.aspect, uv.y) * pc.scale + pc.offset;
    float sum = 0.0, amp = 1.0, norm = 0.0;
    for (int i = 0; i < pc.octaves; ++i) {
        // mod() keeps the coordinates small (precise) and changes nothing: the noise repeats there.
        sum += amp * basis(vec3(mod(xy, LOOM_NOISE_WRAP), pc.z[i]), pc.seed + uint(i) * 1013u);
        norm += amp * amp;
        amp *= pc.gain;
        xy *= pc.lacunarity;
    }
    // Dividing by the root of the summed squared amplitudes keeps the contrast of one octave
    // however many are added (dividing by the plain sum would flatten it towards grey).
    float v = sum / sqrt(max(norm, 1e-12));
    if (pc.type == 2)
        v = sum / max(sqrt(norm) * 1.2, 1e-6);  // Worley stays positive: distance-like
    else
        v = 0.5 + 0.5 * v;  // signed noises to [0, 1]
    return mix(loom_premultiply(pc.color_a), loom_premultiply(pc.color_b), clamp(v, 0.0, 1.0));
}
