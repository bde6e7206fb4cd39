// CRT: barrel-curved sampling, scanlines, an RGB stripe mask and a glow from nearby pixels.
#version 460
#include "common/pass.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 texel;         // one input pixel in uv
    float curvature;
    float lines;
    float scanlines;
    float mask;
    float glow;
    float brightness;
    float aspect;       // width / height
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 p = uv * 2.0 - 1.0;
    p *= 1.0 + pc.curvature * 0.25 * vec2(p.y * p.y, p.x * p.x);
    vec2 q = p * 0.5 + 0.5;
    if (any(lessThan(q, vec2(0.0))) || any(greaterThan(q, vec2(1.0)))) return vec4(0.0, 0.0, 0.0, 1.0);
    vec4 c = textureLod(u_input, q, 0.0);
    vec2 g = 2.5 * pc.texel;
    vec3 glow = (textureLod(u_input, q + vec2(g.x, 0.0), 0.0).rgb + textureLod(u_input, q - vec2(g.x, 0.0), 0.0).rgb +
                 textureLod(u_input, q + vec2(0.0, g.y), 0.0).rgb + textureLod(u_input, q - vec2(0.0, g.y), 0.0).rgb) * 0.25;
    vec3 rgb = c.rgb + glow * pc.glow * 0.5;
    float scan = 0.5 - 0.5 * cos(6.28318530718 * q.y * pc.lines);
    rgb *= 1.0 - pc.scanlines * scan;
    vec3 stripes = vec3(1.0 - pc.mask);
    stripes[pixel.x % 3] = 1.0;
    rgb *= stripes * pc.brightness;
    return vec4(rgb, c.a);
}
