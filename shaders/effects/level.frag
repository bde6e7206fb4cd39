// Level: brightness (added), contrast (around mid grey), gamma, then opacity.
#version 460

layout(location = 0) in vec2 v_uv;
layout(location = 0) out vec4 o_color;
layout(set = 0, binding = 0) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    float brightness;
    float contrast;
    float gamma;
    float opacity;
} pc;

void main() {
    vec4 c = texture(u_input, v_uv);
    vec3 v = c.rgb + pc.brightness;
    v = (v - 0.5) * pc.contrast + 0.5;
    v = pow(max(v, vec3(0.0)), vec3(1.0 / pc.gamma));
    o_color = vec4(v, c.a * pc.opacity);
}
