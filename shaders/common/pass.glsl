// The frame of every image program: one invocation per output pixel, 8x8 per workgroup.
//
// A program includes this, declares its inputs at bindings 1..n and its push block, and defines
//     vec4 loom_effect(vec2 uv, ivec2 pixel)
// which returns the output pixel. uv is the pixel's centre in [0, 1] (top-left origin), so an
// input of another size is sampled with textureLod(input, uv, 0.0).
// A program that reads its own output (read-modify-write of the same pixel) defines
// LOOM_OUTPUT_FORMAT (e.g. rgba16f) before including this file.
#ifndef LOOM_PASS_GLSL
#define LOOM_PASS_GLSL

layout(local_size_x = 8, local_size_y = 8) in;

#ifdef LOOM_OUTPUT_FORMAT
layout(set = 0, binding = 0, LOOM_OUTPUT_FORMAT) uniform image2D loom_output;
#else
layout(set = 0, binding = 0) uniform writeonly image2D loom_output;
#endif

vec4 loom_effect(vec2 uv, ivec2 pixel);

// A program with its own main() (one that shares work across its workgroup with barrier(),
// which no invocation may skip by returning early) defines LOOM_PASS_OWN_MAIN.
#ifndef LOOM_PASS_OWN_MAIN
void main() {
    ivec2 size = imageSize(loom_output);
    ivec2 pixel = ivec2(gl_GlobalInvocationID.xy);
    if (pixel.x >= size.x || pixel.y >= size.y) return;
    vec2 uv = (vec2(pixel) + 0.5) / vec2(size);
    imageStore(loom_output, pixel, loom_effect(uv, pixel));
}
#endif

#endif
