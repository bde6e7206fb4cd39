// Particles' point splat: the sums set to 0 before the particles add into them (a compute pass:
// on some GPUs vkCmdClearColorImage takes the graphics path, several times slower).
#version 460

layout(local_size_x = 8, local_size_y = 8) in;
layout(set = 0, binding = 0, r32f) uniform writeonly image2DArray u_sums;

void main() {
    ivec3 size = imageSize(u_sums);
    ivec2 pixel = ivec2(gl_GlobalInvocationID.xy);
    if (pixel.x >= size.x || pixel.y >= size.y) return;
    for (int layer = 0; layer < size.z; ++layer) imageStore(u_sums, ivec3(pixel, layer), vec4(0.0));
}
