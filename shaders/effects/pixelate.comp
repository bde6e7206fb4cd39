// Pixelate: each cell takes the input at its centre.
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    float cell;         // pixels
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 size = vec2(imageSize(loom_output));
    // The middle of the part of this cell inside the image (the last cells may be cut)...
    vec2 start = floor(vec2(pixel) / pc.cell) * pc.cell;
    vec2 centre = 0.5 * (start + min(start + pc.cell, size));
    // ... read from one input texel, so every cell has a colour of the input, not a blend.
    vec2 in_size = vec2(textureSize(u_input, 0));
    vec2 texel = floor(centre / size * in_size) + 0.5;
    return textureLod(u_input, texel / in_size, 0.0);
}
