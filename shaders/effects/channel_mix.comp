// ChannelMix: a 4x4 colour matrix and an offset.
#version 460
#include "common/pass.glsl"
#include "common/color.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec4 red;
    vec4 green;
    vec4 blue;
    vec4 alpha;
    vec4 offset;
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    // On the premultiplied values as they are (the colour as it shows over black): a swizzle is
    // exact, and alpha from luminance fades with a soft edge instead of jumping.
    vec4 c = textureLod(u_input, uv, 0.0);
    vec4 m = vec4(dot(pc.red, c), dot(pc.green, c), dot(pc.blue, c), dot(pc.alpha, c)) + pc.offset;
    return vec4(m.rgb, clamp(m.a, 0.0, 1.0));
}
