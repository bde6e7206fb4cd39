// The editor overlay: Dear ImGui's vertices (pixel positions, uv, packed colour) to clip space.
#version 460

layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_color;

layout(push_constant) uniform Push {
    vec2 scale;      // 2 / display size
    vec2 translate;  // -1 - display position * scale
} pc;

layout(location = 0) out vec2 v_uv;
layout(location = 1) out vec4 v_color;

void main() {
    v_uv = a_uv;
    v_color = a_color;
    gl_Position = vec4(a_pos * pc.scale + pc.translate, 0.0, 1.0);
}
