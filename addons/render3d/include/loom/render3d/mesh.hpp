// loom/render3d/mesh.hpp — triangle meshes on the CPU side: generated shapes and loaded files.
//
//   auto box   = mesh::box({1, 2, 1});
//   auto ring  = mesh::torus(0.6f, 0.15f);
//   auto bunny = load_obj("assets/bunny.obj");      // Result<MeshData>: errors name the file
//   auto model = load_gltf("assets/helmet.glb");    // Result<ModelData>: meshes, transforms, materials
//
// Conventions: right-handed, +Y up, metres. Triangles are counter-clockwise seen from outside
// (the side the normal points to). UV (0,0) is the top-left of a texture. Tangents are xyz plus
// the bitangent sign in w (bitangent = cross(normal, tangent.xyz) * tangent.w).
// Generated shapes are centred on the origin.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include <loom/result.hpp>

namespace loom {

struct Vertex {
    glm::vec3 position{0.0f};
    glm::vec3 normal{0.0f, 1.0f, 0.0f};
    glm::vec2 uv{0.0f};
    glm::vec4 tangent{1.0f, 0.0f, 0.0f, 1.0f};
};
static_assert(sizeof(Vertex) == 48, "Vertex is uploaded as is");

struct MeshData {
    std::string name;
    std::vector<Vertex> vertices;
    std::vector<std::uint32_t> indices;  // three per triangle
    glm::vec3 bounds_min{0.0f}, bounds_max{0.0f};

    std::size_t triangle_count() const { return indices.size() / 3; }
    // Recomputes bounds_min/bounds_max from the vertices.
    void compute_bounds();
};

namespace mesh {
// A box of `size` (edge lengths), 24 vertices so every face has its own normals and UVs.
MeshData box(glm::vec3 size = {1.0f, 1.0f, 1.0f});
// A UV sphere.
MeshData sphere(float radius = 0.5f, int segments = 32, int rings = 16);
// Along +Y, with caps.
MeshData cylinder(float radius = 0.5f, float height = 1.0f, int segments = 32);
// Apex at +height/2, base cap at -height/2.
MeshData cone(float radius = 0.5f, float height = 1.0f, int segments = 32);
// In the XZ plane, around +Y.
MeshData torus(float major_radius = 0.5f, float minor_radius = 0.2f, int major_segments = 48,
               int minor_segments = 24);
// In the XZ plane facing +Y, `subdivisions` quads along each side.
MeshData plane(glm::vec2 size = {1.0f, 1.0f}, int subdivisions = 1);
}  // namespace mesh

// Computes per-vertex tangents from positions, normals and UVs (for meshes loaded without them).
void compute_tangents(MeshData& mesh);

// A Wavefront OBJ file as one mesh (all its objects and groups merged; faces with more than
// three corners are triangulated; missing normals are computed, smooth). Errors name the file
// and, where the parser gives one, the line and what is wrong.
Result<MeshData> load_obj(const std::filesystem::path& file);

// An image decoded to 8-bit RGBA, rows top to bottom.
struct TextureData {
    std::string name;
    std::uint32_t width = 0, height = 0;
    std::vector<std::uint8_t> rgba;  // width * height * 4
    bool srgb = true;                // colour textures are sRGB; normal/metallic-roughness maps linear
};

struct MaterialData {
    std::string name;
    glm::vec4 base_color{1.0f};
    float metallic = 1.0f;
    float roughness = 1.0f;
    glm::vec3 emissive{0.0f};
    // Indices into ModelData::textures, -1 when absent.
    int base_color_texture = -1;
    int normal_texture = -1;
    int metallic_roughness_texture = -1;  // glTF: roughness in G, metallic in B
    int emissive_texture = -1;
};

struct ModelPart {
    MeshData mesh;         // one glTF primitive
    glm::mat4 transform{1.0f};  // the node's world transform
    int material = -1;     // index into ModelData::materials, -1: default material
};

struct ModelData {
    std::vector<ModelPart> parts;
    std::vector<MaterialData> materials;
    std::vector<TextureData> textures;
    glm::vec3 bounds_min{0.0f}, bounds_max{0.0f};  // of all parts, transformed
};

// A glTF 2.0 file (.gltf with its buffers and images, or .glb): triangle primitives of every
// node of the default scene with their world transforms, PBR metallic-roughness materials and
// their textures. Errors name the file and what is wrong.
Result<ModelData> load_gltf(const std::filesystem::path& file);

}  // namespace loom
