// addons/render3d/src/forward_path.cpp — Render3D on a CPU device (lavapipe), on the raster
// pipeline:
//
//   1. per shadow view (a cascade, a cone, a cube face) the casters whose bounding sphere reaches
//      into its clip volume, as runs of instance indices in the upload ring;
//   2. per shadow view a depth-only rendering scope into a layer of the slot's depth image;
//   3. the main pass: each fragment lit where it is drawn (render3d/forward.frag), straight into
//      the output, shadow maps sampled through a comparison sampler.
//
// Why forward there: the compute rasterizer's atomics and a compute lighting pass run lane by
// lane on a CPU device, where the raster pipeline is the fast way (the compute path took more than
// twice as long on lavapipe).
#include <algorithm>
#include <cstring>
#include <string>

#include <spdlog/spdlog.h>

#include "addons/render3d/src/render3d_gpu.hpp"
#include "core/gpu/barriers.hpp"
#include "core/gpu/descriptor_cache.hpp"
#include "core/gpu/device.hpp"
#include "core/gpu/vk.hpp"
#include "core/graph/record_context.hpp"

namespace loom::render3d {

namespace {

// The main pass: frame block, instances, shadow maps, a draw's textures.
std::vector<VkDescriptorSetLayoutBinding> main_bindings() {
    const VkShaderStageFlags vf = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
    return {
        {0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER_DYNAMIC, 1, vf, nullptr},
        {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, vf, nullptr},
        {2, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, kMaxShadows, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
        {3, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, kMaxShadows, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
        // A material's textures: base colour, normal, metallic-roughness, emissive. One set per
        // distinct combination (made once, found in the cache after), bound per draw.
        {4, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
        {5, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
        {6, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
        {7, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
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

// A depth attachment cleared to 1 (far) when its rendering scope begins.
VkRenderingAttachmentInfo cleared_depth(VkImageView view, VkAttachmentStoreOp store) {
    VkRenderingAttachmentInfo da{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    da.imageView = view;
    da.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
    da.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    da.storeOp = store;
    da.clearValue.depthStencil = {1.0f, 0};
    return da;
}

}  // namespace

Result<void> create_forward(Render3D::Gpu& g, graph::CreateContext& ctx, VkFormat color_format) {
    gpu::GraphicsProgramDesc m;
    m.vertex = "render3d/mesh.vert";
    m.fragment = "render3d/forward.frag";
    m.bindings = main_bindings();
    m.color_count = 1;
    m.color_formats[0] = color_format;
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
    return {};
}

void record_forward(Render3D::Gpu& g, graph::RecordContext& ctx, const FrameData& f, Render3D::FrameFigures& figures,
                    const std::string& name) {
    gpu::Device& dev = ctx.device();
    VkCommandBuffer cmd = ctx.cmd();
    gpu::UploadRing& ring = ctx.uploads();
    const std::uint32_t pass_count = f.pass_count;

    // --- Shadow casters per pass: the instances whose bounding sphere reaches into the pass's
    // clip volume (a cube face, a cone, a cascade's box), as runs of indices into the instance
    // records. A point light's faces each draw the casters on their side.
    {
        const std::size_t worst = std::size_t(pass_count) * f.instances;
        if (g.casters.capacity() < worst) g.casters.reserve(worst);
        if (g.pass_draws.capacity() < pass_count * g.draws.size()) g.pass_draws.reserve(pass_count * g.draws.size());
    }
    g.casters.clear();
    g.pass_draws.clear();
    for (std::uint32_t p = 0; p < pass_count; ++p) {
        g.pass_begin[p] = static_cast<std::uint32_t>(g.pass_draws.size());
        const Planes planes = frustum_planes(f.passes[p].matrix);
        const glm::vec3 origin(f.passes[p].origin);  // point lights' matrices take positions relative to the light
        const glm::vec3 light(f.passes[p].reach);
        const float range = f.passes[p].reach.w;
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
                if (!sphere_outside(planes, c - origin, sp.w)) g.casters.push_back(d.first_instance + i);
            }
            const auto n = static_cast<std::uint32_t>(g.casters.size()) - start;
            if (n) g.pass_draws.push_back({di, start, n});
        }
    }
    g.pass_begin[pass_count] = static_cast<std::uint32_t>(g.pass_draws.size());
    auto caster_slice = ring.allocate(std::max<std::size_t>(g.casters.size(), 1) * sizeof(std::uint32_t),
                                      sizeof(std::uint32_t), name.c_str());
    // Where the lists do not fit in this frame's ring (the instance records come first), the
    // passes draw every caster, as without culling: slower, never wrong.
    const bool culled = caster_slice.ok();
    std::uint32_t caster_base = 0;
    if (culled) {
        if (!g.casters.empty())
            std::memcpy(caster_slice->data, g.casters.data(), g.casters.size() * sizeof(std::uint32_t));
        caster_base = static_cast<std::uint32_t>(caster_slice->offset / sizeof(std::uint32_t));
        figures.shadow_instances = static_cast<std::uint32_t>(g.casters.size());
        g.unculled_logged = false;
    } else {
        std::uint32_t all = 0;
        for (const Draw& d : g.draws) all += d.casts ? d.count : 0;
        figures.shadow_instances = all * pass_count;
        if (!g.unculled_logged)
            spdlog::warn("operator '{}' (Render3D): the shadow passes' caster lists do not fit in this frame's "
                         "upload ring ({}), so they draw every caster. Fix: fewer instances or shadowed lights.",
                         name, caster_slice.message());
        g.unculled_logged = true;
    }

    // --- Attachments and the maps bound where a slot is empty.
    const Extent out_extent = ctx.extent();
    if (!ensure_depth(ctx, g.depth, out_extent, gpu::ImageKind::Image2D, 1, false, "render3d-depth", name)) return;
    if (!g.dummies_ready) {
        if (!ensure_depth(ctx, g.dummy_map, {1, 1}, gpu::ImageKind::Array2D, 1, true, "shadow-none", name) ||
            !ensure_depth(ctx, g.dummy_cube, {1, 1}, gpu::ImageKind::Cube, 6, true, "shadow-none-cube", name))
            return;
        {
            gpu::BarrierBatch bb(cmd, dev.counters());
            bb.require(g.dummy_map, gpu::ImageUsage::TransferDst);
            bb.require(g.dummy_cube, gpu::ImageUsage::TransferDst);
        }
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
    // The main pass's: frame, instances, the shadow maps (a slot's map or a dummy), textures.
    constexpr std::size_t kFirstTexture = 2 + 2 * kMaxShadows;
    std::array<gpu::Descriptor, kFirstTexture + 4> writes;
    writes[0] = frame_block;
    writes[1] = gpu::Descriptor::buffer_of(VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, rb);
    const gpu::Sampler& cmp = dev.sampler_ref(gpu::SamplerKind::ShadowCompare);
    for (std::uint32_t s = 0; s < kMaxShadows; ++s) {
        const ShadowSlot& ss = g.slots[s];
        const bool map = ss.rendered && ss.type != LightType::Point;
        const bool cube = ss.rendered && ss.type == LightType::Point;
        writes[2 + s] = gpu::Descriptor::sampled(2, map ? g.slots[s].map : g.dummy_map, cmp, s);
        writes[2 + kMaxShadows + s] = gpu::Descriptor::sampled(3, cube ? g.slots[s].map : g.dummy_cube, cmp, s);
    }
    const gpu::Sampler& repeat = dev.sampler_ref(gpu::SamplerKind::LinearRepeat);
    auto& cache = ctx.descriptors();
    // The main pass's set for a draw's textures (white where it has none).
    auto main_set_for = [&](const std::array<std::int16_t, 4>& textures) {
        for (std::uint32_t t = 0; t < 4; ++t)
            writes[kFirstTexture + t] = gpu::Descriptor::sampled(
                4 + t, textures[t] >= 0 ? g.textures[std::size_t(textures[t])] : g.white, repeat);
        return cache.get(g.main->set_layout(), g.main->set_layout_cookie(), writes);
    };
    const std::array<gpu::Descriptor, 3> shadow_writes{
        frame_block, writes[1], gpu::Descriptor::buffer_of(VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 2, rb)};
    VkDescriptorSet shadow_set = cache.get(g.shadow->set_layout(), g.shadow->set_layout_cookie(), shadow_writes);
    const std::uint32_t dyn = f.frame_offset;

    // One draw of `count` instances of a draw's mesh from `first_instance`, out of the arena.
    if (g.vertices) {  // no arena: no mesh, nothing to draw
        const VkDeviceSize zero = 0;
        const VkBuffer vb = g.vertices.get();
        vkCmdBindVertexBuffers(cmd, 0, 1, &vb, &zero);
        vkCmdBindIndexBuffer(cmd, g.indices.get(), 0, VK_INDEX_TYPE_UINT32);
    }
    auto draw_mesh = [&](const Draw& d, std::uint32_t count, std::uint32_t first_instance) {
        const MeshGpu& mg = g.meshes[d.mesh];
        vkCmdDrawIndexed(cmd, mg.index_count, count, mg.first_index, std::int32_t(mg.first_vertex), first_instance);
        ++figures.draws;
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
        const Pass& pass = f.passes[p];
        ShadowSlot& s = g.slots[std::size_t(pass.slot)];
        const VkRenderingAttachmentInfo da = cleared_depth(s.map.layer_view(pass.layer), VK_ATTACHMENT_STORE_OP_STORE);
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
                const Render3D::Gpu::PassDraw& pd = g.pass_draws[j];
                draw_mesh(g.draws[pd.draw], pd.count, caster_base + pd.first);
            }
        } else {
            for (const Draw& d : g.draws)
                if (d.casts) draw_mesh(d, d.count, d.first_instance);
        }
        vkCmdEndRendering(cmd);
        ++figures.shadow_passes;
    }
    ctx.gpu_section("shadow maps");

    // --- Main pass: lit into the output.
    {
        gpu::BarrierBatch bb(cmd, dev.counters());
        bb.require(g.white, gpu::ImageUsage::SampledRead);
        for (gpu::Image& t : g.textures) bb.require(t, gpu::ImageUsage::SampledRead);
        for (ShadowSlot& s : g.slots)
            if (s.rendered) bb.require(s.map, gpu::ImageUsage::SampledRead);
        bb.require(g.dummy_map, gpu::ImageUsage::SampledRead);
        bb.require(g.dummy_cube, gpu::ImageUsage::SampledRead);
        bb.require(ctx.output(), gpu::ImageUsage::ColorAttachment);
        bb.require(g.depth, gpu::ImageUsage::DepthAttachment);
    }
    VkRenderingAttachmentInfo ca{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    ca.imageView = ctx.output().view();
    ca.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    ca.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    ca.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    // Empty pixels: the background colour, far (1) for depth, no normal (0) for normals.
    const glm::vec4 empty = f.output == Render3DOutput::Depth    ? glm::vec4(1.0f)
                            : f.output == Render3DOutput::Normal ? glm::vec4(0.0f, 0.0f, 0.0f, 1.0f)
                                                                 : f.background;
    ca.clearValue.color = {{empty.r, empty.g, empty.b, empty.a}};
    const VkRenderingAttachmentInfo da = cleared_depth(g.depth.view(), VK_ATTACHMENT_STORE_OP_DONT_CARE);
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
    ctx.gpu_section("main pass (lit)");
}

}  // namespace loom::render3d
