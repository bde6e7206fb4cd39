// The live-feedback test project's own shader: its input, unchanged.
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    return texelFetch(u_input, pixel, 0);
}
