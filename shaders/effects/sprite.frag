// A soft round sprite: the colour (straight), its alpha falling off smoothly to the edge of the
// quad; written premultiplied.
#version 460

layout(location = 0) in vec2 v_corner;
layout(location = 1) in vec4 v_color;
layout(location = 0) out vec4 o_color;

void main() {
    float d2 = dot(v_corner, v_corner);
    if (d2 >= 1.0) discard;
    float a = (1.0 - d2) * (1.0 - d2);
    a *= v_color.a;
    o_color = vec4(v_color.rgb * a, a);
}
