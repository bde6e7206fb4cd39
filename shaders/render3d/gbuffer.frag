// Render3D's raster pass on GPUs: per pixel, the surface's instance, its shading normal (normal
// map applied) and its material textures' values, into the G-buffer (render3d/gbuffer.glsl).
// Lights, shadows and tone mapping come after, in render3d/light.comp, once per pixel — not once
// per drawn fragment, and as a compute pass, which GPUs built for compute run on the whole chip.
#version 460
#include "render3d/scene.glsl"
#include "render3d/gbuffer.glsl"
#include "render3d/raster.glsl"

layout(location = 0) out uvec4 out_gbuffer;

// This runs on the raster hardware, which compute-class GPUs have little of: it reads no instance
// record and, for an object without textures, packs nothing but the normal.
void main() {
    vec3 n = loom_raster_normal();
    if (v_material.y == 0) {  // every texture factor 1: constants, which the compiler folds
        out_gbuffer = loom_gbuffer_pack(Texel(n, v_instance, vec3(1.0), 1.0, 1.0, vec3(1.0)));
        return;
    }
    out_gbuffer = loom_gbuffer_pack(loom_raster_texel(n));
}
