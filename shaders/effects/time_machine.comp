// TimeMachine: each pixel from the frame its time map's luminance points at.
#version 460
#include "common/pass.glsl"
#include "common/color.glsl"
#include "effects/frame_ring.glsl"

layout(set = 0, binding = 1) uniform sampler2DArray u_ring;
layout(set = 0, binding = 2) uniform sampler2D u_map;

layout(push_constant) uniform Push {
    float amount;
    int invert;
    float span;         // the age white reaches: frames - 1
    int head;
    int layers;
    int available;
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    float t = clamp(loom_luminance(textureLod(u_map, uv, 0.0).rgb), 0.0, 1.0);
    if (pc.invert != 0) t = 1.0 - t;
    return ring_frame(u_ring, uv, t * pc.amount * pc.span, pc.head, pc.layers, pc.available);
}
