// The frame of a Shader operator (a project's own compute shader):
//
//     #version 460
//     #include <loom/shader.glsl>
//     vec4 loom_effect(vec2 uv, ivec2 pixel) {
//         return texture(input0, uv + amount * vec2(sin(loom_time), 0.0));
//     }
//
// - input0 .. input3: the operator's inputs in order, sampled bilinear with clamped edges
//   (LOOM_INPUTS says how many there are);
// - each value declared in C++ (`.value("amount", 0.5f)`) is a name here, of its type (float,
//   vec2, vec3, vec4), with the value set this frame;
// - loom_time (seconds), loom_frame (frame number), loom_dt (seconds since the last frame);
// - Loom's hash, noise and colour functions (common/hash.glsl, noise.glsl, color.glsl).
// uv is the pixel's centre in [0, 1], top-left origin; pixel is its integer position.
// Images hold premultiplied alpha (rgb already times a): inputs come so, and the result goes
// out so. loom_unpremultiply() gives an input's straight colour, loom_premultiply() turns a
// straight colour back (both in common/color.glsl); an opaque colour is the same either way.
#ifndef LOOM_SHADER_GLSL
#define LOOM_SHADER_GLSL

#ifndef LOOM_INPUTS
#define LOOM_INPUTS 0
#endif

#include "../common/pass.glsl"
#include "../common/hash.glsl"
#include "../common/noise.glsl"
#include "../common/color.glsl"

#if LOOM_INPUTS > 0
layout(set = 0, binding = 1) uniform sampler2D input0;
#endif
#if LOOM_INPUTS > 1
layout(set = 0, binding = 2) uniform sampler2D input1;
#endif
#if LOOM_INPUTS > 2
layout(set = 0, binding = 3) uniform sampler2D input2;
#endif
#if LOOM_INPUTS > 3
layout(set = 0, binding = 4) uniform sampler2D input3;
#endif

// 128 bytes, the push-constant size every device offers: 7 value slots of 16 bytes, then the
// clock. LOOM_SHADER_VALUES is set by the Shader operator: one member per declared value,
// "layout(offset = 16 * slot) TYPE NAME;", so each value is a plain name of its type.
layout(push_constant) uniform LoomShaderValues {
#ifdef LOOM_SHADER_VALUES
    LOOM_SHADER_VALUES
#endif
    layout(offset = 112) float loom_time;
    layout(offset = 116) float loom_frame;
    layout(offset = 120) float loom_dt;
};

#endif
