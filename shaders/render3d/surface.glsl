// Render3D's surface at one pixel, made the same way by both lighting paths: the forward pass's
// fragment shader (render3d/raster.glsl, CPU devices) and the lighting pass (render3d/light.comp,
// GPUs), each from its own interpolated normal, uv and tangent: the shading normal with the
// normal map applied and the material textures' values (factors of 1 where there is no texture).
// The includer defines loom_material_texture() (declared here).
#ifndef LOOM_RENDER3D_SURFACE
#define LOOM_RENDER3D_SURFACE

struct Texel {
    vec3 n;             // shading normal
    int instance;       // its record in the instance array
    vec3 base;          // base-colour texture
    float rough;        // roughness factor (metallic-roughness texture's g)
    float metallic;     // metallic factor (its b)
    vec3 emissive;      // emissive texture
};

// Texture `index` of the material's slot `slot` (0 base colour, 1 normal, 2 metallic-roughness,
// 3 emissive) at `uv`.
vec4 loom_material_texture(int slot, int index, vec2 uv);
// The surface's uv and tangent (xyz, w the bitangent's sign) here: asked for only where a texture
// needs them (a fragment shader's inputs cost their interpolation on a CPU device).
vec2 loom_surface_uv();
vec4 loom_surface_tangent();

// `n`: the normal, facing the eye; `textures`: the instance's texture per slot (-1: none).
Texel loom_texel(int instance, vec3 n, int shading, ivec4 textures) {
    Texel t;
    t.instance = instance;
    if (textures.y >= 0 && shading != kShadingFlat) {
        const vec4 tangent = loom_surface_tangent();
        vec3 tg = tangent.xyz - n * dot(n, tangent.xyz);
        if (dot(tg, tg) > 1e-10) {
            tg = normalize(tg);
            vec3 b = cross(n, tg) * (tangent.w < 0.0 ? -1.0 : 1.0);
            vec3 m = loom_material_texture(1, textures.y, loom_surface_uv()).xyz * 2.0 - 1.0;
            n = normalize(tg * m.x + b * m.y + n * m.z);
        }
    }
    t.n = n;
    // Branches, not ?: (which compiles to a select that samples both ways: every fragment of an
    // untextured object sampled three textures on lavapipe).
    t.base = vec3(1.0);
    if (textures.x >= 0) t.base = loom_material_texture(0, textures.x, loom_surface_uv()).rgb;
    vec4 mr = vec4(1.0);
    if (textures.z >= 0) mr = loom_material_texture(2, textures.z, loom_surface_uv());
    t.rough = mr.g;
    t.metallic = mr.b;
    t.emissive = vec3(1.0);
    if (textures.w >= 0) t.emissive = loom_material_texture(3, textures.w, loom_surface_uv()).rgb;
    return t;
}

#endif
