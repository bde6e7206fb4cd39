// Render3D's compute rasterizer, before the triangles: a shadow map's layers back to depth 1
// (LOOM_CLEAR_MAP 1, one invocation per texel of every layer), or the visibility buffer back to
// "no surface" and the large-triangle queues emptied (LOOM_CLEAR_MAP 0). A compute pass rather than
// vkCmdClearColorImage or vkCmdFillBuffer: on an H200 a clear through those took 0.6 ms at any size.
#version 460
#include "render3d/raster_data.glsl"

layout(local_size_x = 8, local_size_y = 8) in;

layout(push_constant) uniform Push {
    uvec2 size;     // a map's side, or the visibility buffer's width and height
    uint queues;    // shadow-map queue headers to reset, then the camera's (LOOM_CLEAR_MAP 0)
    uint stride;    // uints from one queue header to the next
    uint counts;    // where in counts[] the last frame's queue counters go
} pc;

#if LOOM_CLEAR_MAP
layout(set = 0, binding = 0, r32ui) uniform writeonly uimage2DArray shadow_map;

void main() {
    const uvec3 p = gl_GlobalInvocationID;
    if (p.x < pc.size.x && p.y < pc.size.y) imageStore(shadow_map, ivec3(p), uvec4(floatBitsToUint(1.0)));
}
#else
layout(set = 0, binding = 0, std430) writeonly buffer Visibility { uvec2 visibility[]; };
layout(set = 0, binding = 1, std430) buffer Queues { uint queue_words[]; };       // the shadow maps'
layout(set = 0, binding = 2, std430) buffer CameraQueue { uint camera_words[]; };  // the camera's
// What each queue handed out in the last frame (its header's counter: tiles, then records), for
// the CPU to read once this frame is done (host-visible): it grows full queues.
layout(set = 0, binding = 3, std430) writeonly buffer Counts { uint counts[]; };

void main() {
    const uvec2 p = gl_GlobalInvocationID.xy;
    if (p.x < pc.size.x && p.y < pc.size.y) visibility[p.y * pc.size.x + p.x] = uvec2(kNoSurface);
    // Each queue's header: no tiles to dispatch (x 0, y 1, z 1), nothing handed out. The counter's
    // words (4, 5) are read before they are reset, by the same invocation.
    if (p.y == 0u && p.x < (pc.queues + 1u) * 8u) {
        const uint word = p.x % 8u, queue = p.x / 8u;
        const uint value = word == 1u || word == 2u ? 1u : 0u;
        if (queue < pc.queues) {
            if (word == 4u || word == 5u) counts[pc.counts + queue * 2u + word - 4u] = queue_words[queue * pc.stride + word];
            queue_words[queue * pc.stride + word] = value;
        } else {
            if (word == 4u || word == 5u) counts[pc.counts + queue * 2u + word - 4u] = camera_words[word];
            camera_words[word] = value;
        }
    }
}
#endif
