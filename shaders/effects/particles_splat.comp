// Particles with look 'point' and blend 'add', as a compute splat: one invocation per particle
// adds its premultiplied colour into the pixel it falls in (the pixel a one-pixel point would
// cover), with float atomics into four r32f layers. Layer 3 sums -log(1 - alpha), so the
// resolve gets the coverage 1 - prod(1 - alpha) that blending "src + dst (1 - src alpha)" gives.
#version 460
#extension GL_EXT_shader_atomic_float : require
#include "effects/particles.glsl"

layout(local_size_x = 64) in;
layout(set = 0, binding = 0, r32f) uniform image2DArray u_sums;

void main() {
    uint id = gl_GlobalInvocationID.x;
    if (id >= pc.count) return;
    Particle pt = loom_particle(id);
    float a = clamp(pt.color.a, 0.0, 1.0);
    if (a <= 0.0) return;
    ivec2 size = imageSize(u_sums).xy;
    ivec2 pixel = ivec2(floor(vec2(pt.position.x / pc.aspect, pt.position.y) * vec2(size)));
    if (any(lessThan(pixel, ivec2(0))) || any(greaterThanEqual(pixel, size))) return;
    vec3 c = pt.color.rgb * a;
    if (c.r != 0.0) imageAtomicAdd(u_sums, ivec3(pixel, 0), c.r);
    if (c.g != 0.0) imageAtomicAdd(u_sums, ivec3(pixel, 1), c.g);
    if (c.b != 0.0) imageAtomicAdd(u_sums, ivec3(pixel, 2), c.b);
    imageAtomicAdd(u_sums, ivec3(pixel, 3), -log(1.0 - min(a, 0.99999)));
}
