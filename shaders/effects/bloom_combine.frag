// Bloom, step 4: the input plus the gathered glow times intensity.
#version 460

layout(location = 0) in vec2 v_uv;
layout(location = 0) out vec4 o_color;
layout(set = 0, binding = 0) uniform sampler2D u_input;
layout(set = 0, binding = 1) uniform sampler2D u_glow;

layout(push_constant) uniform Push {
    float intensity;
} pc;

void main() {
    vec4 c = texture(u_input, v_uv);
    o_color = vec4(c.rgb + texture(u_glow, v_uv).rgb * pc.intensity, c.a);
}
