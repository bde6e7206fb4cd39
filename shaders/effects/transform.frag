// Transform: scale, rotate and translate the input about a pivot. The wrap mode is the sampler's
// address mode (clamp, repeat, mirror, or transparent outside).
#version 460

layout(location = 0) in vec2 v_uv;
layout(location = 0) out vec4 o_color;
layout(set = 0, binding = 0) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 scale;
    vec2 translate;   // in units of the output's size
    vec2 pivot;       // in uv
    float rotate;     // radians, counter-clockwise on screen
    float aspect;     // width / height
} pc;

void main() {
    // Undo the transform: output pixel -> source uv. Work in aspect-corrected space so a
    // rotation does not shear.
    vec2 p = (v_uv - pc.translate - pc.pivot) * vec2(pc.aspect, 1.0);
    float c = cos(pc.rotate), s = sin(pc.rotate);
    p = vec2(c * p.x - s * p.y, s * p.x + c * p.y);
    p /= pc.scale;
    vec2 uv = p / vec2(pc.aspect, 1.0) + pc.pivot;
    o_color = texture(u_input, uv);
}
