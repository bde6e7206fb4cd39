// Tile: repeat the input, optionally mirroring every other tile.
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 count;
    vec2 offset;
    int mirror;
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 q = uv * pc.count + pc.offset;
    vec2 f = fract(q);
    if (pc.mirror != 0) {
        vec2 odd = mod(floor(q), 2.0);
        f = mix(f, 1.0 - f, odd);
    }
    return textureLod(u_input, f, 0.0);
}
