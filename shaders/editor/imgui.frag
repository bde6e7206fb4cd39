// The editor overlay: vertex colour times the bound texture (the font atlas or an operator's
// image, shown opaque: its premultiplied rgb is the picture over black, as in the window).
#version 460

layout(set = 0, binding = 0) uniform sampler2D u_texture;

layout(push_constant) uniform Push {
    vec2 scale;
    vec2 translate;
    float opaque;  // 1: ignore the texture's alpha (operator previews)
} pc;

layout(location = 0) in vec2 v_uv;
layout(location = 1) in vec4 v_color;
layout(location = 0) out vec4 o_color;

void main() {
    vec4 t = texture(u_texture, v_uv);
    t.a = mix(t.a, 1.0, pc.opaque);
    o_color = v_color * clamp(t, 0.0, 1.0);
}
