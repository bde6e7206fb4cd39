// Particles' state, shared by the sprite/point draw (particles.vert) and the point splat
// (particles_splat.comp). Each particle's state is a closed form of its age, from its index, its
// generation (how many times it was born again) and the seed: nothing is stored.
#ifndef LOOM_PARTICLES_GLSL
#define LOOM_PARTICLES_GLSL
#include "common/hash.glsl"

layout(push_constant) uniform Push {
    vec4 color_start;
    vec4 color_end;
    vec2 position;      // uv (y down)
    vec2 emitter_size;
    vec2 gravity;
    vec2 size;          // start, end (canvas heights)
    float time;
    float aspect;
    float direction;    // radians
    float spread;
    float speed;
    float speed_variation;
    float life;
    float life_variation;
    float drag;
    float turbulence;
    int emitter;        // point, line, disc, ring, box
    uint seed;
    int points;         // one pixel per particle (a point list) instead of a quad
    uint count;
} pc;

const float kTau = 6.28318530718;

// Four uniform floats in [0, 1) for particle `id`, draw `k`.
vec4 rand4(uint id, uint k) {
    uvec3 h = loom_hash3(uvec3(id, k, pc.seed * 0x9E3779B9u + 0x632BE5ABu));
    uvec3 g = loom_hash3(h ^ uvec3(0x85EBCA6Bu, 0xC2B2AE35u, 0x27D4EB2Fu));
    return vec4(h.xy >> 8u, g.xy >> 8u) * (1.0 / 16777216.0);
}

vec2 emit(vec4 r) {
    vec2 at = pc.position * vec2(pc.aspect, 1.0);
    vec2 half_size = 0.5 * pc.emitter_size;
    if (pc.emitter == 1) return at + (2.0 * r.x - 1.0) * half_size;  // a segment
    if (pc.emitter == 2 || pc.emitter == 3) {
        float a = kTau * r.x;
        float d = pc.emitter == 2 ? sqrt(r.y) : 1.0;  // even over the disc; on the ring
        return at + d * half_size * vec2(cos(a), sin(a));
    }
    if (pc.emitter == 4) return at + (2.0 * r.xy - 1.0) * half_size;
    return at;
}

struct Particle {
    vec2 position;  // canvas heights from the top-left corner, y down
    vec4 color;     // straight
    float size;     // canvas heights
};

Particle loom_particle(uint id) {
    vec4 fixed_r = rand4(id, 0u);  // what stays with the particle through its generations
    float life = pc.life * (1.0 - pc.life_variation * fixed_r.x);
    float t = pc.time + fixed_r.y * life;  // particles start spread through their lives
    float generation = floor(t / life);
    float age = t - generation * life;
    uint born = id ^ (uint(generation) * 0x9E3779B9u);
    vec4 r = rand4(born, 1u);
    vec4 q = rand4(born, 2u);

    // Positions in canvas heights from the top-left corner, y down (uv times (aspect, 1)).
    vec2 p0 = emit(r);
    float angle = pc.direction + (q.x - 0.5) * pc.spread;  // counter-clockwise on screen
    float speed = pc.speed * (1.0 - pc.speed_variation * q.y);
    vec2 v0 = speed * vec2(cos(angle), -sin(angle));
    vec2 p;
    if (pc.drag > 1e-4) {
        // dv/dt = g - k v: v = g/k + (v0 - g/k) e^(-kt), integrated.
        vec2 terminal = pc.gravity / pc.drag;
        p = p0 + terminal * age + (v0 - terminal) * (1.0 - exp(-pc.drag * age)) / pc.drag;
    } else {
        p = p0 + v0 * age + 0.5 * pc.gravity * age * age;
    }
    // A smooth wander: two slow waves of random frequency and phase, growing with age.
    vec2 f = 1.0 + 3.0 * q.zw;
    p += pc.turbulence * age * vec2(sin(f.x * age + kTau * r.z), sin(f.y * age + kTau * r.w));

    float u = age / life;
    return Particle(p, mix(pc.color_start, pc.color_end, u), mix(pc.size.x, pc.size.y, u));
}

#endif
