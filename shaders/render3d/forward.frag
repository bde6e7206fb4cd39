// Render3D's main pass on CPU devices (lavapipe): each fragment lit where it is drawn, with the
// lighting the GPU path runs as a compute pass (render3d/lighting.glsl) — there, sampling shadow
// maps from a compute shader and the G-buffer's extra bytes cost more than the overdraw saves.
#version 460
#include "render3d/scene.glsl"
#include "render3d/raster.glsl"
#include "render3d/lighting.glsl"

layout(location = 0) out vec4 out_color;

void main() {
    vec3 n = loom_raster_normal();
    int output_mode = int(frame.params.x);
    float view_depth = -(frame.view * vec4(v_world, 1.0)).z;
    if (output_mode == 1) {
        out_color = loom_depth_output(view_depth);
        return;
    }
    Texel t = loom_raster_texel(n);
    if (output_mode == 2) {
        out_color = vec4(t.n * 0.5 + 0.5, 1.0);
        return;
    }
    Surface s = surface(t);
    out_color = loom_finish(shade(s, v_world, view_depth), s.alpha);
}
