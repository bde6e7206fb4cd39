// Bloom, step 3: upsample the smaller level with a 3x3 tent filter and add it to this level, so
// each level gathers all the ones below it. Reads its own output: the level images are RGBA16F.
#version 460
#define LOOM_OUTPUT_FORMAT rgba16f
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 texel;   // one source texel in uv
    float spread; // tent radius in source texels
    float weight; // how much of the smaller level to add
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 d = pc.texel * pc.spread;
    // Where this pixel lies in the smaller level: each of its texels covers 2x2 of these.
    uv = (vec2(pixel) + 0.5) * 0.5 * pc.texel;
    vec3 c = textureLod(u_input, uv, 0.0).rgb * 4.0;
    c += (textureLod(u_input, uv + vec2(d.x, 0), 0.0).rgb + textureLod(u_input, uv - vec2(d.x, 0), 0.0).rgb +
          textureLod(u_input, uv + vec2(0, d.y), 0.0).rgb + textureLod(u_input, uv - vec2(0, d.y), 0.0).rgb) * 2.0;
    c += textureLod(u_input, uv + d, 0.0).rgb + textureLod(u_input, uv - d, 0.0).rgb +
         textureLod(u_input, uv + vec2(d.x, -d.y), 0.0).rgb + textureLod(u_input, uv + vec2(-d.x, d.y), 0.0).rgb;
    vec4 here = imageLoad(loom_output, pixel);
    return vec4(here.rgb + c * (pc.weight / 16.0), here.a);
}
