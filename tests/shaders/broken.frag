// Test shader with a deliberate error on line 9.
#version 460

layout(location = 0) in vec2 v_uv;
layout(location = 0) out vec4 o_color;

void main() {
    vec4 c = vec4(1.0);
    o_color = c * undefined_name;
}
