// One triangle that covers the viewport; v_uv is (0,0) at the top-left texel corner and (1,1) at
// the bottom-right, matching image rows top to bottom.
#version 460

layout(location = 0) out vec2 v_uv;

void main() {
    vec2 p = vec2(float((gl_VertexIndex << 1) & 2), float(gl_VertexIndex & 2));
    v_uv = p;
    gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
