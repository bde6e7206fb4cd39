// Test source: 1.0 at one pixel, 0 elsewhere.
#version 460

layout(location = 0) in vec2 v_uv;
layout(location = 0) out vec4 o_color;

layout(push_constant) uniform Push {
    ivec2 at;
} pc;

void main() { o_color = ivec2(gl_FragCoord.xy) == pc.at ? vec4(1.0) : vec4(0.0); }
