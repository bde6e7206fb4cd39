// FrameCache: the frame `delay` frames ago from the ring of the input's last frames.
#version 460
#include "common/pass.glsl"
#include "effects/frame_ring.glsl"

layout(set = 0, binding = 1) uniform sampler2DArray u_ring;

layout(push_constant) uniform Push {
    float delay;
    int head;
    int layers;
    int available;
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    return ring_frame(u_ring, uv, pc.delay, pc.head, pc.layers, pc.available);
}
