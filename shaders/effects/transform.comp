// Transform: scale, rotate and translate the input about a pivot. The wrap mode is the sampler's
// address mode (clamp, repeat, mirror, or transparent outside).
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 scale;
    vec2 translate;   // in units of the output's size
    vec2 pivot;       // in uv
    float rotate;     // radians, counter-clockwise on screen
    float aspect;     // width / height
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    // Undo the transform: output pixel -> source uv. Work in aspect-corrected space so a
    // rotation does not shear.
    vec2 p = (uv - pc.translate - pc.pivot) * vec2(pc.aspect, 1.0);
    float c = cos(pc.rotate), s = sin(pc.rotate);
    p = vec2(c * p.x - s * p.y, s * p.x + c * p.y);
    p /= pc.scale;
    return textureLod(u_input, p / vec2(pc.aspect, 1.0) + pc.pivot, 0.0);
}
