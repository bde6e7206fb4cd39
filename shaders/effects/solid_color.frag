// SolidColor: one colour everywhere.
#version 460

layout(location = 0) in vec2 v_uv;
layout(location = 0) out vec4 o_color;

layout(push_constant) uniform Push {
    vec4 color;
} pc;

void main() { o_color = pc.color; }
