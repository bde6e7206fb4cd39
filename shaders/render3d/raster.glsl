// What Render3D's forward fragment shader (render3d/forward.frag, CPU devices) reads: the
// interpolated surface from render3d/mesh.vert and the draw's material textures, made into a
// Texel (render3d/surface.glsl).
#ifndef LOOM_RENDER3D_RASTER
#define LOOM_RENDER3D_RASTER

#include "render3d/surface.glsl"

// The draw's material textures (white where it has none; v_material.y says which are there).
layout(set = 0, binding = 4) uniform sampler2D base_color_tex;
layout(set = 0, binding = 5) uniform sampler2D normal_tex;
layout(set = 0, binding = 6) uniform sampler2D metallic_roughness_tex;
layout(set = 0, binding = 7) uniform sampler2D emissive_tex;

layout(location = 0) in vec3 v_world;
layout(location = 1) in vec3 v_normal;
layout(location = 2) in vec2 v_uv;
layout(location = 3) in vec4 v_tangent;
layout(location = 4) flat in int v_instance;
layout(location = 5) flat in ivec2 v_material;  // shading, texture bits (mesh.vert)

// The draw's set binds each slot's texture at its own binding (the index is the set's business).
vec4 loom_material_texture(int slot, int index, vec2 uv) {
    if (slot == 0) return texture(base_color_tex, uv);
    if (slot == 1) return texture(normal_tex, uv);
    if (slot == 2) return texture(metallic_roughness_tex, uv);
    return texture(emissive_tex, uv);
}

vec2 loom_surface_uv() { return v_uv; }
vec4 loom_surface_tangent() { return v_tangent; }

// The normal facing the eye: the interpolated one, or a flat-shaded face's own.
vec3 loom_raster_normal() {
    vec3 n = v_material.x == kShadingFlat ? normalize(cross(dFdx(v_world), dFdy(v_world))) : normalize(v_normal);
    return dot(n, frame.camera_pos.xyz - v_world) < 0.0 ? -n : n;  // back faces of open meshes; flat faces to the eye
}

// The textures' values at this fragment and the normal with the normal map applied (`n` from
// loom_raster_normal()).
Texel loom_raster_texel(vec3 n) {
    const int bits = v_material.y;
    const ivec4 textures = ivec4((bits & 1) != 0 ? 0 : -1, (bits & 2) != 0 ? 0 : -1, (bits & 4) != 0 ? 0 : -1,
                                 (bits & 8) != 0 ? 0 : -1);
    return loom_texel(v_instance, n, v_material.x, textures);
}

#endif
