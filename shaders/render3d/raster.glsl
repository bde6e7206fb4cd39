// What Render3D's fragment shaders share (render3d/gbuffer.frag on GPUs, render3d/forward.frag on
// CPU devices): the interpolated surface from render3d/mesh.vert and the material textures, made
// into a Texel (render3d/gbuffer.glsl): the shading normal and the textures' values.
#ifndef LOOM_RENDER3D_RASTER
#define LOOM_RENDER3D_RASTER

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

// The normal facing the eye: the interpolated one, or a flat-shaded face's own.
vec3 loom_raster_normal() {
    vec3 n = v_material.x == kShadingFlat ? normalize(cross(dFdx(v_world), dFdy(v_world))) : normalize(v_normal);
    return dot(n, frame.camera_pos.xyz - v_world) < 0.0 ? -n : n;  // back faces of open meshes; flat faces to the eye
}

// The textures' values at this fragment and the normal with the normal map applied (`n` from
// loom_raster_normal()); factors are 1 where there is no texture.
Texel loom_raster_texel(vec3 n) {
    Texel t;
    t.instance = v_instance;
    int textures = v_material.y;
    if ((textures & 2) != 0 && v_material.x != kShadingFlat) {
        vec3 tg = v_tangent.xyz - n * dot(n, v_tangent.xyz);
        if (dot(tg, tg) > 1e-10) {
            tg = normalize(tg);
            vec3 b = cross(n, tg) * (v_tangent.w < 0.0 ? -1.0 : 1.0);
            vec3 m = texture(normal_tex, v_uv).xyz * 2.0 - 1.0;
            n = normalize(tg * m.x + b * m.y + n * m.z);
        }
    }
    t.n = n;
    // Branches, not ?: (which compiles to a select that samples both ways: every fragment of an
    // untextured object sampled three textures on lavapipe).
    t.base = vec3(1.0);
    if ((textures & 1) != 0) t.base = texture(base_color_tex, v_uv).rgb;
    vec4 mr = vec4(1.0);
    if ((textures & 4) != 0) mr = texture(metallic_roughness_tex, v_uv);
    t.rough = mr.g;
    t.metallic = mr.b;
    t.emissive = vec3(1.0);
    if ((textures & 8) != 0) t.emissive = texture(emissive_tex, v_uv).rgb;
    return t;
}

#endif
