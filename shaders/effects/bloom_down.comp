// Bloom, step 2: halve the size again with a 4x4 box (four bilinear taps).
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 texel;  // one source texel in uv
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 t = pc.texel;
    // The centre of this pixel's 2x2 block in the source (the levels round their sizes up).
    vec2 centre = (2.0 * vec2(pixel) + 1.0) * t;
    vec3 c = textureLod(u_input, centre + vec2(-t.x, -t.y), 0.0).rgb + textureLod(u_input, centre + vec2(t.x, -t.y), 0.0).rgb +
             textureLod(u_input, centre + vec2(-t.x, t.y), 0.0).rgb + textureLod(u_input, centre + vec2(t.x, t.y), 0.0).rgb;
    return vec4(c * 0.25, 1.0);
}
