// SolidColor: one colour everywhere.
#version 460
#include "common/pass.glsl"
#include "common/color.glsl"

layout(push_constant) uniform Push {
    vec4 color;
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) { return loom_premultiply(pc.color); }
