// addons/render3d/src/compute_path.cpp — Render3D on a GPU: the compute rasterizer
// (shaders/render3d/rasterize.comp) and a compute lighting pass. Per frame, all in the chain's one
// command buffer:
//
//   records   the views (the camera and each shadow view), the draws (each object's mesh in the
//             arena, its instances, its first surface id), the instances' bounding spheres and
//             the jobs (view x draw) go into the upload ring;
//   shadow    clear every rendered map to depth 1 (and the visibility buffer, and the queues);
//   maps      triangles (one dispatch per shadowed light: all its views' jobs), then the large
//             triangles' tiles (an indirect dispatch per light, as many workgroups as the
//             triangles stage queued);
//   visibility the camera's triangles into the visibility buffer, then its tiles;
//   lighting  render3d/light.comp over every output pixel.
//
// Five barrier batches a frame, none between the dispatches of one stage (they write different
// images, or only through atomics). Sets come from the descriptor cache (the ring, the arena, the
// maps, the visibility buffer and the queues stay), so steady frames write no descriptor.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>

#include "addons/render3d/src/render3d_gpu.hpp"
#include "core/base/assert.hpp"
#include "core/gpu/barriers.hpp"
#include "core/gpu/descriptor_cache.hpp"
#include "core/gpu/device.hpp"
#include "core/graph/record_context.hpp"

#include <spdlog/spdlog.h>

namespace loom::render3d {

namespace {

constexpr std::uint32_t kQueues = kMaxShadows + 1;  // one per shadow slot, then the camera's
constexpr std::uint32_t kQueueRecords = 16384;        // large triangles a queue holds at first, per frame
constexpr std::uint32_t kMaxQueueRecords = 1u << 20;  // and at most (64 MiB a queue)
constexpr VkDeviceSize kQueueHeader = 32;

// One queue's bytes: its header and records, rounded to 256 (any device's dynamic-offset alignment).
VkDeviceSize queue_bytes(std::uint32_t records) {
    return (kQueueHeader + VkDeviceSize(records) * 64 + 255) / 256 * 256;
}
constexpr std::uint32_t kTriangleGroup = 64;
constexpr std::uint32_t kVisibility = kQueues - 1;  // the camera's queue

// rasterize.comp's bindings; binding 7 is the target: a shadow map, or the visibility buffer.
std::vector<VkDescriptorSetLayoutBinding> raster_bindings(bool visibility) {
    const VkShaderStageFlags c = VK_SHADER_STAGE_COMPUTE_BIT;
    std::vector<VkDescriptorSetLayoutBinding> b;
    for (std::uint32_t i = 0; i < 7; ++i) b.push_back({i, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, c, nullptr});
    b.push_back({7, visibility ? VK_DESCRIPTOR_TYPE_STORAGE_BUFFER : VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, 1, c, nullptr});
    b.push_back({8, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER_DYNAMIC, 1, c, nullptr});
    return b;
}

std::vector<VkDescriptorSetLayoutBinding> light_bindings() {
    const VkShaderStageFlags c = VK_SHADER_STAGE_COMPUTE_BIT;
    return {
        {0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER_DYNAMIC, 1, c, nullptr},
        {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, c, nullptr},                     // instances
        {2, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, kMaxShadows, c, nullptr},   // shadow maps
        {3, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, c, nullptr},                     // draws
        {4, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, c, nullptr},                     // visibility
        {5, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, c, nullptr},                     // vertices
        {6, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, c, nullptr},                     // indices
        {7, VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, 1, c, nullptr},                      // the output
        {8, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, Render3D::kMaxTextures, c, nullptr},
    };
}

Result<gpu::Program*> program(graph::CreateContext& ctx, const char* shader,
                              std::vector<VkDescriptorSetLayoutBinding> bindings, std::uint32_t push_bytes,
                              std::vector<std::pair<std::string, std::string>> defines) {
    gpu::ProgramDesc d;
    d.shader = shader;
    d.bindings = std::move(bindings);
    d.push_bytes = push_bytes;
    d.defines = std::move(defines);
    return ctx.program(d);
}

// A dispatch of `threads` invocations in groups of 64 along x, rows of at most 65535 groups.
struct Grid {
    std::uint32_t x = 0, y = 0, row = 0;
};
Grid grid_for(std::uint64_t threads) {
    const std::uint64_t groups = (threads + kTriangleGroup - 1) / kTriangleGroup;
    Grid g;
    g.x = static_cast<std::uint32_t>(std::min<std::uint64_t>(groups, 65535));
    g.y = g.x ? static_cast<std::uint32_t>((groups + g.x - 1) / g.x) : 0;
    g.row = g.x * kTriangleGroup;
    return g;
}

// Buffer barriers between the stages: everything a compute shader wrote before, for `dst`.
void after_compute(gpu::BarrierBatch& bb, const gpu::Buffer& b, VkPipelineStageFlags2 dst_stage,
                   VkAccessFlags2 dst_access) {
    bb.buffer(b.get(), VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_2_DRAW_INDIRECT_BIT,
              VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT | VK_ACCESS_2_SHADER_STORAGE_READ_BIT |
                  VK_ACCESS_2_INDIRECT_COMMAND_READ_BIT,
              dst_stage, dst_access);
}
constexpr VkAccessFlags2 kReadWrite = VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT;

}  // namespace

Result<void> create_compute(Render3D::Gpu& g, graph::CreateContext& ctx) {
    ComputePath& c = g.compute;
    c.queue_records = kQueueRecords;
    if (const char* q = std::getenv("LOOM_RENDER3D_QUEUE")) {
        char* end = nullptr;
        const long n = std::strtol(q, &end, 10);
        if (end == q || *end != '\0' || n < 0 || n > long(kMaxQueueRecords))
            spdlog::warn("LOOM_RENDER3D_QUEUE is '{}': it takes a number of records, 0 to {}; using {}", q,
                         kMaxQueueRecords, kQueueRecords);
        else
            c.queue_records = static_cast<std::uint32_t>(n);
    }
    c.queue_bytes = queue_bytes(c.queue_records);
    c.queues = {};  // made at the first record, at this size
    c.camera_queue = {};
    for (int v = 0; v < 2; ++v) {
        const std::string vis = v ? "1" : "0";
        auto t = program(ctx, "render3d/rasterize.comp", raster_bindings(v != 0), sizeof(RasterPush),
                         {{"LOOM_RASTER_VISIBILITY", vis}, {"LOOM_RASTER_TILES", "0"}});
        if (!t) return t.error();
        c.triangles[v] = *t;
        auto tiles = program(ctx, "render3d/rasterize.comp", raster_bindings(v != 0), sizeof(RasterPush),
                             {{"LOOM_RASTER_VISIBILITY", vis}, {"LOOM_RASTER_TILES", "1"}});
        if (!tiles) return tiles.error();
        c.tiles[v] = *tiles;
    }
    const VkShaderStageFlags cs = VK_SHADER_STAGE_COMPUTE_BIT;
    auto map = program(ctx, "render3d/raster_clear.comp", {{0, VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, 1, cs, nullptr}},
                       sizeof(ClearPush), {{"LOOM_CLEAR_MAP", "1"}});
    if (!map) return map.error();
    c.clear_map = *map;
    auto vis = program(ctx, "render3d/raster_clear.comp",
                       {{0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, cs, nullptr},
                        {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, cs, nullptr},
                        {2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, cs, nullptr},
                        {3, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, cs, nullptr}},
                       sizeof(ClearPush), {{"LOOM_CLEAR_MAP", "0"}});
    if (!vis) return vis.error();
    c.clear_visibility = *vis;
    auto light = program(ctx, "render3d/light.comp", light_bindings(), sizeof(LightPush), {});
    if (!light) return light.error();
    c.light = *light;
    return {};
}

void record_compute(Render3D::Gpu& g, graph::RecordContext& ctx, const FrameData& f, Render3D::FrameFigures& figures,
                    const std::string& name) {
    ComputePath& c = g.compute;
    gpu::Device& dev = ctx.device();
    VkCommandBuffer cmd = ctx.cmd();
    gpu::UploadRing& ring = ctx.uploads();
    const Extent out = ctx.extent();

    // --- The path's own buffers: the visibility buffer (again on a resize), the queues, a map
    // bound where a slot has none.
    if (!c.visibility || c.visibility_extent != out) {
        const VkDeviceSize bytes = VkDeviceSize(out.width) * out.height * 8;
        if (bytes > dev.limits().maxStorageBufferRange) {
            ctx.fail("a " + std::to_string(out.width) + "x" + std::to_string(out.height) +
                     " output needs a visibility buffer of " + std::to_string(bytes) + " bytes; " +
                     std::string(dev.name()) + " reads at most " +
                     std::to_string(dev.limits().maxStorageBufferRange) +
                     " bytes of a buffer from a shader. Fix: a smaller size() for this Render3D, or "
                     "LOOM_RENDER3D=forward.");
            return;
        }
        if (!make_buffer(ctx, c.visibility, std::max<VkDeviceSize>(bytes, 8), VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                         gpu::MemoryDomain::DeviceLocal, "render3d-visibility", name))
            return;
        c.visibility_extent = out;
    }
    const std::uint32_t max_tiles = std::min<std::uint32_t>(dev.limits().maxComputeWorkGroupCount[0], 1u << 30);

    // --- The queue counters of a frame a few frames back (the clear pass writes them into this
    // frame slot's part of `counts`; the slot's fence has been waited for): how many large
    // triangles went to the tiles stage, and whether a queue was full — then it grows, and the
    // frames in between drew what did not fit the slow way.
    const std::uint32_t slots = dev.frames_in_flight();
    const auto counts_first = static_cast<std::uint32_t>((ctx.frame() % slots) * kQueues * 2);
    if (!c.counts) {
        if (!make_buffer(ctx, c.counts, VkDeviceSize(slots) * kQueues * 2 * sizeof(std::uint32_t),
                         VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, gpu::MemoryDomain::HostVisible, "render3d-raster-counts",
                         name))
            return;
        std::memset(c.counts.mapped(), 0, c.counts.size());
        c.counts_wait = slots + 1;  // until every slot holds counters of these queues
    }
    if (c.counts_wait > 0) {
        --c.counts_wait;
    } else {
        const auto* words = reinterpret_cast<const std::uint32_t*>(c.counts.mapped()) + counts_first;
        std::uint32_t most = 0;
        for (std::uint32_t q = 0; q < kQueues; ++q) {
            const std::uint32_t tiles = words[q * 2], records = words[q * 2 + 1];
            figures.queued_triangles += std::min(records, c.queue_records);
            most = std::max(most, records);
            if (tiles > max_tiles && !c.tiles_logged) {
                spdlog::warn("operator '{}' (Render3D): a frame's large triangles made {} tiles in one queue, more "
                             "than the {} a dispatch takes on {}; the rest were drawn the slow way. Fix: fewer or "
                             "smaller shadow maps, or a smaller output.",
                             name, tiles, max_tiles, dev.name());
                c.tiles_logged = true;
            }
        }
        if (most > c.queue_records && c.queue_records < kMaxQueueRecords) {
            std::uint32_t grown = std::max<std::uint32_t>(c.queue_records, 1);
            while (grown < most && grown < kMaxQueueRecords) grown *= 2;
            grown = std::min(grown, kMaxQueueRecords);
            spdlog::info("operator '{}' (Render3D): {} large triangles in one queue, more than the {} it held (drawn "
                         "the slow way); the queues now hold {}",
                         name, most, c.queue_records, grown);
            c.queue_records = grown;
            c.queue_bytes = queue_bytes(grown);
            c.queues = {};  // retired; made again below at the new size
            c.camera_queue = {};
            c.counts_wait = slots + 1;
        }
    }

    for (gpu::Buffer* q : {&c.queues, &c.camera_queue}) {
        const bool shadow = q == &c.queues;
        if (!*q && !make_buffer(ctx, *q, c.queue_bytes * (shadow ? kMaxShadows : 1),
                                VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_INDIRECT_BUFFER_BIT,
                                gpu::MemoryDomain::DeviceLocal,
                                shadow ? "render3d-shadow-queues" : "render3d-camera-queue", name))
            return;
    }
    if (!c.dummy_ready) {
        if (!make_image(ctx, c.dummy_map, {1, 1}, kMapFormat, VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT,
                        gpu::ImageKind::Array2D, 1, "shadow-none", name))
            return;
        {
            gpu::BarrierBatch bb(cmd, dev.counters());
            bb.require(c.dummy_map, gpu::ImageUsage::TransferDst);
        }
        VkClearColorValue one{};
        const float far = 1.0f;
        std::memcpy(&one.uint32[0], &far, sizeof far);  // depth 1 as the maps keep it: its bits
        const VkImageSubresourceRange all{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
        vkCmdClearColorImage(cmd, c.dummy_map.get(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &one, 1, &all);
        c.dummy_ready = true;
    }
    const VkDeviceSize storage_limit = dev.limits().maxStorageBufferRange;
    if (g.vertices && (g.vertices.size() > storage_limit || g.indices.size() > storage_limit)) {
        ctx.fail("the meshes take " + std::to_string(g.vertices.size()) + " bytes of vertices and " +
                 std::to_string(g.indices.size()) + " of indices; " + std::string(dev.name()) +
                 " reads at most " + std::to_string(storage_limit) +
                 " bytes of a buffer from a shader. Fix: load smaller meshes.");
        return;
    }

    // --- Records: views, draws, spheres, jobs.
    const std::uint32_t view_count = 1 + f.pass_count;
    auto views_slice = ring.allocate(view_count * sizeof(RasterView), sizeof(RasterView), name.c_str());
    auto draws_slice = views_slice ? ring.allocate(std::max<std::size_t>(g.draws.size(), 1) * sizeof(RasterDraw),
                                                   sizeof(RasterDraw), name.c_str())
                                   : Result<gpu::UploadRing::Slice>(views_slice.error());
    auto spheres_slice = draws_slice ? ring.allocate(std::max<std::uint32_t>(f.instances, 1) * sizeof(glm::vec4),
                                                     sizeof(glm::vec4), name.c_str())
                                     : Result<gpu::UploadRing::Slice>(draws_slice.error());
    if (!spheres_slice) {
        ctx.fail(spheres_slice.message());
        return;
    }
    auto* views = reinterpret_cast<RasterView*>(views_slice->data);
    auto view_of = [](const glm::mat4& m, glm::vec4 origin, glm::vec4 reach, glm::vec4 bias, glm::uvec4 target) {
        RasterView v{};
        v.matrix = m;
        v.origin = origin;
        const Planes planes = frustum_planes(m);
        for (std::size_t i = 0; i < 6; ++i) v.planes[i] = planes[i];
        v.reach = reach;
        v.bias = bias;
        v.target = target;
        return v;
    };
    views[0] = view_of(f.view_proj, glm::vec4(0.0f), glm::vec4(0.0f), glm::vec4(0.0f),
                       glm::uvec4(0, out.width, out.height, kViewCullBack | kViewVisibility));
    for (std::uint32_t p = 0; p < f.pass_count; ++p) {
        const Pass& pass = f.passes[p];
        const std::uint32_t size = g.slots[std::size_t(pass.slot)].size;
        views[1 + p] = view_of(pass.matrix, pass.origin, pass.reach, glm::vec4(pass.bias_constant, pass.bias_slope, 0, 0),
                               glm::uvec4(pass.layer, size, size, 0));
    }
    const auto sphere_base = static_cast<std::uint32_t>(spheres_slice->offset / sizeof(glm::vec4));
    if (f.instances) std::memcpy(spheres_slice->data, g.spheres.data(), f.instances * sizeof(glm::vec4));
    auto* draws = reinterpret_cast<RasterDraw*>(draws_slice->data);
    std::uint64_t ids = 0;
    for (std::size_t i = 0; i < g.draws.size(); ++i) {
        const Draw& d = g.draws[i];
        const MeshGpu& mg = g.meshes[d.mesh];
        const std::uint32_t triangles = mg.index_count / 3;
        draws[i].geometry = glm::uvec4(mg.first_vertex, mg.first_index, triangles,
                                       (d.casts ? kDrawCasts : 0u) | (d.mirrored ? kDrawMirrored : 0u));
        draws[i].ids = glm::uvec4(d.first_instance, d.count, sphere_base + d.first_local, std::uint32_t(ids));
        ids += std::uint64_t(d.count) * triangles;
    }
    if (ids >= 0xffffffffull) {
        ctx.fail("drawing " + std::to_string(ids) + " triangles (instances times their meshes' triangles): the "
                 "visibility buffer names fewer than 4,294,967,295. Fix: draw fewer instances or smaller meshes.");
        return;
    }

    // Jobs, grouped by target: each shadow slot's views times its casting draws, then the camera's
    // draws. A job's first invocation counts from its dispatch's start.
    struct Dispatch {
        std::uint32_t job_first = 0, job_count = 0;
        std::uint64_t threads = 0;
    };
    std::array<Dispatch, kQueues> dispatches{};
    std::vector<std::uint32_t>& jobs = c.job_words;
    jobs.clear();
    const std::size_t worst = (std::size_t(f.pass_count) + 1) * g.draws.size() * 4;
    if (jobs.capacity() < worst) jobs.reserve(worst);
    auto add_job = [&](Dispatch& dp, std::uint32_t view, std::uint32_t draw, std::uint64_t threads) {
        jobs.insert(jobs.end(), {view, draw, std::uint32_t(dp.threads), 0u});
        ++dp.job_count;
        dp.threads += threads;
        ++figures.draws;
    };
    for (std::uint32_t s = 0; s < kMaxShadows; ++s) {
        Dispatch& dp = dispatches[s];
        dp.job_first = static_cast<std::uint32_t>(jobs.size() / 4);
        for (std::uint32_t p = 0; p < f.pass_count; ++p) {
            if (f.passes[p].slot != int(s)) continue;
            for (std::uint32_t i = 0; i < g.draws.size(); ++i)
                if (g.draws[i].casts) {
                    add_job(dp, 1 + p, i, std::uint64_t(draws[i].ids.y) * draws[i].geometry.z);
                    figures.shadow_instances += g.draws[i].count;
                }
        }
    }
    Dispatch& camera = dispatches[kVisibility];
    camera.job_first = static_cast<std::uint32_t>(jobs.size() / 4);
    for (std::uint32_t i = 0; i < g.draws.size(); ++i)
        add_job(camera, 0, i, std::uint64_t(draws[i].ids.y) * draws[i].geometry.z);
    for (const Dispatch& dp : dispatches)
        if (dp.threads >= 0x80000000ull) {
            ctx.fail("one shadowed light's views draw " + std::to_string(dp.threads) +
                     " triangles this frame, more than 2,147,483,647. Fix: fewer instances, smaller meshes or fewer "
                     "cascades.");
            return;
        }
    auto jobs_slice = ring.allocate(std::max<std::size_t>(jobs.size(), 4) * sizeof(std::uint32_t), 16, name.c_str());
    if (!jobs_slice) {
        ctx.fail(jobs_slice.message());
        return;
    }
    if (!jobs.empty()) std::memcpy(jobs_slice->data, jobs.data(), jobs.size() * sizeof(std::uint32_t));
    const auto job_base = static_cast<std::uint32_t>(jobs_slice->offset / 16);
    figures.shadow_passes = f.pass_count;

    // --- Descriptor sets (found in the cache after the first frame).
    if (auto r = ring.ensure_buffer(); !r) {
        ctx.fail(r.message());
        return;
    }
    const gpu::Buffer& rb = ring.buffer();
    auto& cache = ctx.descriptors();
    const auto storage = [](std::uint32_t binding, const gpu::Buffer& b) {
        return gpu::Descriptor::buffer_of(VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, binding, b);
    };
    auto raster_set = [&](std::uint32_t target) {
        const bool vis = target == kVisibility;
        const gpu::Program& p = *c.triangles[vis ? 1 : 0];
        std::array<gpu::Descriptor, 9> w{storage(0, rb), storage(1, rb), storage(2, rb), storage(3, rb),
                                         storage(4, rb), storage(5, g.vertices), storage(6, g.indices),
                                         vis ? storage(7, c.visibility)
                                             : gpu::Descriptor::storage_image(7, g.slots[target].map),
                                         gpu::Descriptor::buffer_of(VK_DESCRIPTOR_TYPE_STORAGE_BUFFER_DYNAMIC, 8,
                                                                    vis ? c.camera_queue : c.queues, c.queue_bytes)};
        return cache.get(p.set_layout(), p.set_layout_cookie(), w);
    };
    // --- Shadow maps: clear (and the visibility buffer and the queues), triangles, tiles.
    // Every map, the visibility buffer and the queues: what came before (last frame's reads, the
    // clears) done before the next stage writes.
    // (After the clears, also the counters they wrote, for the host.)
    auto all_written = [&](bool after_clears) {
        gpu::BarrierBatch bb(cmd, dev.counters());
        for (ShadowSlot& s : g.slots)
            if (s.rendered) bb.require(s.map, gpu::ImageUsage::StorageWrite);
        after_compute(bb, c.visibility, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT, kReadWrite);
        after_compute(bb, c.queues, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT, kReadWrite);
        after_compute(bb, c.camera_queue, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT, kReadWrite);
        if (after_clears)
            bb.buffer(c.counts.get(), VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT,
                      VK_PIPELINE_STAGE_2_HOST_BIT, VK_ACCESS_2_HOST_READ_BIT);
    };
    all_written(false);
    for (std::uint32_t s = 0; s < kMaxShadows; ++s) {
        ShadowSlot& slot = g.slots[s];
        if (!slot.rendered) continue;
        const std::array<gpu::Descriptor, 1> w{gpu::Descriptor::storage_image(0, slot.map)};
        VkDescriptorSet set = cache.get(c.clear_map->set_layout(), c.clear_map->set_layout_cookie(), w);
        const ClearPush push{glm::uvec2(slot.size), 0, 0};
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, c.clear_map->pipeline());
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, c.clear_map->layout(), 0, 1, &set, 0, nullptr);
        vkCmdPushConstants(cmd, c.clear_map->layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof push, &push);
        vkCmdDispatch(cmd, (slot.size + 7) / 8, (slot.size + 7) / 8, slot.layers);
        ++dev.counters().draws;
    }
    {
        const std::array<gpu::Descriptor, 4> w{storage(0, c.visibility), storage(1, c.queues),
                                               storage(2, c.camera_queue), storage(3, c.counts)};
        VkDescriptorSet set = cache.get(c.clear_visibility->set_layout(), c.clear_visibility->set_layout_cookie(), w);
        const ClearPush push{glm::uvec2(out.width, out.height), kMaxShadows, std::uint32_t(c.queue_bytes / 4),
                             counts_first};
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, c.clear_visibility->pipeline());
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, c.clear_visibility->layout(), 0, 1, &set, 0,
                                nullptr);
        vkCmdPushConstants(cmd, c.clear_visibility->layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof push, &push);
        // At least kQueues * 8 invocations along x: the first row also resets the queue headers.
        vkCmdDispatch(cmd, std::max((out.width + 7) / 8, kQueues), (out.height + 7) / 8, 1);
        ++dev.counters().draws;
    }
    // One stage (triangles or tiles) of the targets in `targets`.
    VkDescriptorSet sets[kQueues] = {};
    auto stage = [&](bool tiles, std::uint32_t first_target, std::uint32_t end_target) {
        for (std::uint32_t t = first_target; t < end_target; ++t) {
            const bool vis = t == kVisibility;
            if (!vis && !g.slots[t].rendered) continue;
            const Dispatch& dp = dispatches[t];
            if (!dp.threads || !g.vertices) continue;
            if (!sets[t]) sets[t] = raster_set(t);
            const gpu::Program& p = tiles ? *c.tiles[vis ? 1 : 0] : *c.triangles[vis ? 1 : 0];
            const Grid grid = grid_for(dp.threads);
            const RasterPush push{job_base + dp.job_first, dp.job_count, std::uint32_t(dp.threads), grid.row,
                                  static_cast<std::uint32_t>(views_slice->offset / sizeof(RasterView)),
                                  static_cast<std::uint32_t>(draws_slice->offset / sizeof(RasterDraw)),
                                  c.queue_records, vis ? out.width : g.slots[t].size, max_tiles};
            const auto queue_offset = static_cast<std::uint32_t>(vis ? 0 : c.queue_bytes * t);
            const gpu::Buffer& queue = vis ? c.camera_queue : c.queues;
            vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, p.pipeline());
            vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, p.layout(), 0, 1, &sets[t], 1, &queue_offset);
            vkCmdPushConstants(cmd, p.layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof push, &push);
            if (tiles)
                vkCmdDispatchIndirect(cmd, queue.get(), queue_offset);
            else
                vkCmdDispatch(cmd, grid.x, grid.y, 1);
            ++dev.counters().draws;
        }
    };
    all_written(true);
    stage(false, 0, kMaxShadows);
    {
        gpu::BarrierBatch bb(cmd, dev.counters());
        for (ShadowSlot& s : g.slots)
            if (s.rendered) bb.require(s.map, gpu::ImageUsage::StorageWrite);
        after_compute(bb, c.queues, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_2_DRAW_INDIRECT_BIT,
                      kReadWrite | VK_ACCESS_2_INDIRECT_COMMAND_READ_BIT);
    }
    stage(true, 0, kMaxShadows);
    ctx.gpu_section("shadow maps");

    // --- Visibility: the camera's triangles, then its tiles (the clear came with the maps').
    stage(false, kVisibility, kQueues);
    {
        gpu::BarrierBatch bb(cmd, dev.counters());
        after_compute(bb, c.visibility, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT, kReadWrite);
        after_compute(bb, c.camera_queue, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_2_DRAW_INDIRECT_BIT,
                      kReadWrite | VK_ACCESS_2_INDIRECT_COMMAND_READ_BIT);
    }
    stage(true, kVisibility, kQueues);
    ctx.gpu_section("visibility");

    // --- Lighting: every output pixel from the visibility buffer.
    {
        gpu::BarrierBatch bb(cmd, dev.counters());
        for (ShadowSlot& s : g.slots)
            if (s.rendered) bb.require(s.map, gpu::ImageUsage::SampledRead);
        bb.require(c.dummy_map, gpu::ImageUsage::SampledRead);
        bb.require(g.white, gpu::ImageUsage::SampledRead);
        for (gpu::Image& t : g.textures) bb.require(t, gpu::ImageUsage::SampledRead);
        bb.require(ctx.output(), gpu::ImageUsage::StorageWrite);
        after_compute(bb, c.visibility, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT, VK_ACCESS_2_SHADER_STORAGE_READ_BIT);
    }
    const gpu::Sampler& nearest = dev.sampler_ref(gpu::SamplerKind::NearestClamp);
    const gpu::Sampler& repeat = dev.sampler_ref(gpu::SamplerKind::LinearRepeat);
    std::array<gpu::Descriptor, 7 + kMaxShadows + Render3D::kMaxTextures> lw;
    std::size_t n = 0;
    lw[n++] = gpu::Descriptor::buffer_of(VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER_DYNAMIC, 0, rb, sizeof(GpuFrame));
    lw[n++] = storage(1, rb);
    for (std::uint32_t s = 0; s < kMaxShadows; ++s)
        lw[n++] = gpu::Descriptor::sampled(2, g.slots[s].rendered ? g.slots[s].map : c.dummy_map, nearest, s);
    lw[n++] = storage(3, rb);
    lw[n++] = storage(4, c.visibility);
    // No mesh: the arena is not made yet; bind the visibility buffer there (nothing reads it).
    lw[n++] = storage(5, g.vertices ? g.vertices : c.visibility);
    lw[n++] = storage(6, g.indices ? g.indices : c.visibility);
    lw[n++] = gpu::Descriptor::storage_image(7, ctx.output());
    for (std::uint32_t t = 0; t < Render3D::kMaxTextures; ++t)
        lw[n++] = gpu::Descriptor::sampled(8, t < g.textures.size() ? g.textures[t] : g.white, repeat, t);
    LOOM_ASSERT(n == lw.size(), "every binding of light.comp written");
    VkDescriptorSet set = cache.get(c.light->set_layout(), c.light->set_layout_cookie(), lw);
    const LightPush push{static_cast<std::uint32_t>(draws_slice->offset / sizeof(RasterDraw)),
                         static_cast<std::uint32_t>(g.draws.size())};
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, c.light->pipeline());
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, c.light->layout(), 0, 1, &set, 1, &f.frame_offset);
    vkCmdPushConstants(cmd, c.light->layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof push, &push);
    constexpr std::uint32_t kGroup = gpu::Program::kGroupSize;
    vkCmdDispatch(cmd, (out.width + kGroup - 1) / kGroup, (out.height + kGroup - 1) / kGroup, 1);
    ++dev.counters().draws;
    ctx.gpu_section("lighting");
}

}  // namespace loom::render3d
