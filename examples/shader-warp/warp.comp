// warp.comp: the shader-warp example's own operator. input0 is pushed along a swirling flow
// whose speed follows input1's brightness; `strength`, `swirl` and `tint` are the values the
// chain declares.
#version 460
#include <loom/shader.glsl>

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    float ring = texture(input1, uv).r;
    vec2 centred = uv - 0.5;
    float angle = swirl * length(centred) + loom_time * 0.3;
    vec2 flow = vec2(cos(angle), sin(angle)) * strength * (0.3 + ring);
    flow += 0.02 * vec2(loom_simplex(vec3(uv * 3.0, loom_time * 0.2), 7u),
                        loom_simplex(vec3(uv * 3.0 + 17.0, loom_time * 0.2), 7u));
    vec3 c = texture(input0, uv + flow).rgb;
    return vec4(c * tint, 1.0);
}
