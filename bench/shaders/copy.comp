// copy.comp: loom-bench's copy pass (pass/copy), a Shader operator that moves each pixel of its
// input to its output and does nothing else: the fastest a pass of Loom's can move an image.
#version 460
#include <loom/shader.glsl>

vec4 loom_effect(vec2 uv, ivec2 pixel) { return texelFetch(input0, pixel, 0); }
