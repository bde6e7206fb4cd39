// Test shader with a deliberate error on line 8.
#version 460
#include "common/pass.glsl"

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 c = vec4(1.0);
    // The next line names something that does not exist.
    return c * undefined_name;
}
