// HSV: rotate hue, scale saturation and value.
#version 460
#include "common/color.glsl"

layout(location = 0) in vec2 v_uv;
layout(location = 0) out vec4 o_color;
layout(set = 0, binding = 0) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    float hue_shift;   // in turns: 0.5 is half way round the colour wheel
    float saturation;  // multiplier
    float value;       // multiplier
} pc;

void main() {
    vec4 c = texture(u_input, v_uv);
    vec3 hsv = loom_rgb_to_hsv(max(c.rgb, vec3(0.0)));
    hsv.x = fract(hsv.x + pc.hue_shift);
    hsv.y = clamp(hsv.y * pc.saturation, 0.0, 1.0);
    hsv.z *= pc.value;
    o_color = vec4(loom_hsv_to_rgb(hsv), c.a);
}
