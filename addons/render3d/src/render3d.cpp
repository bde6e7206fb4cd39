// addons/render3d/src/render3d.cpp — Render3D, the operator: its programs, the uploads (meshes
// into the geometry arena, textures), and each frame's records in the upload ring, which one of
// the two paths then draws (render3d_gpu.hpp says which and why):
//
//   1. settings a light can take, checked (problems logged once, the scene drawn within limits);
//   2. uploads: new meshes (the whole arena again, staged), new textures, once each;
//   3. one 128-byte record per instance (model matrix, colour, material, texture indices) and its
//      world bounding sphere;
//   4. the frame block (camera, lights, shadow matrices) and the shadow views: per shadowed light
//      its cascades, its cone or its six cube faces;
//   5. record_forward() or record_compute().
//
// Steady state: no object, descriptor set or heap allocation — the descriptor sets name the ring
// buffer, the arena and the shadow images, which stay until a light's map size or type changes.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>
#include <loom/render3d/render3d.hpp>
#include <spdlog/spdlog.h>

#include "addons/render3d/src/render3d_gpu.hpp"
#include "core/gpu/barriers.hpp"
#include "core/gpu/device.hpp"
#include "core/gpu/format.hpp"
#include "core/gpu/image_upload.hpp"
#include "core/graph/record_context.hpp"

namespace loom {

using render3d::Aabb;
using render3d::GpuFrame;
using render3d::GpuInstance;

namespace {

constexpr float kRadians = 3.14159265358979f / 180.0f;

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

// Uploads every mesh into a new geometry arena (one vertex and one index buffer; meshes come
// rarely: setup, a loaded model), through one staging buffer. False: failed (ctx.fail).
bool upload_meshes(Render3D::Gpu& g, graph::RecordContext& ctx, const std::vector<MeshData>& meshes,
                   const std::string& owner) {
    std::vector<render3d::MeshGpu> placed(meshes.size());
    std::uint64_t vertices = 0, indices = 0;
    for (std::size_t i = 0; i < meshes.size(); ++i) {
        const MeshData& md = meshes[i];
        render3d::MeshGpu& mg = placed[i];
        mg.bounds.add(md.bounds_min);
        mg.bounds.add(md.bounds_max);
        if (md.indices.empty() || md.vertices.empty()) continue;  // draws nothing
        for (std::uint32_t idx : md.indices)
            if (idx >= md.vertices.size()) {
                ctx.fail("mesh '" + md.name + "' has index " + std::to_string(idx) + " but only " +
                         std::to_string(md.vertices.size()) + " vertices. Fix: check the mesh data.");
                return false;
            }
        mg.first_vertex = static_cast<std::uint32_t>(vertices);
        mg.first_index = static_cast<std::uint32_t>(indices);
        mg.index_count = static_cast<std::uint32_t>(md.indices.size() / 3 * 3);
        vertices += md.vertices.size();
        indices += mg.index_count;
    }
    if (vertices > 0xffffffffull / sizeof(Vertex) || indices > 0xffffffffull / sizeof(std::uint32_t)) {
        ctx.fail("the meshes have " + std::to_string(vertices) + " vertices and " + std::to_string(indices) +
                 " indices, more than one Render3D holds (4 GiB of each). Fix: load fewer or smaller meshes.");
        return false;
    }
    gpu::Device& dev = ctx.device();
    const VkDeviceSize vbytes = std::max<VkDeviceSize>(vertices * sizeof(Vertex), sizeof(Vertex));
    const VkDeviceSize ibytes = std::max<VkDeviceSize>(indices * sizeof(std::uint32_t), 4);
    const std::string label = owner + ":geometry";
    const VkBufferUsageFlags both = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    gpu::Buffer vb, ib, staging;
    if (!render3d::make_buffer(ctx, vb, vbytes, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT | both,
                               gpu::MemoryDomain::DeviceLocal, label.c_str(), owner) ||
        !render3d::make_buffer(ctx, ib, ibytes, VK_BUFFER_USAGE_INDEX_BUFFER_BIT | both,
                               gpu::MemoryDomain::DeviceLocal, label.c_str(), owner) ||
        !render3d::make_buffer(ctx, staging, vbytes + ibytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                               gpu::MemoryDomain::HostVisible, label.c_str(), owner))
        return false;
    for (std::size_t i = 0; i < meshes.size(); ++i) {
        const render3d::MeshGpu& mg = placed[i];
        if (!mg.index_count) continue;
        std::memcpy(staging.mapped() + VkDeviceSize(mg.first_vertex) * sizeof(Vertex), meshes[i].vertices.data(),
                    meshes[i].vertices.size() * sizeof(Vertex));
        std::memcpy(staging.mapped() + vbytes + VkDeviceSize(mg.first_index) * sizeof(std::uint32_t),
                    meshes[i].indices.data(), mg.index_count * sizeof(std::uint32_t));
    }
    VkCommandBuffer cmd = ctx.cmd();
    const VkBufferCopy vc{0, 0, vbytes}, ic{vbytes, 0, ibytes};
    vkCmdCopyBuffer(cmd, staging.get(), vb.get(), 1, &vc);
    vkCmdCopyBuffer(cmd, staging.get(), ib.get(), 1, &ic);
    {
        gpu::BarrierBatch bb(cmd, dev.counters());
        const VkPipelineStageFlags2 readers = VK_PIPELINE_STAGE_2_VERTEX_ATTRIBUTE_INPUT_BIT |
                                              VK_PIPELINE_STAGE_2_INDEX_INPUT_BIT | VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT;
        bb.buffer(vb.get(), VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT, readers,
                  VK_ACCESS_2_VERTEX_ATTRIBUTE_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_READ_BIT);
        bb.buffer(ib.get(), VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT, readers,
                  VK_ACCESS_2_INDEX_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_READ_BIT);
    }
    // The old arena and the staging buffer retire here and go once this frame is done on the GPU.
    g.vertices = std::move(vb);
    g.indices = std::move(ib);
    g.meshes = std::move(placed);
    return true;
}

}  // namespace

namespace render3d {

bool ensure_depth(graph::RecordContext& ctx, gpu::Image& img, Extent e, gpu::ImageKind kind, std::uint32_t layers,
                  bool sampled, const char* name, const std::string& owner) {
    if (img && img.extent() == e && img.kind() == kind && img.layers() == (kind == gpu::ImageKind::Cube ? 6u : layers))
        return true;
    const VkImageUsageFlags usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT |
                                    (sampled ? VK_IMAGE_USAGE_SAMPLED_BIT : 0) | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    return make_image(ctx, img, e, kDepthFormat, usage, kind, layers, name, owner, sampled);
}

bool make_image(graph::RecordContext& ctx, gpu::Image& img, Extent extent, VkFormat format, VkImageUsageFlags usage,
                gpu::ImageKind kind, std::uint32_t layers, const char* label, const std::string& owner,
                bool layer_views) {
    gpu::ImageDesc d;
    d.extent = extent;
    d.format = format;
    d.usage = usage;
    d.kind = kind;
    d.layers = layers;
    d.layer_views = layer_views;
    d.name = label;
    d.owner = owner.c_str();
    auto r = ctx.device().create_image(d);
    if (!r) {
        ctx.fail(r.message());
        return false;
    }
    img = std::move(*r);
    return true;
}

bool make_buffer(graph::RecordContext& ctx, gpu::Buffer& buffer, VkDeviceSize size, VkBufferUsageFlags usage,
                 gpu::MemoryDomain domain, const char* label, const std::string& owner) {
    gpu::BufferDesc d;
    d.size = size;
    d.usage = usage;
    d.domain = domain;
    d.name = label;
    d.owner = owner.c_str();
    auto r = ctx.device().create_buffer(d);
    if (!r) {
        ctx.fail(r.message());
        return false;
    }
    buffer = std::move(*r);
    return true;
}

}  // namespace render3d

Render3D::Render3D() : gpu_(std::make_unique<Gpu>()) {}
Render3D::~Render3D() = default;

glm::mat4 Render3D::shadow_matrix(std::size_t slot, std::size_t cascade) const {
    return gpu_->shadow_matrices[slot * render3d::kMaxCascades + cascade];
}

Result<void> Render3D::create(graph::CreateContext& ctx) {
    if (const std::string e = load_error(); !e.empty()) return make_error(e);
    Gpu& g = *gpu_;
    // LOOM_RENDER3D=compute or =forward picks a path on any device that has what it needs
    // (compute: 64-bit atomics); the default is forward on a CPU device, compute on a GPU.
    const char* path = std::getenv("LOOM_RENDER3D");
    const std::string_view chosen = path ? path : "";
    const bool can_compute = ctx.device().has_int64_atomics();
    g.forward = chosen == "forward" ? true : chosen == "compute" ? !can_compute : ctx.device().is_software() || !can_compute;
    if (!chosen.empty() && chosen != "forward" && chosen != "compute")
        spdlog::warn("LOOM_RENDER3D is '{}': it takes 'compute' or 'forward'; using the device's default ({})", chosen,
                     g.forward ? "forward" : "compute");
    if (chosen == "compute" && !can_compute)
        spdlog::warn("LOOM_RENDER3D is 'compute', but {} has no 64-bit atomics on storage buffers; drawing forward",
                     ctx.device().name());
    g.color_format = gpu::to_vk(output_format());
    spdlog::info("operator '{}' (Render3D): drawn {}", name(),
                 g.forward ? "on the raster pipeline (forward)" : "by the compute rasterizer");
    return g.forward ? render3d::create_forward(g, ctx, g.color_format) : render3d::create_compute(g, ctx);
}

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
        spdlog::warn("operator '{}' (Render3D): {}", name(), warning_);
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
                   " can light a scene, so the first " + std::to_string(kMaxLights) + " do. Fix: disable or remove " +
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

    // --- Uploads: meshes (the arena again when one was added), textures, the white texture.
    if (g.meshes.size() < meshes_.size() || g.mesh_revision != mesh_revision_) {
        if (!upload_meshes(g, ctx, meshes_, name())) return;
        g.mesh_revision = mesh_revision_;
    }
    if (!g.white) {
        if (!render3d::make_image(ctx, g.white, {1, 1}, VK_FORMAT_R8G8B8A8_UNORM,
                                  VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT, gpu::ImageKind::Image2D,
                                  1, "texture-none", name()))
            return;
        const std::uint8_t white[4] = {255, 255, 255, 255};
        if (auto r = gpu::upload_image(dev, cmd, g.white, white, sizeof white, "texture-none", name().c_str()); !r) {
            ctx.fail(r.message());
            return;
        }
    }
    // New textures, and those whose file was saved again (a new image: the old one retires).
    for (std::size_t t = 0; t < std::min(textures_.size(), kMaxTextures); ++t) {
        if (t < g.textures.size() && g.texture_revisions[t] == texture_revisions_[t]) continue;
        const TextureData& td = textures_[t];
        const std::string label = name() + ":" + (td.name.empty() ? "texture" : td.name);
        if (td.width == 0 || td.height == 0 || td.rgba.size() != std::size_t(td.width) * td.height * 4) {
            ctx.fail("texture '" + label + "' is " + std::to_string(td.width) + "x" + std::to_string(td.height) +
                     " with " + std::to_string(td.rgba.size()) + " bytes; it needs width * height * 4 bytes " +
                     "of RGBA. Fix: check the texture data.");
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
            return;
        }
        if (t == g.textures.size()) {
            g.textures.push_back(std::move(*made));
            g.texture_revisions.push_back(texture_revisions_[t]);
        } else {
            g.textures[t] = std::move(*made);
            g.texture_revisions[t] = texture_revisions_[t];
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
    g.draws.clear();
    if (g.spheres.size() < total) g.spheres.resize(total);
    Aabb casters, scene;
    std::uint32_t k = 0;
    for (const Object& o : objects_) {
        if (!o.visible_ || !o.mesh_.valid() || o.mesh_.index >= g.meshes.size()) continue;
        const render3d::MeshGpu& mg = g.meshes[o.mesh_.index];
        if (!mg.index_count) continue;
        const glm::mat4 m = o.matrix();
        const Material& mat = o.material_;
        const glm::vec4 material{mat.metallic, mat.roughness, float(mat.shading), o.receive_shadows_ ? 1.0f : 0.0f};
        const glm::vec4 emissive{mat.emissive, mat.shininess};
        const TextureId tex[4] = {mat.base_color_texture, mat.normal_texture, mat.metallic_roughness_texture,
                                  mat.emissive_texture};
        glm::vec4 textures(-1.0f);  // per slot the texture's index, -1 none (both paths' shaders)
        std::array<std::int16_t, 4> draw_textures{-1, -1, -1, -1};
        for (int t = 0; t < 4; ++t) {
            if (!tex[t].valid()) continue;
            if (std::size_t(tex[t].index) < g.textures.size()) {
                textures[t] = float(tex[t].index);
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
        g.draws.push_back(render3d::Draw{o.mesh_.index, base + k, k, n, o.cast_shadows_,
                                         glm::determinant(glm::mat3(m)) < 0.0f, draw_textures});
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

    // --- The frame block, lights and shadow views.
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
    for (render3d::ShadowSlot& s : g.slots) s.rendered = false;
    render3d::FrameData fd;
    fd.instances = total;
    fd.instance_base = base;
    fd.frame_offset = static_cast<std::uint32_t>(frame_slice->offset);
    fd.view_proj = f.view_proj;
    fd.background = f.background;
    fd.output = output_.get();
    int light_count = 0, slot = 0;
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
        gl.shadow_params = glm::vec4(l.normal_offset_, 1.0f, 1.0f / float(l.map_size_), render3d::kPointNear);
        gl.cascade_ends = glm::vec4(shadow_far);
        gl.texel_world = glm::vec4(0.0f);
        if (!l.shadows_ || slot == render3d::kMaxShadows) continue;

        render3d::ShadowSlot& s = g.slots[std::size_t(slot)];
        const std::uint32_t size = l.map_size_;
        const bool cube = l.type_ == LightType::Point;
        const std::uint32_t layers = l.type_ == LightType::Directional ? std::uint32_t(l.cascades_) : cube ? 6u : 1u;
        static const char* const kSlotNames[] = {"shadow-map-0", "shadow-map-1", "shadow-map-2", "shadow-map-3"};
        if (g.forward) {
            if (!render3d::ensure_depth(ctx, s.map, {size, size}, cube ? gpu::ImageKind::Cube : gpu::ImageKind::Array2D,
                                        layers, true, kSlotNames[slot], name()))
                return;
        } else if (!s.map || s.map.extent() != Extent{size, size} || s.map.layers() != layers) {
            // The compute path's map: depth's bits, written with atomics (a cube's faces are layers).
            if (!render3d::make_image(ctx, s.map, {size, size}, render3d::kMapFormat,
                                      VK_IMAGE_USAGE_STORAGE_BIT | VK_IMAGE_USAGE_SAMPLED_BIT, gpu::ImageKind::Array2D,
                                      layers, kSlotNames[slot], name()))
                return;
        }
        s.type = l.type_;
        s.size = size;
        s.layers = layers;
        s.rendered = true;
        gl.cone_shadow.z = float(slot);
        gl.shadow_params.y = float(layers);
        const float tex = 1.0f / float(size);
        glm::mat4* mats = &g.shadow_matrices[std::size_t(slot) * render3d::kMaxCascades];
        auto& passes = fd.passes;
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
                passes[fd.pass_count++] = {slot, std::uint32_t(c), fit.matrix, glm::vec4(0.0f), l.bias_constant_,
                                           l.bias_slope_};
                d0 = ends[c];
            }
        } else if (l.type_ == LightType::Spot) {
            const float half = std::min(outer * kRadians * 1.05f, 1.55f);
            mats[0] = render3d::spot_matrix(l.position_, dir, half, std::max(0.02f, l.range_ * 0.002f), l.range_);
            gl.texel_world.x = 2.0f * std::tan(half) * tex;
            passes[fd.pass_count++] = {slot, 0, mats[0], glm::vec4(0.0f), l.bias_constant_, l.bias_slope_,
                                       glm::vec4(l.position_, l.range_)};
        } else {
            gl.texel_world.x = 2.0f * tex;
            for (std::uint32_t face = 0; face < 6; ++face)
                passes[fd.pass_count++] = {slot,
                                           face,
                                           render3d::cube_face_matrix(face, render3d::kPointNear, l.range_),
                                           glm::vec4(l.position_, 0.0f),
                                           l.bias_constant_,
                                           l.bias_slope_,
                                           glm::vec4(l.position_, l.range_)};
        }
        ++slot;
    }
    f.camera_pos.w = float(light_count);
    for (int s = 0; s < render3d::kMaxShadows; ++s)
        for (int c = 0; c < render3d::kMaxCascades; ++c)
            f.shadow_matrices[s * render3d::kMaxCascades + c] = g.shadow_matrices[std::size_t(s * render3d::kMaxCascades + c)];
    // A light whose slot went unused gives its image back only when another size or type comes.

    if (g.forward)
        render3d::record_forward(g, ctx, fd, figures_, name());
    else
        render3d::record_compute(g, ctx, fd, figures_, name());
    figures_.instances = total;
    for (const render3d::ShadowSlot& s : g.slots) figures_.shadow_maps += s.map ? 1 : 0;
}

}  // namespace loom
