// Feedback: the input combined with its own previous frame, faded by `decay` and transformed
// (zoom, rotate, drift), for trails and tunnels.
#version 460

layout(location = 0) in vec2 v_uv;
layout(location = 0) out vec4 o_color;
layout(set = 0, binding = 0) uniform sampler2D u_input;
layout(set = 0, binding = 1) uniform sampler2D u_history;

layout(push_constant) uniform Push {
    vec2 scale;
    vec2 translate;
    float rotate;
    float aspect;
    float decay;
    int mode;        // 0 add, 1 max, 2 over
} pc;

void main() {
    vec2 p = (v_uv - pc.translate - 0.5) * vec2(pc.aspect, 1.0);
    float c = cos(pc.rotate), s = sin(pc.rotate);
    p = vec2(c * p.x - s * p.y, s * p.x + c * p.y) / pc.scale;
    vec2 uv = p / vec2(pc.aspect, 1.0) + 0.5;
    vec4 prev = texture(u_history, uv) * pc.decay;
    vec4 cur = texture(u_input, v_uv);
    if (pc.mode == 1)
        o_color = max(cur, prev);
    else if (pc.mode == 2)
        o_color = vec4(mix(prev.rgb, cur.rgb, cur.a), max(cur.a, prev.a));
    else
        o_color = cur + prev;
}
