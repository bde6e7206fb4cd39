// Test source: 1.0 at one pixel, 0 elsewhere.
#version 460
#include "common/pass.glsl"

layout(push_constant) uniform Push {
    ivec2 at;
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) { return pixel == pc.at ? vec4(1.0) : vec4(0.0); }
