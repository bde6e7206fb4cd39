// Render3D's lighting pass (GPUs): once per output pixel, the surface the compute rasterizer left
// in the visibility buffer (render3d/rasterize.comp): its id names the draw, the instance and the
// triangle; the pixel's ray through that triangle gives the barycentric weights of its corners'
// normals, uvs and tangents. Then the material, the lights of render3d/lighting.glsl and tone
// mapping — or depth / normals instead of colour.
#version 460
#include "render3d/scene.glsl"
#include "render3d/raster_data.glsl"
#include "render3d/surface.glsl"
#define LOOM_SHADOW_MANUAL 1
#include "render3d/lighting.glsl"

layout(local_size_x = 8, local_size_y = 8) in;

layout(set = 0, binding = 3, std430) readonly buffer Draws { RasterDraw draws[]; };
layout(set = 0, binding = 4, std430) readonly buffer Visibility { uvec2 visibility[]; };  // x id, y depth's bits
layout(set = 0, binding = 5, std430) readonly buffer Vertices { float vertex_words[]; };
layout(set = 0, binding = 6, std430) readonly buffer Indices { uint index_words[]; };
layout(set = 0, binding = 7) uniform writeonly image2D out_image;
// The scene's textures (white past the last), sampled bilinear, repeating.
layout(set = 0, binding = 8) uniform sampler2D textures[16];

layout(push_constant) uniform Push {
    uint draw_base;   // the camera's draws: draws[draw_base ..], ascending first ids
    uint draw_count;
} pc;

// Neighbouring pixels usually show different objects' textures, so the index is not uniform:
// a switch over constant indices (every device takes it; lavapipe has no non-uniform indexing).
vec4 loom_material_texture(int slot, int index, vec2 uv) {
    switch (index) {
        case 0: return textureLod(textures[0], uv, 0.0);
        case 1: return textureLod(textures[1], uv, 0.0);
        case 2: return textureLod(textures[2], uv, 0.0);
        case 3: return textureLod(textures[3], uv, 0.0);
        case 4: return textureLod(textures[4], uv, 0.0);
        case 5: return textureLod(textures[5], uv, 0.0);
        case 6: return textureLod(textures[6], uv, 0.0);
        case 7: return textureLod(textures[7], uv, 0.0);
        case 8: return textureLod(textures[8], uv, 0.0);
        case 9: return textureLod(textures[9], uv, 0.0);
        case 10: return textureLod(textures[10], uv, 0.0);
        case 11: return textureLod(textures[11], uv, 0.0);
        case 12: return textureLod(textures[12], uv, 0.0);
        case 13: return textureLod(textures[13], uv, 0.0);
        case 14: return textureLod(textures[14], uv, 0.0);
        case 15: return textureLod(textures[15], uv, 0.0);
    }
    return vec4(1.0);
}

struct Corner {
    vec3 position, normal;
    vec2 uv;
    vec4 tangent;
};

// The pixel's barycentric weights, its triangle's corners and the model matrix, for the uv and
// tangent loom_texel() (render3d/surface.glsl) asks for where a texture needs them.
vec3 g_bary;
Corner g_corner[3];
mat3 g_model;

vec2 loom_surface_uv() { return g_bary.x * g_corner[0].uv + g_bary.y * g_corner[1].uv + g_bary.z * g_corner[2].uv; }
vec4 loom_surface_tangent() {
    const vec4 t = g_bary.x * g_corner[0].tangent + g_bary.y * g_corner[1].tangent + g_bary.z * g_corner[2].tangent;
    return vec4(g_model * t.xyz, g_corner[0].tangent.w);
}

Corner corner(uint vertex) {
    const uint o = vertex * 12u;
    Corner c;
    c.position = vec3(vertex_words[o], vertex_words[o + 1u], vertex_words[o + 2u]);
    c.normal = vec3(vertex_words[o + 3u], vertex_words[o + 4u], vertex_words[o + 5u]);
    c.uv = vec2(vertex_words[o + 6u], vertex_words[o + 7u]);
    c.tangent = vec4(vertex_words[o + 8u], vertex_words[o + 9u], vertex_words[o + 10u], vertex_words[o + 11u]);
    return c;
}

void main() {
    const ivec2 size = imageSize(out_image);
    const ivec2 pixel = ivec2(gl_GlobalInvocationID.xy);
    if (pixel.x >= size.x || pixel.y >= size.y) return;
    const uvec2 vis = visibility[uint(pixel.y) * uint(size.x) + uint(pixel.x)];
    const int output_mode = int(frame.params.x);
    if (vis.x == kNoSurface) {  // the background colour, far (1) for depth, no normal (0) for normals
        imageStore(out_image, pixel, output_mode == 1 ? vec4(1.0) : output_mode == 2 ? vec4(0.0, 0.0, 0.0, 1.0)
                                                                                      : frame.background);
        return;
    }
    // The draw: the last whose first id is at or below this one.
    uint lo = pc.draw_base, hi = pc.draw_base + pc.draw_count;
    while (hi - lo > 1u) {
        const uint mid = (lo + hi) / 2u;
        if (draws[mid].ids.w <= vis.x) lo = mid; else hi = mid;
    }
    const RasterDraw d = draws[lo];
    const uint local = vis.x - d.ids.w;
    const uint instance_index = local / d.geometry.z, triangle = local - instance_index * d.geometry.z;
    const int instance = int(d.ids.x + instance_index);
    const Instance inst = instances[instance];
    const uint first = d.geometry.y + triangle * 3u;
    const Corner c0 = corner(d.geometry.x + index_words[first]);
    const Corner c1 = corner(d.geometry.x + index_words[first + 1u]);
    const Corner c2 = corner(d.geometry.x + index_words[first + 2u]);
    const vec3 w0 = (inst.model * vec4(c0.position, 1.0)).xyz;
    const vec3 w1 = (inst.model * vec4(c1.position, 1.0)).xyz;
    const vec3 w2 = (inst.model * vec4(c2.position, 1.0)).xyz;

    // The pixel centre's ray (near to far) through the triangle's plane (Moller-Trumbore): the
    // barycentric weights, perspective-correct by construction.
    const vec2 ndc = (vec2(pixel) + 0.5) / vec2(size) * 2.0 - 1.0;
    const vec4 a = frame.inv_view_proj * vec4(ndc, 0.0, 1.0), b = frame.inv_view_proj * vec4(ndc, 1.0, 1.0);
    const vec3 origin = a.xyz / a.w, dir = b.xyz / b.w - origin;
    const vec3 e1 = w1 - w0, e2 = w2 - w0;
    const vec3 pv = cross(dir, e2);
    const float det = dot(e1, pv);
    vec3 bary = vec3(1.0 / 3.0);
    if (abs(det) > 1e-20) {
        const vec3 tv = origin - w0;
        const float u = dot(tv, pv) / det, v = dot(dir, cross(tv, e1)) / det;
        bary = clamp(vec3(1.0 - u - v, u, v), 0.0, 1.0);
        bary /= max(bary.x + bary.y + bary.z, 1e-6);
    }
    const vec3 world = bary.x * w0 + bary.y * w1 + bary.z * w2;
    const float view_depth = -(frame.view * vec4(world, 1.0)).z;
    if (output_mode == 1) {
        imageStore(out_image, pixel, loom_depth_output(view_depth));
        return;
    }

    const int shading = int(inst.material.z);
    // Normals under non-uniform scale: the model's cofactor matrix (mesh.vert does the same).
    const mat3 m = mat3(inst.model);
    const mat3 normal_matrix = mat3(cross(m[1], m[2]), cross(m[2], m[0]), cross(m[0], m[1]));
    vec3 n = shading == kShadingFlat ? cross(e1, e2)
                                     : normal_matrix * (bary.x * c0.normal + bary.y * c1.normal + bary.z * c2.normal);
    n = normalize(n);
    if (dot(n, frame.camera_pos.xyz - world) < 0.0) n = -n;  // back faces of open meshes; flat faces to the eye
    g_bary = bary;
    g_corner[0] = c0;
    g_corner[1] = c1;
    g_corner[2] = c2;
    g_model = m;
    const Texel texel = loom_texel(instance, n, shading, ivec4(inst.extra));
    if (output_mode == 2) {
        imageStore(out_image, pixel, vec4(texel.n * 0.5 + 0.5, 1.0));
        return;
    }
    const Surface s = surface(texel);
    imageStore(out_image, pixel, loom_finish(shade(s, world, view_depth), s.alpha));
}
