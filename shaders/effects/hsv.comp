// HSV: rotate hue, scale saturation and value.
#version 460
#include "common/pass.glsl"
#include "common/color.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    float hue_shift;   // in turns: 0.5 is half way round the colour wheel
    float saturation;  // multiplier
    float value;       // multiplier
} pc;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 c = loom_unpremultiply(textureLod(u_input, uv, 0.0));
    vec3 hsv = loom_rgb_to_hsv(max(c.rgb, vec3(0.0)));
    hsv.x = fract(hsv.x + pc.hue_shift);
    hsv.y = clamp(hsv.y * pc.saturation, 0.0, 1.0);
    hsv.z *= pc.value;
    return loom_premultiply(vec4(loom_hsv_to_rgb(hsv), c.a));
}
