// The last N frames of an input in a 2D array (effects/src/frame_ring.hpp): layer `head` is
// this frame, head - 1 the one before, and so on round the ring. Only `available` frames are
// held; older ages read the oldest one held.
#ifndef LOOM_FRAME_RING_GLSL
#define LOOM_FRAME_RING_GLSL

// The frame `age` frames ago (0: this one); a fractional age blends the two frames around it.
vec4 ring_frame(sampler2DArray ring, vec2 uv, float age, int head, int layers, int available) {
    age = clamp(age, 0.0, float(max(available - 1, 0)));
    int a0 = int(floor(age));
    int a1 = min(a0 + 1, max(available - 1, 0));
    vec4 c0 = textureLod(ring, vec3(uv, float((head - a0 + layers) % layers)), 0.0);
    if (a1 == a0) return c0;
    vec4 c1 = textureLod(ring, vec3(uv, float((head - a1 + layers) % layers)), 0.0);
    return mix(c0, c1, age - float(a0));
}

#endif
