// Pixelate: each cell takes the input at its centre.
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    float cell;         // pixels
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 size = vec2(imageSize(loom_output));
    vec2 cell_centre = (floor(vec2(pixel) / pc.cell) + 0.5) * pc.cell;
    return textureLod(u_input, min(cell_centre, size - 0.5) / size, 0.0);
}
