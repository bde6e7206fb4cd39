// addons/render3d/src/render3d.cpp — Render3D's GPU side: meshes uploaded once, shadow maps made
// when a light first needs them, and every frame's passes recorded into the chain's one command
// buffer:
//
//   1. upload: new meshes (staging copy + buffer barrier), once per mesh;
//   2. per-frame data into the upload ring: the frame block (camera, lights, shadow matrices) and
//      one 128-byte record per instance (model matrix, colour, material);
//   3. per shadowed light, per cascade / cube face: a depth-only rendering scope;
//   4. the raster pass: per pixel the instance, normal and material textures' values into a
//      G-buffer (one RGBA32UI image, shaders/render3d/gbuffer.glsl) and a depth buffer, both
//      private to the operator;
//   5. the lighting pass, a compute dispatch over the output: per pixel, the world position from
//      depth, the lights and shadow lookups, tone mapping — into the chain output.
//
// Deferred, and lit in compute, because GPUs built for compute (H100/H200) run fragment shaders
// on a small part of the chip: lighting there cost ~4 ms of a 5.4 ms frame at 1920x1080. And a
// pixel is lit once, however many surfaces were drawn over it. On a CPU device (lavapipe) the
// same lighting runs in the main pass's fragment shader instead (render3d/forward.frag), straight
// into the output: there the deferred path took more than twice as long.
//
// Steady state: no object, descriptor set or heap allocation — the descriptor sets name the ring
// buffer and the shadow images, which stay until a light's map size or type changes.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <string>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>
#include <loom/render3d/render3d.hpp>
#include <spdlog/spdlog.h>

#include "addons/render3d/src/gpu_data.hpp"
#include "addons/render3d/src/shadow_math.hpp"
#include "core/gpu/barriers.hpp"
#include "core/gpu/device.hpp"
#include "core/gpu/image_upload.hpp"
#include "core/gpu/vk.hpp"
#include "core/gpu/format.hpp"
#include "core/gpu/upload_ring.hpp"
#include "core/graph/record_context.hpp"

namespace loom {

using render3d::Aabb;
using render3d::GpuFrame;
using render3d::GpuInstance;
using render3d::ShadowPush;

namespace {

constexpr float kRadians = 3.14159265358979f / 180.0f;
constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;
constexpr float kPointNear = 0.05f;

struct MeshGpu {
    gpu::Buffer vertices, indices;
    std::uint32_t index_count = 0;
    Aabb bounds;
};

struct ShadowSlot {
    gpu::Image map;
    LightType type = LightType::Directional;
    std::uint32_t size = 0;
    std::uint32_t layers = 0;
    bool rendered = false;  // this frame
};

struct Draw {
    std::uint32_t mesh = 0;
    std::uint32_t first_instance = 0;  // absolute, into the ring's instance array
    std::uint32_t first_local = 0;     // this frame's instance index (Gpu::spheres)
    std::uint32_t count = 0;
    bool casts = true;
    bool mirrored = false;  // the object's transform has a negative determinant
    std::array<std::int16_t, 4> textures{-1, -1, -1, -1};  // base, normal, metallic-roughness, emissive
};

constexpr VkFormat kGbufferFormat = VK_FORMAT_R32G32B32A32_UINT;

// The main pass: frame block, instances, (forward: shadow maps,) a draw's textures.
std::vector<VkDescriptorSetLayoutBinding> main_bindings(bool forward) {
    const VkShaderStageFlags vf = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
    std::vector<VkDescriptorSetLayoutBinding> b{
        {0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER_DYNAMIC, 1, vf, nullptr},
        {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, vf, nullptr},
        // A material's textures: base colour, normal, metallic-roughness, emissive. One set per
        // distinct combination (made once, found in the cache after), bound per draw.
        {4, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
        {5, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
        {6, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
        {7, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
    };
    if (forward) {
        b.push_back({2, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, render3d::kMaxShadows, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr});
        b.push_back({3, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, render3d::kMaxShadows, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr});
    }
    return b;
}

// The lighting pass: frame block, instances, shadow maps, G-buffer, depth, and the output it writes.
std::vector<VkDescriptorSetLayoutBinding> light_bindings() {
    const VkShaderStageFlags c = VK_SHADER_STAGE_COMPUTE_BIT;
    return {
        {0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER_DYNAMIC, 1, c, nullptr},
        {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, c, nullptr},
        {2, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, render3d::kMaxShadows, c, nullptr},
        {3, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, render3d::kMaxShadows, c, nullptr},
        {4, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, c, nullptr},
        {5, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, c, nullptr},
        {6, VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, 1, c, nullptr},
    };
}

std::vector<VkDescriptorSetLayoutBinding> shadow_bindings() {
    const VkShaderStageFlags vf = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
    return {
        {0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER_DYNAMIC, 1, vf, nullptr},
        {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, vf, nullptr},
        {2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},  // casters per pass
    };
}

bool valid_pcf(int k) { return k == 1 || k == 3 || k == 5 || k == 7; }


const bool kRegistered = register_operator({
    .type = Render3D::kTypeName,
    .category = "3d",
    .summary = "A lit 3D scene (meshes, PBR materials, point/spot/directional lights with shadow maps) as an image.",
    .make = make_operator<Render3D>,
    .example =
        [](Chain& c) {
            auto& r = c.add<Render3D>("scene");
            r.background({0.05f, 0.05f, 0.08f, 1.0f}).ambient({0.05f, 0.05f, 0.07f});
            r.add(r.mesh(mesh::plane({12.0f, 12.0f}, 1)), "floor").color({0.6f, 0.6f, 0.65f, 1.0f});
            r.add(r.mesh(mesh::torus(1.0f, 0.35f)), "torus").position({0.0f, 1.2f, 0.0f}).rotation({60.0f, 20.0f, 0.0f})
                .color({0.95f, 0.6f, 0.25f, 1.0f}).roughness(0.35f);
            r.add_light(LightType::Directional, "sun").direction({-0.5f, -0.8f, -0.3f}).intensity(1.2f).shadows(true);
            r.camera().perspective(45.0f, 0.1f, 50.0f).orbit({0.0f, 0.8f, 0.0f}, 6.0f, 30.0f, 25.0f);
        },
    .calls = "mesh(data), load_mesh(file), add(mesh, name), add_light(type, name), camera()",
});
}  // namespace

struct Render3D::Gpu {
    gpu::GraphicsProgram* main = nullptr;
    gpu::GraphicsProgram* shadow = nullptr;
    gpu::Program* light = nullptr;  // deferred only
    bool forward = false;           // a CPU device: lit in the main pass (see the top of this file)
    VkFormat color_format = VK_FORMAT_UNDEFINED;  // forward: the output's, which the pipeline draws to
    std::vector<MeshGpu> meshes;
    gpu::Image depth;
    gpu::Image gbuffer;  // shaders/render3d/gbuffer.glsl
    std::array<ShadowSlot, render3d::kMaxShadows> slots;
    gpu::Image dummy_map, dummy_cube;  // bound where a slot has no map this frame
    gpu::Image white;                  // bound where a texture slot is empty
    bool dummies_ready = false;
    std::vector<gpu::Image> textures;
    std::vector<Draw> draws;
    // Shadow casters, per frame: each instance's world bounding sphere (xyz centre, w radius), the
    // instances each shadow pass draws, and per pass its runs of them (one draw each). Their
    // capacity stays, so steady frames do not allocate.
    struct PassDraw {
        std::uint32_t draw, first, count;
    };
    std::vector<glm::vec4> spheres;
    std::vector<std::uint32_t> casters;
    std::vector<PassDraw> pass_draws;
    std::array<std::uint32_t, render3d::kMaxShadows * 6 + 1> pass_begin{};
    bool unculled_logged = false;  // the lists did not fit in the ring (logged once in a row)
    std::array<glm::mat4, render3d::kMaxShadows * render3d::kMaxCascades> shadow_matrices{};
};

Render3D::Render3D() : gpu_(std::make_unique<Gpu>()) {}
Render3D::~Render3D() = default;

glm::mat4 Render3D::shadow_matrix(std::size_t slot, std::size_t cascade) const {
    return gpu_->shadow_matrices[slot * render3d::kMaxCascades + cascade];
}

Result<void> Render3D::create(graph::CreateContext& ctx) {
    if (!load_error_.empty()) return make_error(load_error_);
    Gpu& g = *gpu_;
    // LOOM_RENDER3D=deferred or =forward picks a path on any device (tests, comparisons).
    const char* path = std::getenv("LOOM_RENDER3D");
    const std::string_view chosen = path ? path : "";
    g.forward = chosen == "forward" ? true : chosen == "deferred" ? false : ctx.device().is_software();
    if (!chosen.empty() && chosen != "forward" && chosen != "deferred")
        spdlog::warn("LOOM_RENDER3D is '{}': it takes 'deferred' or 'forward'; using the device's default ({})",
                     chosen, g.forward ? "forward" : "deferred");
    g.color_format = gpu::to_vk(output_format());
    gpu::GraphicsProgramDesc m;
    m.vertex = "render3d/mesh.vert";
    m.fragment = g.forward ? "render3d/forward.frag" : "render3d/gbuffer.frag";
    m.bindings = main_bindings(g.forward);
    m.color_count = 1;
    m.color_formats[0] = g.forward ? g.color_format : kGbufferFormat;
    m.depth_format = kDepthFormat;
    m.cull = VK_CULL_MODE_BACK_BIT;
    m.dynamic_front_face = true;  // a mirrored transform (negative scale) turns its triangles over
    auto main = ctx.program(m);
    if (!main) return main.error();
    g.main = *main;

    gpu::GraphicsProgramDesc s;
    s.vertex = "render3d/shadow.vert";
    s.bindings = shadow_bindings();
    s.vertex_attributes = 1;  // position only
    s.push_bytes = sizeof(ShadowPush);
    s.depth_format = kDepthFormat;
    s.cull = VK_CULL_MODE_NONE;  // cube faces mirror; thin casters shadow from both sides
    s.depth_bias = true;
    auto shadow = ctx.program(s);
    if (!shadow) return shadow.error();
    g.shadow = *shadow;
    if (g.forward) return {};

    gpu::ProgramDesc l;
    l.shader = "render3d/light.comp";
    l.bindings = light_bindings();
    auto light = ctx.program(l);
    if (!light) return light.error();
    g.light = *light;
    return {};
}

namespace {

// Makes `img` a depth image of the given shape unless it already is one.
bool ensure_depth(graph::RecordContext& ctx, gpu::Image& img, Extent e, gpu::ImageKind kind, std::uint32_t layers,
                  bool sampled, const char* name, const std::string& owner) {
    if (img && img.extent() == e && img.kind() == kind && img.layers() == (kind == gpu::ImageKind::Cube ? 6u : layers))
        return true;
    gpu::ImageDesc d;
    d.extent = e;
    d.format = kDepthFormat;
    d.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | (sampled ? VK_IMAGE_USAGE_SAMPLED_BIT : 0) |
              VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    d.kind = kind;
    d.layers = layers;
    d.layer_views = sampled;
    d.name = name;
    d.owner = owner.c_str();
    auto r = ctx.device().create_image(d);
    if (!r) {
        ctx.fail(r.message());
        return false;
    }
    img = std::move(*r);
    return true;
}

}  // namespace

void Render3D::record(graph::RecordContext& ctx) {
    Gpu& g = *gpu_;
    gpu::Device& dev = ctx.device();
    VkCommandBuffer cmd = ctx.cmd();
    figures_ = {};

    // --- Limits and settings a light can take. Values an update() may pass through for a frame
    // do not stop the operator: the scene is drawn within the limits (the first 8 lights, the
    // first 4 shadows, clamped settings) and the problem is logged once, as clamped parameters are.
    bool problem = false;
    auto note = [&](std::uint32_t code, std::int64_t value, auto&& message) {
        problem = true;
        if (warning_code_ == code && warning_value_ == value) return;
        warning_code_ = code;
        warning_value_ = value;
        warning_ = message();
        spdlog::error("operator '{}' (Render3D): {}", name(), warning_);
    };
    std::size_t enabled = 0, shadowed = 0;
    std::int64_t light_index = -1;
    for (const Light& l : lights_) {
        ++light_index;
        if (!l.enabled_) continue;
        ++enabled;
        if (l.shadows_) ++shadowed;
        const float len = glm::length(l.direction_);
        if (l.type_ != LightType::Point && !(len > 1e-6f && std::isfinite(len)))
            note(7, light_index, [&] {
                return "light '" + l.name_ + "' has direction (" + std::to_string(l.direction_.x) + ", " +
                       std::to_string(l.direction_.y) + ", " + std::to_string(l.direction_.z) +
                       "), which points nowhere; it shines straight down. Fix: give direction() a non-zero vector.";
            });
        if (l.type_ == LightType::Spot && !(l.outer_ > l.inner_))
            note(8, light_index, [&] {
                return "light '" + l.name_ + "' has cone(" + std::to_string(l.inner_) + ", " +
                       std::to_string(l.outer_) + "): the outer angle must be larger than the inner one (the inner "
                       "one is used a little smaller). Fix: e.g. cone(20, 30).";
            });
    }
    if (!camera_.problem().empty())
        note(9, std::int64_t(camera_.problem().size()), [&] { return camera_.problem(); });
    for (const Object& o : objects_)
        if (o.mesh_.valid() && o.mesh_.index >= meshes_.size())
            note(10, o.mesh_.index, [&] {
                return "object '" + o.name_ + "' names mesh " + std::to_string(o.mesh_.index) + " but only " +
                       std::to_string(meshes_.size()) +
                       " are registered; it is not drawn. Fix: use the MeshId that mesh() or load_mesh() returned.";
            });
    if (enabled > kMaxLights)
        note(1, std::int64_t(enabled), [&] {
            return "has " + std::to_string(enabled) + " enabled lights; at most " + std::to_string(kMaxLights) +
                   " light a scene, so the first " + std::to_string(kMaxLights) + " do. Fix: disable or remove " +
                   std::to_string(enabled - kMaxLights) + " of them.";
        });
    if (shadowed > kMaxShadowedLights)
        note(2, std::int64_t(shadowed), [&] {
            return "has " + std::to_string(shadowed) + " lights casting shadows; at most " +
                   std::to_string(kMaxShadowedLights) + " can at once, so the first " +
                   std::to_string(kMaxShadowedLights) + " do. Fix: call shadows(false) on " +
                   std::to_string(shadowed - kMaxShadowedLights) + " of them.";
        });
    for (Light& l : lights_) {
        if (!l.enabled_ || !l.shadows_) continue;
        if (l.map_size_ < 256 || l.map_size_ > 4096) {
            const std::uint32_t was = l.map_size_;
            l.map_size_ = std::clamp<std::uint32_t>(was, 256, 4096);
            note(3, was, [&] {
                return "light '" + l.name_ + "' has shadow_map_size " + std::to_string(was) +
                       "; it must be 256 to 4096 (using " + std::to_string(l.map_size_) +
                       "). Fix: e.g. shadow_map_size(2048).";
            });
        }
        if (!valid_pcf(l.pcf_)) {
            const int was = l.pcf_;
            l.pcf_ = std::clamp(was | 1, 1, 7);
            note(4, was, [&] {
                return "light '" + l.name_ + "' has pcf(" + std::to_string(was) +
                       "); the kernel must be 1, 3, 5 or 7 (using " + std::to_string(l.pcf_) + "). Fix: e.g. pcf(3).";
            });
        }
        if (l.type_ == LightType::Directional && (l.cascades_ < 1 || l.cascades_ > 4)) {
            const int was = l.cascades_;
            l.cascades_ = std::clamp(was, 1, 4);
            note(5, was, [&] {
                return "light '" + l.name_ + "' has " + std::to_string(was) + " cascades; 1 to 4 are possible (using " +
                       std::to_string(l.cascades_) + "). Fix: e.g. cascades(3).";
            });
        }
    }

    if (g.forward && ctx.output().format() != g.color_format) {
        ctx.fail("the output format changed after the operator was created. Fix: set format() in "
                 "setup() (a reload applies it).");
        return;
    }

    // --- Meshes: upload the ones not on the GPU yet.
    {
        gpu::BarrierBatch bb(cmd, dev.counters());
        while (g.meshes.size() < meshes_.size()) {
            const MeshData& md = meshes_[g.meshes.size()];
            MeshGpu& mg = g.meshes.emplace_back();
            mg.bounds.add(md.bounds_min);
            mg.bounds.add(md.bounds_max);
            if (md.indices.empty() || md.vertices.empty()) continue;  // draws nothing
            for (std::uint32_t idx : md.indices)
                if (idx >= md.vertices.size()) {
                    ctx.fail("mesh '" + md.name + "' has index " + std::to_string(idx) +
                             " but only " + std::to_string(md.vertices.size()) +
                             " vertices. Fix: check the mesh data.");
                    g.meshes.pop_back();
                    return;
                }
            const VkDeviceSize vbytes = md.vertices.size() * sizeof(Vertex);
            const VkDeviceSize ibytes = md.indices.size() * sizeof(std::uint32_t);
            const std::string label = name() + ":" + (md.name.empty() ? "mesh" : md.name);
            gpu::BufferDesc d;
            d.owner = name().c_str();
            d.name = label.c_str();
            d.size = vbytes;
            d.usage = VK_BUFFER_USAGE_VERTEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
            auto vb = dev.create_buffer(d);
            d.size = ibytes;
            d.usage = VK_BUFFER_USAGE_INDEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
            auto ib = vb ? dev.create_buffer(d) : Result<gpu::Buffer>(vb.error());
            d.size = vbytes + ibytes;
            d.usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT;
            d.domain = gpu::MemoryDomain::HostVisible;
            auto staging = ib ? dev.create_buffer(d) : Result<gpu::Buffer>(ib.error());
            if (!staging) {
                ctx.fail(staging.message());
                g.meshes.pop_back();
                return;
            }
            std::memcpy(staging->mapped(), md.vertices.data(), vbytes);
            std::memcpy(staging->mapped() + vbytes, md.indices.data(), ibytes);
            const VkBufferCopy vc{0, 0, vbytes}, ic{vbytes, 0, ibytes};
            vkCmdCopyBuffer(cmd, staging->get(), vb->get(), 1, &vc);
            vkCmdCopyBuffer(cmd, staging->get(), ib->get(), 1, &ic);
            bb.buffer(vb->get(), VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                      VK_PIPELINE_STAGE_2_VERTEX_ATTRIBUTE_INPUT_BIT, VK_ACCESS_2_VERTEX_ATTRIBUTE_READ_BIT);
            bb.buffer(ib->get(), VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                      VK_PIPELINE_STAGE_2_INDEX_INPUT_BIT, VK_ACCESS_2_INDEX_READ_BIT);
            mg.vertices = std::move(*vb);
            mg.indices = std::move(*ib);
            mg.index_count = static_cast<std::uint32_t>(md.indices.size());
            // The staging buffer retires here and is destroyed once this frame is done on the GPU.
        }
        // Textures: the same, into sampled images.
        while (g.textures.size() < std::min(textures_.size(), kMaxTextures)) {
            const TextureData& td = textures_[g.textures.size()];
            gpu::Image& img = g.textures.emplace_back();
            const std::string label = name() + ":" + (td.name.empty() ? "texture" : td.name);
            if (td.width == 0 || td.height == 0 || td.rgba.size() != std::size_t(td.width) * td.height * 4) {
                ctx.fail("texture '" + label + "' is " + std::to_string(td.width) + "x" + std::to_string(td.height) +
                         " with " + std::to_string(td.rgba.size()) + " bytes; it needs width * height * 4 bytes " +
                         "of RGBA. Fix: check the texture data.");
                g.textures.pop_back();
                return;
            }
            gpu::ImageDesc id;
            id.extent = {td.width, td.height};
            id.format = td.srgb ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM;
            id.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
            id.name = label.c_str();
            id.owner = name().c_str();
            auto made = dev.create_image(id);
            auto uploaded = made ? gpu::upload_image(dev, cmd, *made, td.rgba.data(), td.rgba.size(), label.c_str(),
                                                     name().c_str())
                                 : Result<void>(made.error());
            if (!uploaded) {
                ctx.fail(uploaded.message());
                g.textures.pop_back();
                return;
            }
            img = std::move(*made);
        }
    }

    // --- Instances into the ring.
    std::uint32_t total = 0;
    for (const Object& o : objects_)
        if (o.visible_ && o.mesh_.valid() && o.mesh_.index < g.meshes.size() && g.meshes[o.mesh_.index].index_count)
            total += o.instance_count();
    gpu::UploadRing& ring = ctx.uploads();
    const std::string& who = name();
    auto inst_slice = ring.allocate(std::max<std::uint32_t>(total, 1) * sizeof(GpuInstance), sizeof(GpuInstance),
                                    who.c_str());
    if (!inst_slice) {
        ctx.fail("drawing " + std::to_string(total) + " instances: " + inst_slice.message());
        return;
    }
    auto* inst = reinterpret_cast<GpuInstance*>(inst_slice->data);
    const auto base = static_cast<std::uint32_t>(inst_slice->offset / sizeof(GpuInstance));
    if (!g.forward && std::uint64_t(base) + total > 0xffffffu) {  // the G-buffer names an instance in 24 bits
        ctx.fail("drawing " + std::to_string(total) + " instances at record " + std::to_string(base) +
                 " of the upload ring: the G-buffer holds instance numbers below 16,777,216. Fix: draw fewer "
                 "instances.");
        return;
    }
    g.draws.clear();
    if (g.spheres.size() < total) g.spheres.resize(total);
    Aabb casters, scene;
    std::uint32_t k = 0;
    for (const Object& o : objects_) {
        if (!o.visible_ || !o.mesh_.valid() || o.mesh_.index >= g.meshes.size()) continue;
        const MeshGpu& mg = g.meshes[o.mesh_.index];
        if (!mg.index_count) continue;
        const glm::mat4 m = o.matrix();
        const Material& mat = o.material_;
        const glm::vec4 material{mat.metallic, mat.roughness, float(mat.shading), o.receive_shadows_ ? 1.0f : 0.0f};
        const glm::vec4 emissive{mat.emissive, mat.shininess};
        const TextureId tex[4] = {mat.base_color_texture, mat.normal_texture, mat.metallic_roughness_texture,
                                  mat.emissive_texture};
        glm::vec4 textures(-1.0f);
        std::array<std::int16_t, 4> draw_textures{-1, -1, -1, -1};
        for (int t = 0; t < 4; ++t) {
            if (!tex[t].valid()) continue;
            if (std::size_t(tex[t].index) < g.textures.size()) {
                textures[t] = 1.0f;  // the shader samples binding 4 + t
                draw_textures[std::size_t(t)] = std::int16_t(tex[t].index);
            } else {
                note(6, tex[t].index, [&] {
                    return "object '" + o.name_ + "' uses texture " + std::to_string(tex[t].index) + " but " +
                           (std::size_t(tex[t].index) < textures_.size()
                                ? "at most " + std::to_string(kMaxTextures) + " textures can be used"
                                : "only " + std::to_string(textures_.size()) + " are registered") +
                           "; it is drawn without it. Fix: use fewer textures (or a valid TextureId).";
                });
            }
        }
        const std::uint32_t n = o.instance_count();
        for (std::uint32_t i = 0; i < n; ++i) {
            GpuInstance& gi = inst[k + i];
            gi.model = o.instanced_ ? m * o.instance_transforms_[i] : m;
            gi.color = o.instanced_ ? mat.color * o.instance_colors_[i] : mat.color;
            gi.material = material;
            gi.emissive = emissive;
            gi.extra = textures;
            const Aabb b = render3d::transform_aabb(mg.bounds, gi.model);
            g.spheres[k + i] = glm::vec4((b.min + b.max) * 0.5f, glm::length(b.max - b.min) * 0.5f);
            scene.add(b);
            if (o.cast_shadows_) casters.add(b);
        }
        g.draws.push_back(
            Draw{o.mesh_.index, base + k, k, n, o.cast_shadows_, glm::determinant(glm::mat3(m)) < 0.0f, draw_textures});
        k += n;
    }
    if (!problem) {  // every problem of this frame was noted above
        warning_code_ = 0;
        warning_.clear();
    }

    // --- Camera.
    const Extent out_extent = ctx.extent();
    const float aspect = out_extent.height ? float(out_extent.width) / float(out_extent.height) : 1.0f;
    const glm::mat4 view = camera_.view();
    const glm::mat4 proj = camera_.projection(aspect);
    const glm::mat4 inv_view = glm::inverse(view);
    // Shadows reach as far as the scene does (not to an arbitrary far plane).
    float shadow_far = camera_.far_plane();
    if (!scene.empty()) {
        float deepest = camera_.near_plane();
        for (int i = 0; i < 8; ++i) {
            const glm::vec3 p{(i & 1) ? scene.max.x : scene.min.x, (i & 2) ? scene.max.y : scene.min.y,
                              (i & 4) ? scene.max.z : scene.min.z};
            deepest = std::max(deepest, -(view * glm::vec4(p, 1.0f)).z);
        }
        shadow_far = std::clamp(deepest, camera_.near_plane() * 2.0f, camera_.far_plane());
    }

    // --- The frame block, lights and shadow slots.
    auto frame_slice = ring.allocate(sizeof(GpuFrame), 256, who.c_str());
    if (!frame_slice) {
        ctx.fail(frame_slice.message());
        return;
    }
    GpuFrame& f = *reinterpret_cast<GpuFrame*>(frame_slice->data);
    f.view = view;
    f.proj = proj;
    f.view_proj = proj * view;
    f.inv_view_proj = glm::mat4(glm::inverse(glm::dmat4(proj) * glm::dmat4(view)));
    f.ambient = glm::vec4(ambient_.get(), exposure_.get());
    f.params = glm::vec4(float(output_.get()), camera_.near_plane(), camera_.far_plane(), tonemap_.get() ? 1.0f : 0.0f);
    f.camera_pos = glm::vec4(camera_.eye(), 0.0f);
    const glm::vec4 bg = background_.get();
    f.background = glm::vec4(glm::vec3(bg) * bg.a, bg.a);  // premultiplied, as chain images are
    for (ShadowSlot& s : g.slots) s.rendered = false;
    int light_count = 0, slot = 0;
    struct Pass {
        int slot;
        std::uint32_t layer;
        glm::mat4 matrix;
        glm::vec4 origin;
        float bias_constant, bias_slope;
        glm::vec4 reach{0.0f};  // spot, point: the light's position and range (w), a quick first cull
    };
    std::array<Pass, render3d::kMaxShadows * 6> passes{};
    std::uint32_t pass_count = 0;
    for (const Light& l : lights_) {
        if (!l.enabled_) continue;
        if (light_count == render3d::kMaxLights) break;
        render3d::GpuLight& gl = f.lights[light_count++];
        const glm::vec3 dir = glm::length(l.direction_) > 1e-6f ? glm::normalize(l.direction_) : glm::vec3(0, -1, 0);
        gl.position_range = glm::vec4(l.position_, std::max(l.range_, 1e-3f));
        gl.direction_type = glm::vec4(dir, float(l.type_));
        gl.color_intensity = glm::vec4(l.color_, l.intensity_);
        const float outer = std::clamp(l.outer_, 0.5f, 89.0f), inner = std::clamp(l.inner_, 0.0f, outer - 0.25f);
        gl.cone_shadow = glm::vec4(std::cos(inner * kRadians), std::cos(outer * kRadians), -1.0f, float(l.pcf_ / 2));
        gl.shadow_params = glm::vec4(l.normal_offset_, 1.0f, 1.0f / float(l.map_size_), kPointNear);
        gl.cascade_ends = glm::vec4(shadow_far);
        gl.texel_world = glm::vec4(0.0f);
        if (!l.shadows_ || slot == render3d::kMaxShadows) continue;

        ShadowSlot& s = g.slots[slot];
        const std::uint32_t size = l.map_size_;
        const bool cube = l.type_ == LightType::Point;
        const std::uint32_t layers = l.type_ == LightType::Directional ? std::uint32_t(l.cascades_) : cube ? 6u : 1u;
        static const char* const kSlotNames[] = {"shadow-map-0", "shadow-map-1", "shadow-map-2", "shadow-map-3"};
        if (!ensure_depth(ctx, s.map, {size, size}, cube ? gpu::ImageKind::Cube : gpu::ImageKind::Array2D, layers,
                          true, kSlotNames[slot], name()))
            return;
        s.type = l.type_;
        s.size = size;
        s.layers = layers;
        s.rendered = true;
        gl.cone_shadow.z = float(slot);
        gl.shadow_params.y = float(layers);
        const float tex = 1.0f / float(size);
        glm::mat4* mats = &g.shadow_matrices[std::size_t(slot) * render3d::kMaxCascades];
        if (l.type_ == LightType::Directional) {
            const auto ends = render3d::cascade_splits(l.cascades_, camera_.near_plane(), shadow_far);
            float d0 = camera_.near_plane();
            for (int c = 0; c < l.cascades_; ++c) {
                const auto fit = render3d::fit_cascade(inv_view, camera_.fov_y() * kRadians, aspect,
                                                       camera_.is_orthographic(), camera_.ortho_height(), d0, ends[c],
                                                       dir, casters, size);
                mats[c] = fit.matrix;
                gl.cascade_ends[c] = ends[c];
                gl.texel_world[c] = fit.texel_world;
                passes[pass_count++] = {slot, std::uint32_t(c), fit.matrix, glm::vec4(0.0f), l.bias_constant_, l.bias_slope_};
                d0 = ends[c];
            }
        } else if (l.type_ == LightType::Spot) {
            const float half = std::min(outer * kRadians * 1.05f, 1.55f);
            mats[0] = render3d::spot_matrix(l.position_, dir, half, std::max(0.02f, l.range_ * 0.002f), l.range_);
            gl.texel_world.x = 2.0f * std::tan(half) * tex;
            passes[pass_count++] = {slot, 0, mats[0], glm::vec4(0.0f), l.bias_constant_, l.bias_slope_,
                                    glm::vec4(l.position_, l.range_)};
        } else {
            gl.texel_world.x = 2.0f * tex;
            for (std::uint32_t face = 0; face < 6; ++face)
                passes[pass_count++] = {slot, face, render3d::cube_face_matrix(face, kPointNear, l.range_),
                                        glm::vec4(l.position_, 0.0f), l.bias_constant_, l.bias_slope_,
                                        glm::vec4(l.position_, l.range_)};
        }
        ++slot;
    }
    f.camera_pos.w = float(light_count);
    for (int s = 0; s < render3d::kMaxShadows; ++s)
        for (int c = 0; c < render3d::kMaxCascades; ++c)
            f.shadow_matrices[s * render3d::kMaxCascades + c] = g.shadow_matrices[std::size_t(s * render3d::kMaxCascades + c)];
    // A light whose slot went unused gives its image back only when another size or type comes.

    // --- Shadow casters per pass: the instances whose bounding sphere reaches into the pass's
    // clip volume (a cube face, a cone, a cascade's box), as runs of indices into the instance
    // records. A point light's faces each draw the casters on their side; 10,000 instances
    // spread over a floor leave a few hundred per face.
    {
        const std::size_t worst = std::size_t(pass_count) * total;
        if (g.casters.capacity() < worst) g.casters.reserve(worst);
        if (g.pass_draws.capacity() < pass_count * g.draws.size()) g.pass_draws.reserve(pass_count * g.draws.size());
    }
    g.casters.clear();
    g.pass_draws.clear();
    for (std::uint32_t p = 0; p < pass_count; ++p) {
        g.pass_begin[p] = static_cast<std::uint32_t>(g.pass_draws.size());
        const render3d::Planes planes = render3d::frustum_planes(passes[p].matrix);
        const glm::vec3 origin(passes[p].origin);  // point lights' matrices take positions relative to the light
        const glm::vec3 light(passes[p].reach);
        const float range = passes[p].reach.w;
        for (std::uint32_t di = 0; di < g.draws.size(); ++di) {
            const Draw& d = g.draws[di];
            if (!d.casts) continue;
            const auto start = static_cast<std::uint32_t>(g.casters.size());
            for (std::uint32_t i = 0; i < d.count; ++i) {
                const glm::vec4& sp = g.spheres[d.first_local + i];
                const glm::vec3 c(sp);
                if (range > 0.0f) {  // beyond the light's reach: no face of it sees the instance
                    const glm::vec3 to = c - light;
                    if (glm::dot(to, to) > (range + sp.w) * (range + sp.w)) continue;
                }
                if (!render3d::sphere_outside(planes, c - origin, sp.w))
                    g.casters.push_back(d.first_instance + i);
            }
            const auto n = static_cast<std::uint32_t>(g.casters.size()) - start;
            if (n) g.pass_draws.push_back({di, start, n});
        }
    }
    g.pass_begin[pass_count] = static_cast<std::uint32_t>(g.pass_draws.size());
    auto caster_slice = ring.allocate(std::max<std::size_t>(g.casters.size(), 1) * sizeof(std::uint32_t),
                                      sizeof(std::uint32_t), who.c_str());
    // Where the lists do not fit in this frame's ring (the instance records come first), the
    // passes draw every caster, as without culling: slower, never wrong.
    const bool culled = caster_slice.ok();
    std::uint32_t caster_base = 0;
    if (culled) {
        if (!g.casters.empty())
            std::memcpy(caster_slice->data, g.casters.data(), g.casters.size() * sizeof(std::uint32_t));
        caster_base = static_cast<std::uint32_t>(caster_slice->offset / sizeof(std::uint32_t));
        figures_.shadow_instances = static_cast<std::uint32_t>(g.casters.size());
        g.unculled_logged = false;
    } else {
        std::uint32_t all = 0;
        for (const Draw& d : g.draws) all += d.casts ? d.count : 0;
        figures_.shadow_instances = all * pass_count;
        if (!g.unculled_logged)
            spdlog::warn("operator '{}' (Render3D): the shadow passes' caster lists do not fit in this frame's "
                         "upload ring ({}), so they draw every caster. Fix: fewer instances or shadowed lights.",
                         name(), caster_slice.ok() ? std::string() : caster_slice.message());
        g.unculled_logged = true;
    }

    // --- Attachments: depth and the G-buffer, read by the lighting pass.
    if (!ensure_depth(ctx, g.depth, out_extent, gpu::ImageKind::Image2D, 1, !g.forward, "render3d-depth", name()))
        return;
    // A private colour image into `img`; false (the operator failed with the reason) when it cannot be made.
    auto make_image = [&](gpu::Image& img, Extent extent, VkFormat format, VkImageUsageFlags usage, const char* label) {
        gpu::ImageDesc d;
        d.extent = extent;
        d.format = format;
        d.usage = usage;
        d.name = label;
        d.owner = name().c_str();
        auto r = dev.create_image(d);
        if (!r) {
            ctx.fail(r.message());
            return false;
        }
        img = std::move(*r);
        return true;
    };
    if (!g.forward && (!g.gbuffer || g.gbuffer.extent() != out_extent) &&
        !make_image(g.gbuffer, out_extent, kGbufferFormat,
                    VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT, "render3d-gbuffer"))
        return;
    if (!g.dummies_ready) {
        if (!ensure_depth(ctx, g.dummy_map, {1, 1}, gpu::ImageKind::Array2D, 1, true, "shadow-none", name()) ||
            !ensure_depth(ctx, g.dummy_cube, {1, 1}, gpu::ImageKind::Cube, 6, true, "shadow-none-cube", name()))
            return;
        if (!make_image(g.white, {1, 1}, VK_FORMAT_R8G8B8A8_UNORM,
                        VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT, "texture-none"))
            return;
        {
            gpu::BarrierBatch bb(cmd, dev.counters());
            bb.require(g.dummy_map, gpu::ImageUsage::TransferDst);
            bb.require(g.dummy_cube, gpu::ImageUsage::TransferDst);
            bb.require(g.white, gpu::ImageUsage::TransferDst);
        }
        const VkClearColorValue white_value{{1.0f, 1.0f, 1.0f, 1.0f}};
        const VkImageSubresourceRange colour{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
        vkCmdClearColorImage(cmd, g.white.get(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &white_value, 1, &colour);
        const VkClearDepthStencilValue one{1.0f, 0};
        const VkImageSubresourceRange all{VK_IMAGE_ASPECT_DEPTH_BIT, 0, 1, 0, VK_REMAINING_ARRAY_LAYERS};
        vkCmdClearDepthStencilImage(cmd, g.dummy_map.get(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &one, 1, &all);
        vkCmdClearDepthStencilImage(cmd, g.dummy_cube.get(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &one, 1, &all);
        g.dummies_ready = true;
    }

    // --- Descriptor sets: found in the cache after the first frame (keyed by cookies).
    if (auto r = ring.ensure_buffer(); !r) {
        ctx.fail(r.message());
        return;
    }
    const gpu::Buffer& rb = ring.buffer();
    const auto frame_block = gpu::Descriptor::buffer_of(VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER_DYNAMIC, 0, rb, sizeof(GpuFrame));
    // The main pass's: frame, instances, textures, then (forward) the shadow maps.
    constexpr std::size_t kFirstTexture = 2, kFirstShadow = 6;
    std::array<gpu::Descriptor, kFirstShadow + 2 * render3d::kMaxShadows> writes;
    writes[0] = frame_block;
    writes[1] = gpu::Descriptor::buffer_of(VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, rb);
    const gpu::Sampler& cmp = dev.sampler_ref(gpu::SamplerKind::ShadowCompare);
    auto shadow_maps = [&](gpu::Descriptor* out) {  // bindings 2 and 3, a slot's map or a dummy
        for (std::uint32_t s = 0; s < render3d::kMaxShadows; ++s) {
            const ShadowSlot& ss = g.slots[s];
            const bool map = ss.rendered && ss.type != LightType::Point;
            const bool cube = ss.rendered && ss.type == LightType::Point;
            out[s] = gpu::Descriptor::sampled(2, map ? g.slots[s].map : g.dummy_map, cmp, s);
            out[render3d::kMaxShadows + s] = gpu::Descriptor::sampled(3, cube ? g.slots[s].map : g.dummy_cube, cmp, s);
        }
    };
    shadow_maps(&writes[kFirstShadow]);
    auto shadow_maps_readable = [&](gpu::BarrierBatch& bb) {  // what shadow_maps() binds
        for (ShadowSlot& s : g.slots)
            if (s.rendered) bb.require(s.map, gpu::ImageUsage::SampledRead);
        bb.require(g.dummy_map, gpu::ImageUsage::SampledRead);
        bb.require(g.dummy_cube, gpu::ImageUsage::SampledRead);
    };
    const gpu::Sampler& repeat = dev.sampler_ref(gpu::SamplerKind::LinearRepeat);
    auto& cache = ctx.descriptors();
    // The main pass's set for a draw's textures (white where it has none).
    auto main_set_for = [&](const std::array<std::int16_t, 4>& textures) {
        for (std::uint32_t t = 0; t < 4; ++t)
            writes[kFirstTexture + t] = gpu::Descriptor::sampled(
                4 + t, textures[t] >= 0 ? g.textures[std::size_t(textures[t])] : g.white, repeat);
        return cache.get(g.main->set_layout(), g.main->set_layout_cookie(),
                         std::span<const gpu::Descriptor>(writes.data(), g.forward ? writes.size() : kFirstShadow));
    };
    const std::array<gpu::Descriptor, 3> shadow_writes{
        frame_block, writes[1], gpu::Descriptor::buffer_of(VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 2, rb)};
    VkDescriptorSet shadow_set = cache.get(g.shadow->set_layout(), g.shadow->set_layout_cookie(), shadow_writes);
    const auto dyn = static_cast<std::uint32_t>(frame_slice->offset);

    // One draw of `count` instances of a draw's mesh from `first_instance`.
    auto draw_mesh = [&](const Draw& d, std::uint32_t count, std::uint32_t first_instance) {
        const MeshGpu& mg = g.meshes[d.mesh];
        const VkDeviceSize zero = 0;
        const VkBuffer vb = mg.vertices.get();
        vkCmdBindVertexBuffers(cmd, 0, 1, &vb, &zero);
        vkCmdBindIndexBuffer(cmd, mg.indices.get(), 0, VK_INDEX_TYPE_UINT32);
        vkCmdDrawIndexed(cmd, mg.index_count, count, 0, 0, first_instance);
        ++figures_.draws;
        ++dev.counters().draws;
    };

    // --- Shadow passes: one rendering scope per cascade / face. Every map becomes a depth
    // attachment in one barrier batch first: the passes write different layers and images, so
    // nothing needs to wait between them (a barrier per pass made the GPU drain 16 times).
    {
        gpu::BarrierBatch bb(cmd, dev.counters());
        for (ShadowSlot& s : g.slots)
            if (s.rendered) bb.require(s.map, gpu::ImageUsage::DepthAttachment);
    }
    for (std::uint32_t p = 0; p < pass_count; ++p) {
        const Pass& pass = passes[p];
        ShadowSlot& s = g.slots[std::size_t(pass.slot)];
        VkRenderingAttachmentInfo da{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
        da.imageView = s.map.layer_view(pass.layer);
        da.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
        da.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
        da.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
        da.clearValue.depthStencil = {1.0f, 0};
        VkRenderingInfo ri{VK_STRUCTURE_TYPE_RENDERING_INFO};
        ri.renderArea = {{0, 0}, {s.size, s.size}};
        ri.layerCount = 1;
        ri.pDepthAttachment = &da;
        vkCmdBeginRendering(cmd, &ri);
        gpu::set_viewport(cmd, {s.size, s.size});
        vkCmdSetDepthBias(cmd, pass.bias_constant, 0.0f, pass.bias_slope);
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, g.shadow->pipeline());
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, g.shadow->layout(), 0, 1, &shadow_set, 1, &dyn);
        // origin.w 1: no caster list, the draw's own instances (shadow.vert)
        const ShadowPush push{pass.matrix, glm::vec4(glm::vec3(pass.origin), culled ? 0.0f : 1.0f)};
        vkCmdPushConstants(cmd, g.shadow->layout(), g.shadow->push_stages(), 0, sizeof push, &push);
        if (culled) {
            for (std::uint32_t j = g.pass_begin[p]; j < g.pass_begin[p + 1]; ++j) {
                const Gpu::PassDraw& pd = g.pass_draws[j];
                draw_mesh(g.draws[pd.draw], pd.count, caster_base + pd.first);
            }
        } else {
            for (const Draw& d : g.draws)
                if (d.casts) draw_mesh(d, d.count, d.first_instance);
        }
        vkCmdEndRendering(cmd);
        ++figures_.shadow_passes;
    }
    ctx.gpu_section("shadow maps");

    // --- Main pass. Deferred: materials into the G-buffer; it needs no shadow map, so the shadow
    // passes' writes are waited for only by the lighting pass. Forward: lit into the output.
    {
        gpu::BarrierBatch bb(cmd, dev.counters());
        bb.require(g.white, gpu::ImageUsage::SampledRead);
        for (gpu::Image& t : g.textures) bb.require(t, gpu::ImageUsage::SampledRead);
        if (g.forward) shadow_maps_readable(bb);
        bb.require(g.forward ? ctx.output() : g.gbuffer, gpu::ImageUsage::ColorAttachment);
        bb.require(g.depth, gpu::ImageUsage::DepthAttachment);
    }
    VkRenderingAttachmentInfo ca{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    ca.imageView = g.forward ? ctx.output().view() : g.gbuffer.view();
    ca.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    // The G-buffer is not cleared: the lighting pass reads only pixels whose depth a surface
    // wrote (clearing its 16 bytes a pixel cost more than the whole raster pass on the H200).
    ca.loadOp = g.forward ? VK_ATTACHMENT_LOAD_OP_CLEAR : VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    ca.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    if (g.forward) {  // empty pixels: the background colour, far (1) for depth, no normal (0) for normals
        const glm::vec4 empty = output_.get() == Render3DOutput::Depth    ? glm::vec4(1.0f)
                                : output_.get() == Render3DOutput::Normal ? glm::vec4(0.0f, 0.0f, 0.0f, 1.0f)
                                                                          : f.background;
        ca.clearValue.color = {{empty.r, empty.g, empty.b, empty.a}};
    }
    VkRenderingAttachmentInfo da{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    da.imageView = g.depth.view();
    da.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
    da.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    da.storeOp = g.forward ? VK_ATTACHMENT_STORE_OP_DONT_CARE : VK_ATTACHMENT_STORE_OP_STORE;
    da.clearValue.depthStencil = {1.0f, 0};
    VkRenderingInfo ri{VK_STRUCTURE_TYPE_RENDERING_INFO};
    ri.renderArea = {{0, 0}, {out_extent.width, out_extent.height}};
    ri.layerCount = 1;
    ri.colorAttachmentCount = 1;
    ri.pColorAttachments = &ca;
    ri.pDepthAttachment = &da;
    vkCmdBeginRendering(cmd, &ri);
    gpu::set_viewport(cmd, out_extent);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, g.main->pipeline());
    const Draw* previous = nullptr;  // a set is looked up only when the textures change
    for (const Draw& d : g.draws) {
        if (!previous || previous->textures != d.textures) {
            VkDescriptorSet set = main_set_for(d.textures);
            vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, g.main->layout(), 0, 1, &set, 1, &dyn);
        }
        if (!previous || previous->mirrored != d.mirrored)
            vkCmdSetFrontFace(cmd, d.mirrored ? VK_FRONT_FACE_CLOCKWISE : VK_FRONT_FACE_COUNTER_CLOCKWISE);
        previous = &d;
        draw_mesh(d, d.count, d.first_instance);
    }
    vkCmdEndRendering(cmd);
    ctx.gpu_section(g.forward ? "main pass (lit)" : "main pass (G-buffer)");

    // --- Lighting pass (deferred): one invocation per output pixel (8x8 groups), empty pixels
    // included (they get the background, or far depth, or no normal).
    if (!g.forward) {
        gpu::BarrierBatch bb(cmd, dev.counters());
        shadow_maps_readable(bb);
        bb.require(g.gbuffer, gpu::ImageUsage::SampledRead);
        bb.require(g.depth, gpu::ImageUsage::SampledRead);
        bb.require(ctx.output(), gpu::ImageUsage::StorageWrite);
    }
    if (!g.forward) {
        const gpu::Sampler& nearest = dev.sampler_ref(gpu::SamplerKind::NearestClamp);
        std::array<gpu::Descriptor, 2 + 2 * render3d::kMaxShadows + 3> lw;
        lw[0] = frame_block;
        lw[1] = writes[1];  // instances
        shadow_maps(&lw[2]);
        constexpr std::size_t kAfterShadows = 2 + 2 * render3d::kMaxShadows;
        lw[kAfterShadows] = gpu::Descriptor::sampled(4, g.gbuffer, nearest);
        lw[kAfterShadows + 1] = gpu::Descriptor::sampled(5, g.depth, nearest);
        lw[kAfterShadows + 2] = gpu::Descriptor::storage_image(6, ctx.output());
        VkDescriptorSet set = cache.get(g.light->set_layout(), g.light->set_layout_cookie(), lw);
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, g.light->pipeline());
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, g.light->layout(), 0, 1, &set, 1, &dyn);
        constexpr std::uint32_t kGroup = gpu::Program::kGroupSize;
        vkCmdDispatch(cmd, (out_extent.width + kGroup - 1) / kGroup, (out_extent.height + kGroup - 1) / kGroup, 1);
        ++dev.counters().draws;
        ctx.gpu_section("lighting");
    }

    figures_.instances = total;
    for (const ShadowSlot& s : g.slots) figures_.shadow_maps += s.map ? 1 : 0;
}

}  // namespace loom
