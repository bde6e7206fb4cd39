// The frame of every image program: 8x8 invocations per workgroup, each computing a block of
// output pixels: 1x1, or more on a GPU for a large target (RecordContext::dispatch() chooses,
// gpu::PassBlock; a program whose block is larger than 1x1 is compiled with LOOM_PASS_BLOCKS
// and reads the choice back from the group count). Invocation (i, j) computes the pixels
// (i + 8a, j + 8b) of its workgroup's 8 * block.x by 8 * block.y, so a warp's loads and stores
// stay as close together as with one pixel each.
//
// A program includes this, declares its inputs at bindings 1..n and its push block, and defines
//     vec4 loom_effect(vec2 uv, ivec2 pixel)
// which returns the output pixel (a pure function of its arguments, the inputs and the push
// block: an invocation may compute several pixels). uv is the pixel's centre in [0, 1] (top-left
// origin), so an input of another size is sampled with textureLod(input, uv, 0.0).
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
// which no invocation may skip by returning early) defines LOOM_PASS_OWN_MAIN; it runs one
// invocation per pixel (its ProgramDesc::block is {1, 1}) or is dispatched by its owner.
#ifndef LOOM_PASS_OWN_MAIN
#ifdef LOOM_PASS_BLOCKS
void main() {
    ivec2 size = imageSize(loom_output);
    // The block: as many pixels an invocation as the groups dispatched fall short of the size.
    ivec2 reach = ivec2(gl_NumWorkGroups.xy) * 8;
    ivec2 block = (size + reach - 1) / reach;
    ivec2 first = ivec2(gl_WorkGroupID.xy) * 8 * block + ivec2(gl_LocalInvocationID.xy);
    for (int b = 0; b < block.y; ++b) {
        for (int a = 0; a < block.x; ++a) {
            ivec2 pixel = first + ivec2(8 * a, 8 * b);
            if (pixel.x >= size.x || pixel.y >= size.y) continue;
            imageStore(loom_output, pixel, loom_effect((vec2(pixel) + 0.5) / vec2(size), pixel));
        }
    }
}
#else
// A program whose block is 1x1 (a CPU device's: a loop around the store costs lavapipe up to
// three times as much) runs straight through.
void main() {
    ivec2 size = imageSize(loom_output);
    ivec2 pixel = ivec2(gl_GlobalInvocationID.xy);
    if (pixel.x >= size.x || pixel.y >= size.y) return;
    imageStore(loom_output, pixel, loom_effect((vec2(pixel) + 0.5) / vec2(size), pixel));
}
#endif
#endif

#endif
