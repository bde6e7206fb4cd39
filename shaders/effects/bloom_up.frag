// Bloom, step 3: upsample the smaller level with a 3x3 tent filter; the pipeline adds the result
// to the larger level (additive blending), so each level gathers all the ones below it.
#version 460

layout(location = 0) in vec2 v_uv;
layout(location = 0) out vec4 o_color;
layout(set = 0, binding = 0) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 texel;   // one source texel in uv
    float spread; // tent radius in source texels
    float weight; // how much of the smaller level to add
} pc;

void main() {
    vec2 d = pc.texel * pc.spread;
    vec3 c = texture(u_input, v_uv).rgb * 4.0;
    c += (texture(u_input, v_uv + vec2(d.x, 0)).rgb + texture(u_input, v_uv - vec2(d.x, 0)).rgb +
          texture(u_input, v_uv + vec2(0, d.y)).rgb + texture(u_input, v_uv - vec2(0, d.y)).rgb) * 2.0;
    c += texture(u_input, v_uv + d).rgb + texture(u_input, v_uv - d).rgb +
         texture(u_input, v_uv + vec2(d.x, -d.y)).rgb + texture(u_input, v_uv + vec2(-d.x, d.y)).rgb;
    o_color = vec4(c * (pc.weight / 16.0), 0.0);
}
