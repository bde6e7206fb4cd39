// Bloom, step 2: halve the size again with a 4x4 box (four bilinear taps).
#version 460

layout(location = 0) in vec2 v_uv;
layout(location = 0) out vec4 o_color;
layout(set = 0, binding = 0) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 texel;  // one source texel in uv
} pc;

void main() {
    vec2 t = pc.texel;
    vec3 c = texture(u_input, v_uv + vec2(-t.x, -t.y)).rgb + texture(u_input, v_uv + vec2(t.x, -t.y)).rgb +
             texture(u_input, v_uv + vec2(-t.x, t.y)).rgb + texture(u_input, v_uv + vec2(t.x, t.y)).rgb;
    o_color = vec4(c * 0.25, 1.0);
}
