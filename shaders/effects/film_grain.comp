// FilmGrain: value noise from the integer hash, per frame.
#version 460
#include "common/pass.glsl"
#include "common/hash.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    float amount;
    float grain_size;         // pixels
    int colored;
    int seed;
    int frame;          // the frame number, for new grain each frame
} pc;

// Smooth value noise of the grain cells, one value per channel.
vec3 grain(vec2 p, uint seed) {
    vec2 i = floor(p), f = fract(p);
    f = f * f * (3.0 - 2.0 * f);
    ivec3 base = ivec3(ivec2(i), pc.frame);
    vec3 a = loom_rand3(base, seed), b = loom_rand3(base + ivec3(1, 0, 0), seed);
    vec3 c = loom_rand3(base + ivec3(0, 1, 0), seed), d = loom_rand3(base + ivec3(1, 1, 0), seed);
    return mix(mix(a, b, f.x), mix(c, d, f.x), f.y);
}

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 c = textureLod(u_input, uv, 0.0);
    vec3 n = grain(vec2(pixel) / pc.grain_size, uint(pc.seed)) - 0.5;
    if (pc.colored == 0) n = vec3(n.x);
    return vec4(max(c.rgb + n * (pc.amount * c.a), vec3(0.0)), c.a);  // grain on what is there
}
