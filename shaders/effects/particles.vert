// Particles: one soft quad (or one point) per particle, at its state from particles.glsl.
#version 460
#include "effects/particles.glsl"

layout(location = 0) out vec2 v_corner;  // -1..1 across the sprite
layout(location = 1) out vec4 v_color;

const vec2 kCorners[6] = vec2[](vec2(-1, -1), vec2(1, -1), vec2(1, 1), vec2(-1, -1), vec2(1, 1), vec2(-1, 1));

void main() {
    Particle pt = loom_particle(uint(gl_VertexIndex) / (pc.points != 0 ? 1u : 6u));
    v_color = pt.color;
    vec2 corner = pc.points != 0 ? vec2(0.0) : kCorners[gl_VertexIndex % 6];
    v_corner = corner;
    gl_PointSize = 1.0;
    vec2 at = pt.position + 0.5 * pt.size * corner;
    gl_Position = vec4(2.0 * at.x / pc.aspect - 1.0, 2.0 * at.y - 1.0, 0.0, 1.0);
}
