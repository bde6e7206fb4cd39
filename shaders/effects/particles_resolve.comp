// Particles' point splat, resolved over the background: colour sums added, coverage from the
// summed -log(1 - alpha) (see particles_splat.comp).
#version 460
#include "common/pass.glsl"
#include "common/color.glsl"

layout(set = 0, binding = 1) uniform sampler2DArray u_sums;

layout(push_constant) uniform Push {
    vec4 background;  // straight
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 bg = loom_premultiply(pc.background);
    vec3 added = vec3(texelFetch(u_sums, ivec3(pixel, 0), 0).r, texelFetch(u_sums, ivec3(pixel, 1), 0).r,
                      texelFetch(u_sums, ivec3(pixel, 2), 0).r);
    float clear = exp(-texelFetch(u_sums, ivec3(pixel, 3), 0).r);
    return vec4(bg.rgb + added, 1.0 - (1.0 - bg.a) * clear);
}
