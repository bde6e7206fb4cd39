// fuzz/mesh_fuzz.cpp — mesh files: any bytes given as OBJ, glTF or GLB are either an error that
// names the file or meshes that can be drawn (every index names a vertex, whole triangles, finite
// positions), with textures whose pixel count matches their size.
// Input: the first byte picks the format (0: .obj, 1: .gltf, 2: .glb), the rest is the file.
#include <cmath>
#include <cstdint>

#include <loom/render3d/mesh.hpp>

#include "fuzz/fuzz_support.hpp"

namespace {

void check_mesh(const loom::MeshData& m) {
    LOOM_FUZZ_CHECK(m.indices.size() % 3 == 0);
    for (std::uint32_t i : m.indices) LOOM_FUZZ_CHECK(i < m.vertices.size());
    for (const auto& v : m.vertices)
        for (int c = 0; c < 3; ++c) {
            LOOM_FUZZ_CHECK(std::isfinite(v.position[c]));
            LOOM_FUZZ_CHECK(std::isfinite(v.normal[c]));
        }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const int format = data[0] % 3;
    const char* name = format == 0 ? "input.obj" : format == 1 ? "input.gltf" : "input.glb";
    const auto file = loom::fuzz::write_input(name, data + 1, size - 1);
    if (format == 0) {
        const auto mesh = loom::load_obj(file);
        if (!mesh) {
            LOOM_FUZZ_CHECK(mesh.message().find(file.string()) != std::string::npos);
            return 0;
        }
        check_mesh(*mesh);
        return 0;
    }
    const auto model = loom::load_gltf(file);
    if (!model) {
        LOOM_FUZZ_CHECK(model.message().find(file.string()) != std::string::npos);
        return 0;
    }
    for (const auto& part : model->parts) {
        check_mesh(part.mesh);
        LOOM_FUZZ_CHECK(part.material >= -1 && part.material < static_cast<int>(model->materials.size()));
    }
    const int textures = static_cast<int>(model->textures.size());
    for (const auto& m : model->materials)
        for (int t : {m.base_color_texture, m.normal_texture, m.metallic_roughness_texture, m.emissive_texture})
            LOOM_FUZZ_CHECK(t >= -1 && t < textures);
    for (const auto& t : model->textures)
        LOOM_FUZZ_CHECK(t.width >= 1 && t.height >= 1 && t.rgba.size() == std::size_t(t.width) * t.height * 4);
    return 0;
}
