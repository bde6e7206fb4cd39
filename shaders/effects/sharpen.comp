// Sharpen: unsharp mask with a 3x3 binomial blur.
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 radius;        // in uv
    float amount;
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 r = pc.radius;
    vec4 c = textureLod(u_input, uv, 0.0);
    vec4 edges = textureLod(u_input, uv + vec2(r.x, 0.0), 0.0) + textureLod(u_input, uv - vec2(r.x, 0.0), 0.0) +
                 textureLod(u_input, uv + vec2(0.0, r.y), 0.0) + textureLod(u_input, uv - vec2(0.0, r.y), 0.0);
    vec4 corners = textureLod(u_input, uv + r, 0.0) + textureLod(u_input, uv - r, 0.0) +
                   textureLod(u_input, uv + vec2(r.x, -r.y), 0.0) + textureLod(u_input, uv + vec2(-r.x, r.y), 0.0);
    vec4 blurred = (4.0 * c + 2.0 * edges + corners) / 16.0;
    return vec4(max(c.rgb + (c.rgb - blurred.rgb) * pc.amount, vec3(0.0)), c.a);
}
