// Render3D's lighting pass (GPUs): once per output pixel, from the G-buffer and depth the raster
// pass left, the lights of render3d/lighting.glsl. Or depth / normals instead of colour.
#version 460
#include "render3d/scene.glsl"
#include "render3d/gbuffer.glsl"
#include "render3d/lighting.glsl"

layout(local_size_x = 8, local_size_y = 8) in;

layout(set = 0, binding = 4) uniform usampler2D gbuffer;
layout(set = 0, binding = 5) uniform sampler2D depth;
layout(set = 0, binding = 6) uniform writeonly image2D out_image;

void main() {
    ivec2 size = imageSize(out_image);
    ivec2 pixel = ivec2(gl_GlobalInvocationID.xy);
    if (pixel.x >= size.x || pixel.y >= size.y) return;
    float z = texelFetch(depth, pixel, 0).r;
    int output_mode = int(frame.params.x);
    if (z >= 1.0) {  // no surface (the G-buffer is not cleared; depth is): the background colour,
                     // far (1) for depth, no normal (0) for normals
        imageStore(out_image, pixel, output_mode == 1 ? vec4(1.0) : output_mode == 2 ? vec4(0.0, 0.0, 0.0, 1.0)
                                                                                      : frame.background);
        return;
    }
    // The pixel's world position from its depth: the pixel centre through the inverse projection.
    vec2 ndc = (vec2(pixel) + 0.5) / vec2(size) * 2.0 - 1.0;
    Texel t = loom_gbuffer_unpack(texelFetch(gbuffer, pixel, 0));
    vec4 w = frame.inv_view_proj * vec4(ndc, z, 1.0);
    vec3 world = w.xyz / w.w;
    float view_depth = -(frame.view * vec4(world, 1.0)).z;

    vec4 result;
    if (output_mode == 1) {
        result = loom_depth_output(view_depth);
    } else if (output_mode == 2) {
        result = vec4(t.n * 0.5 + 0.5, 1.0);
    } else {
        Surface s = surface(t);
        result = loom_finish(shade(s, world, view_depth), s.alpha);
    }
    imageStore(out_image, pixel, result);
}
