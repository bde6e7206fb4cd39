// loom-bench — measures Loom on the device it runs on.
//
//   frame/<size>      the noise-blur-bloom chain: frame time (wall clock, frame to frame, incl.
//                     waiting for the GPU), CPU time of a frame, GPU time of a frame (timestamps),
//                     and the GPU time of each operator.
//   record/<n>ops     chains of 1, 8 and 64 operators at 64x64: CPU time to record one operator
//                     (the chain's record time divided by n) and the whole frame's CPU time.
//   chain/<n>ops/<mode>  chains of 1 to 64 operators at 1280x720 as Loom records them and in the
//                     naive mode (a submit per operator, descriptor sets written every frame),
//                     and the naive/Loom ratios of frame and CPU time.
//   copy/<WxH>/<format>  the device's copy bandwidth (vkCmdCopyBuffer of the image's bytes; and
//                     copy-image/, vkCmdCopyImage), for the pass cases.
//   pass/<name>/<WxH>/<format>   one operator (Blur: Gaussian sigma 8, box radius 8; Level, HSV,
//                     Composite, Bloom, Noise) on a still input at 1920x1080 and 3840x2160, RGBA8
//                     and RGBA16F: its GPU time, the bytes it moves, its bandwidth and the share
//                     of the copy bandwidth that is.
//   memory/           RSS and malloc heap of a bare Vulkan device, an engine, and hello-noise after
//                     300 frames, each in its own process, and where hello-noise's heap goes.
//   3d/<fixture>      testing-fixtures/shadow-point and shadow-comprehensive at 1920x1080: frame,
//                     CPU and GPU time, GPU time of each operator and of Render3D's passes
//                     (shadow maps, main pass, lighting: RecordContext::gpu_section), and
//                     again with every light's shadows off — the difference is the shadow passes.
//   3d/instanced-10k  10,000 instanced cubes (one draw per pass) under 4 shadowed lights
//                     (directional with 3 cascades, spot, 2 points) at 1920x1080, the same way.
//
// Every figure is the median and p90 over the measured frames, after warm-up frames. Results
// go to stdout and, with --csv, to a CSV file (one row per figure, with the device's name).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <loom/loom.hpp>
#include <spdlog/spdlog.h>

#include "bench/bench_charts.hpp"
#include "core/base/paths.hpp"
#include "core/gpu/barriers.hpp"
#include "core/gpu/device.hpp"
#include "core/gpu/format.hpp"
#include "core/gpu/vk.hpp"
#include "core/graph/operator_state.hpp"
#include "core/runtime/project_host.hpp"
#include "core/runtime/engine.hpp"
#include "core/runtime/heap_counter.hpp"
#include "core/shader/shader_compiler.hpp"

using namespace loom;

namespace {

struct Row {
    std::string bench, metric;
    runtime::Percentiles p;
    std::string unit = "ms";
};

struct Options {
    int frames = 0;  // 0: chosen per device
    int warmup = 20;
    std::string csv;
    std::string charts;
    std::vector<std::string> from;
    std::string gpu = "auto";
    std::string only;
};

void build_noise_blur_bloom(Chain& c) {
    auto& noise = c.add<Noise>("noise").type(NoiseType::Perlin).scale(5.0f).octaves(5).speed(0.3f);
    auto& blur = c.add<Blur>("blur").input(noise).sigma(4.0f);
    auto& glow = c.add<Bloom>("glow").input(blur).threshold(0.55f).knee(0.3f).intensity(3.0f).radius(0.9f);
    c.add<Composite>("out").inputs({&noise, &glow}).mode(Blend::Screen);
    c.output("out");
}

// n operators: a noise, then a line of cheap filters, so the GPU work stays small and the CPU
// cost of recording dominates.
void build_line(Chain& c, int n) {
    Operator* prev = &c.add<Noise>("op0").octaves(1);
    for (int i = 1; i < n; ++i) {
        const std::string name = "op" + std::to_string(i);
        if (i % 2)
            prev = &c.add<Level>(name).input(*prev).gamma(1.01f);
        else
            prev = &c.add<HSV>(name).input(*prev).hue_shift(0.01f);
    }
    c.output(prev->name());
}

void animate(Context& ctx) {
    if (auto* n = ctx.chain().find_as<Noise>("noise")) n->offset({float(ctx.time() * 0.1), 0.0f});
}

std::unique_ptr<runtime::Engine> make_engine(const Options& o, Extent canvas, bool naive = false) {
    static int engines = 0;
    if (++engines % 10 == 0) std::fprintf(stderr, "loom-bench: %d cases so far\n", engines);
    runtime::EngineConfig cfg;
    cfg.naive = naive;
    cfg.shader_roots.push_back(source_dir() / "bench" / "shaders");  // copy.comp
    auto g = gpu::GpuChoice::parse(o.gpu);
    if (!g) {
        std::fprintf(stderr, "loom-bench: %s\n", g.message().c_str());
        std::exit(1);
    }
    cfg.device.gpu = *g;
    cfg.canvas = canvas;
    auto e = runtime::Engine::create(cfg);
    if (!e) {
        std::fprintf(stderr, "loom-bench: %s\n", e.message().c_str());
        std::exit(3);
    }
    return std::move(*e);
}

int frames_for(const runtime::Engine& e, const Options& o, int gpu_default, int cpu_default) {
    if (o.frames > 0) return o.frames;
    return const_cast<runtime::Engine&>(e).device().is_software() ? cpu_default : gpu_default;
}

// Runs warm-up and measured frames (exit 4 on a frame's error) and returns `op`'s GPU time of
// each measured frame whose timestamps have arrived (two frames late); nothing for no `op`.
std::vector<double> run_frames(runtime::Engine& engine, int warmup, int frames, Operator* op) {
    std::vector<double> op_gpu;
    for (int i = 0; i < warmup + frames; ++i) {
        if (auto r = engine.frame(); !r) {
            std::fprintf(stderr, "loom-bench: %s\n", r.message().c_str());
            std::exit(4);
        }
        if (op && i >= warmup + 2) op_gpu.push_back(op->state().gpu_ms);
    }
    engine.wait_idle();
    return op_gpu;
}

// GB/s of moving `mb` megabytes in each of the times `t` (MB per ms = GB/s): at the median, at
// the p90 time, and the min and max at the slowest and the fastest frame (0 for a time of 0).
runtime::Percentiles bandwidth(double mb, const runtime::Percentiles& t) {
    auto rate = [&](double ms) { return ms > 0.0 ? mb / ms : 0.0; };
    return {rate(t.median), rate(t.p90), rate(t.max), rate(t.min), t.count};
}

void print(const Row& r) {
    std::printf("  %-22s %-26s median %10.4f %s   p90 %10.4f %s   (%zu frames)\n", r.bench.c_str(), r.metric.c_str(),
                r.p.median, r.unit.c_str(), r.p.p90, r.unit.c_str(), r.p.count);
}

// Each operator's named GPU sections (Blur's passes, Bloom's steps, Render3D's shadow maps, main
// pass and lighting) over the measured frames, by "<operator>: <section>".
class SectionTimes {
public:
    void collect(Operator& op) {
        const auto& st = op.state();
        for (std::uint32_t j = 0; j < st.gpu_section_count; ++j) {
            const std::string label = op.name() + ": " + st.gpu_sections[j].label;
            auto it = std::find_if(times_.begin(), times_.end(), [&](const auto& e) { return e.first == label; });
            if (it == times_.end()) it = times_.insert(times_.end(), {label, {}});
            it->second.push_back(st.gpu_sections[j].ms);
        }
    }
    void add_rows(const std::string& bench, std::vector<Row>& rows) const {
        for (const auto& [label, times] : times_)
            rows.push_back({bench, "GPU time of " + label, runtime::percentiles(times)});
    }

private:
    std::vector<std::pair<std::string, std::vector<double>>> times_;
};

void bench_frame(const Options& o, Extent size, std::vector<Row>& rows, std::string& device) {
    auto engine = make_engine(o, size);
    device = std::string(engine->device().name());
    build_noise_blur_bloom(engine->chain());
    const int frames = frames_for(*engine, o, 600, 40);
    const int warmup = std::min(o.warmup, frames);
    std::vector<double> per_op_gpu[4];
    const char* names[] = {"noise", "blur", "glow", "out"};
    SectionTimes sections;
    for (int i = 0; i < warmup + frames; ++i) {
        if (auto r = engine->frame(animate); !r) {
            std::fprintf(stderr, "loom-bench: %s\n", r.message().c_str());
            std::exit(4);
        }
        if (i >= warmup + 2)  // GPU times arrive two frames late
            for (int k = 0; k < 4; ++k) {
                Operator& op = *engine->chain().find(names[k]);
                per_op_gpu[k].push_back(op.state().gpu_ms);
                sections.collect(op);
            }
    }
    engine->wait_idle();
    const std::string b = "frame/" + std::to_string(size.width) + "x" + std::to_string(size.height);
    auto& s = engine->stats();
    rows.push_back({b, "frame time", s.frame_ms(std::size_t(warmup))});
    rows.push_back({b, "frame CPU time", s.cpu_ms(std::size_t(warmup))});
    rows.push_back({b, "frame GPU time", s.gpu_ms(std::size_t(warmup + 2))});
    for (int k = 0; k < 4; ++k)
        rows.push_back({b, std::string("GPU time of ") + names[k], runtime::percentiles(per_op_gpu[k])});
    sections.add_rows(b, rows);
}

// `count` particles at 1920x1080 from a disc (the default motion), as `look`: "sprites" (added soft
// sprites of about 6 pixels), "points" (added one-pixel points: the compute splat where the
// device has float atomics) or "points-over" (points drawn over each other: always drawn).
// The frame and the Particles operator's own GPU time.
void bench_particles(const Options& o, int count, const std::string& look, std::vector<Row>& rows,
                     std::string& device) {
    auto engine = make_engine(o, {1920, 1080});
    device = std::string(engine->device().name());
    engine->chain().add<Particles>("particles").count(count).emitter(Emitter::Disc).emitter_size({0.3f, 0.3f}).spread(
        360.0f).size_start(0.006f).size_end(0.002f).look(look == "sprites" ? ParticleLook::Sprite : ParticleLook::Point)
        .blend(look == "points-over" ? SpriteBlend::Over : SpriteBlend::Add);
    const int frames = frames_for(*engine, o, 600, 10);
    const int warmup = std::min(o.warmup, frames);
    const std::vector<double> op_gpu = run_frames(*engine, warmup, frames, engine->chain().find("particles"));
    const std::string b = "particles/" + std::to_string(count) + "/" + look;
    auto& s = engine->stats();
    rows.push_back({b, "frame time", s.frame_ms(std::size_t(warmup))});
    rows.push_back({b, "frame GPU time", s.gpu_ms(std::size_t(warmup + 2))});
    rows.push_back({b, "GPU time of particles", runtime::percentiles(op_gpu)});
}

// One operator on a still input: `pass/<name>/<WxH>/<format>`. The input is a Pattern of the
// same format and size; the figures are the operator's own GPU time and, with the bytes its
// dispatches must move (each sampled input read once, each target written once), its achieved
// bandwidth. Passes: blur-8 (Gaussian, sigma 8), box-8 (box of radius 8), each with the device's
// method, blur-8-convolution, blur-8-lines, blur-8-tiles and box-8-convolution with that method
// forced; level, hsv, composite
// (screen of two inputs) and bloom (its defaults) as a chain would use them; noise (5 octaves of
// Perlin, no input: bound by arithmetic, not bandwidth); copy (bench/shaders/copy.comp: each pixel
// of the input to the output) is the reference the others' share of the copy bandwidth is
// taken against, with vkCmdCopyBuffer: whichever of the two is faster.
double bench_pass(const Options& o, const std::string& name, Extent size, Format format, std::vector<Row>& rows,
                  std::string& device, double copy_gbs) {
    auto engine = make_engine(o, size);
    device = std::string(engine->device().name());
    Chain& c = engine->chain();
    auto& src = c.add<Pattern>("src").format(format);
    const BlurMethod method = name.ends_with("-lines")        ? BlurMethod::Lines
                              : name.ends_with("-convolution") ? BlurMethod::Convolution
                              : name.ends_with("-tiles")       ? BlurMethod::Tiles
                                                               : BlurMethod::Auto;
    if (name.starts_with("blur-8")) c.add<Blur>("op").input(src).sigma(8.0f).method(method).format(format);
    if (name.starts_with("box-8"))
        c.add<Blur>("op").input(src).shape(BlurShape::Box).radius(8).method(method).format(format);
    if (name == "level") c.add<Level>("op").input(src).gamma(1.2f).format(format);
    if (name == "hsv") c.add<HSV>("op").input(src).hue_shift(0.1f).saturation(1.2f).format(format);
    if (name == "composite") {
        auto& b = c.add<Pattern>("src2").format(format);
        c.add<Composite>("op").inputs({&src, &b}).mode(Blend::Screen).format(format);
    }
    if (name == "bloom") c.add<Bloom>("op").input(src).format(format);
    if (name == "noise") c.add<Noise>("op").type(NoiseType::Perlin).octaves(5).format(format);
    if (name == "copy") c.add<Shader>("op").file("copy.comp").input(src).format(format);
    c.output("op");
    const int frames = frames_for(*engine, o, 600, 10);
    const int warmup = std::min(o.warmup, frames);
    const std::vector<double> op_gpu = run_frames(*engine, warmup, frames, c.find("op"));
    const std::string b = "pass/" + name + "/" + std::to_string(size.width) + "x" + std::to_string(size.height) + "/" +
                          format_name(format);
    const runtime::Percentiles t = runtime::percentiles(op_gpu);
    rows.push_back({b, "GPU time of the pass", t});
    const double mb = double(c.find("op")->state().dispatch_bytes) / 1e6;
    if (name == "noise" || t.median <= 0.0) return 0.0;
    rows.push_back({b, "bytes moved", {mb, mb, mb, mb, 1}, "MB"});
    const runtime::Percentiles bw = bandwidth(mb, t);
    rows.push_back({b, "achieved bandwidth", bw, "GB/s"});
    if (copy_gbs > 0.0 && name != "copy") {
        const double k = 100.0 / copy_gbs;
        rows.push_back({b, "share of copy bandwidth", {bw.median * k, bw.p90 * k, bw.min * k, bw.max * k, t.count}, "%"});
    }
    return bw.median;
}

// The device's copy bandwidth, for the bytes of a `size` image of `format`: vkCmdCopyBuffer
// between two device-local buffers of that many bytes (the reference the passes are measured
// against), and vkCmdCopyImage between two such images (some drivers copy images on a slower
// path). 16 copies per submit between two timestamps, a memory barrier between copies, 20
// submits after one warm-up. Bytes: read once and written once per copy. Returns the buffer
// copy's GB/s at the median.
double bench_copy(const Options& o, Extent size, Format format, std::vector<Row>& rows, std::string& device) {
    auto engine = make_engine(o, size);
    gpu::Device& dev = engine->device();
    device = std::string(dev.name());
    if (!dev.limits().timestampComputeAndGraphics || dev.limits().timestampPeriod <= 0.0f) {
        std::fprintf(stderr, "loom-bench: %s has no timestamps on its queue: no copy figures\n", device.c_str());
        return 0.0;
    }
    const VkDeviceSize bytes = gpu::image_bytes(gpu::to_vk(format), size.width, size.height);
    gpu::ImageDesc d;
    d.extent = size;
    d.format = gpu::to_vk(format);
    d.usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    d.name = "bench.copy";
    gpu::BufferDesc bd;
    bd.size = bytes;
    bd.usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    bd.name = "bench.copy";
    auto src = dev.create_image(d);
    auto dst = dev.create_image(d);
    auto bsrc = dev.create_buffer(bd);
    auto bdst = dev.create_buffer(bd);
    if (!src || !dst || !bsrc || !bdst) {
        std::fprintf(stderr, "loom-bench: could not create the copy bench's images and buffers\n");
        std::exit(3);
    }
    constexpr std::uint32_t kCopies = 16;
    const int submits = dev.is_software() ? 3 : 20;
    gpu::CommandPool pool = dev.create_command_pool("bench.copy");
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    ai.commandPool = pool.get();
    ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    ai.commandBufferCount = 1;
    LOOM_VK_CHECK(vkAllocateCommandBuffers(dev.vk(), &ai, &cmd));
    gpu::QueryPool queries = dev.create_timestamp_pool(2, "bench.copy");
    gpu::Fence fence = dev.create_fence(false, "bench.copy");
    const double ns_per_tick = dev.limits().timestampPeriod;
    const double mb = 2.0 * double(bytes) / 1e6;
    double buffer_gbs = 0.0;
    for (const bool image : {false, true}) {
        std::vector<double> ms;
        for (int k = 0; k < submits + 1; ++k) {  // the first submit warms up
            LOOM_VK_CHECK(vkResetCommandPool(dev.vk(), pool.get(), 0));
            VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
            bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
            LOOM_VK_CHECK(vkBeginCommandBuffer(cmd, &bi));
            vkCmdResetQueryPool(cmd, queries.get(), 0, 2);
            if (image) {
                gpu::BarrierBatch bb(cmd, dev.counters());
                bb.require(*src, gpu::ImageUsage::TransferSrc);
                bb.require(*dst, gpu::ImageUsage::TransferDst);
            }
            vkCmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, queries.get(), 0);
            VkImageCopy region{};
            region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
            region.dstSubresource = region.srcSubresource;
            region.extent = {size.width, size.height, 1};
            const VkBufferCopy bregion{0, 0, bytes};
            VkMemoryBarrier2 mb2{VK_STRUCTURE_TYPE_MEMORY_BARRIER_2};
            mb2.srcStageMask = mb2.dstStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
            mb2.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
            mb2.dstAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
            VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
            dep.memoryBarrierCount = 1;
            dep.pMemoryBarriers = &mb2;
            for (std::uint32_t i = 0; i < kCopies; ++i) {
                if (i) vkCmdPipelineBarrier2(cmd, &dep);
                if (image)
                    vkCmdCopyImage(cmd, src->get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, dst->get(),
                                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
                else
                    vkCmdCopyBuffer(cmd, bsrc->get(), bdst->get(), 1, &bregion);
            }
            vkCmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, queries.get(), 1);
            LOOM_VK_CHECK(vkEndCommandBuffer(cmd));
            VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
            si.commandBufferCount = 1;
            si.pCommandBuffers = &cmd;
            LOOM_VK_CHECK(vkQueueSubmit(dev.queue(), 1, &si, fence.get()));
            gpu::wait_fence(dev.vk(), fence.get(), "the copy bench");
            LOOM_VK_CHECK(vkResetFences(dev.vk(), 1, &fence.get_ref()));
            std::uint64_t ts[2] = {};
            LOOM_VK_CHECK(vkGetQueryPoolResults(dev.vk(), queries.get(), 0, 2, sizeof ts, ts, sizeof ts[0],
                                                VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT));
            if (k > 0 && ts[1] > ts[0]) ms.push_back(double(ts[1] - ts[0]) * ns_per_tick * 1e-6 / kCopies);
        }
        const std::string b = std::string(image ? "copy-image/" : "copy/") + std::to_string(size.width) + "x" +
                              std::to_string(size.height) + "/" + format_name(format);
        const runtime::Percentiles t = runtime::percentiles(ms);
        rows.push_back({b, "GPU time of one copy", t});
        rows.push_back({b, "bytes moved", {mb, mb, mb, mb, 1}, "MB"});
        const runtime::Percentiles bw = bandwidth(mb, t);
        rows.push_back({b, "copy bandwidth", bw, "GB/s"});
        if (!image) buffer_gbs = bw.median;
    }
    return buffer_gbs;
}

// chain/<n>ops/<mode>: the line of n operators (as record/) at 1280x720, as Loom records it
// ("loom": one command buffer and submit a frame, descriptor sets cached) and in the naive mode
// the design rules out ("naive": a submit per operator, every descriptor set allocated and written
// every frame). Frame, CPU and GPU time, submits and descriptor writes per frame. Returns the
// frame time's and the CPU time's medians.
std::pair<double, double> bench_chain(const Options& o, int n, bool naive, std::vector<Row>& rows,
                                      std::string& device) {
    auto engine = make_engine(o, {1280, 720}, naive);
    device = std::string(engine->device().name());
    build_line(engine->chain(), n);
    const int frames = frames_for(*engine, o, 600, 10);
    const int warmup = std::min(o.warmup, frames);
    run_frames(*engine, warmup, frames, nullptr);
    const std::string b = "chain/" + std::to_string(n) + "ops/" + (naive ? "naive" : "loom");
    auto& s = engine->stats();
    const runtime::Percentiles frame = s.frame_ms(std::size_t(warmup)), cpu = s.cpu_ms(std::size_t(warmup));
    rows.push_back({b, "frame time", frame});
    rows.push_back({b, "frame CPU time", cpu});
    // Naive: from the first timestamp to the last, across the frame's submits (gaps included).
    rows.push_back({b, naive ? "frame GPU span" : "frame GPU time", s.gpu_ms(std::size_t(warmup + 2))});
    const double submits = double(s.last().submits), writes = double(s.last().descriptor_writes);
    rows.push_back({b, "submits per frame", {submits, submits, submits, submits, 1}, ""});
    rows.push_back({b, "descriptor writes per frame", {writes, writes, writes, writes, 1}, ""});
    return {frame.median, cpu.median};
}

void bench_record(const Options& o, int n, std::vector<Row>& rows, std::string& device) {
    auto engine = make_engine(o, {64, 64});
    device = std::string(engine->device().name());
    build_line(engine->chain(), n);
    const int frames = frames_for(*engine, o, 2000, 300);
    const int warmup = std::min(o.warmup, frames);
    std::vector<double> per_op, frame_cpu;
    std::vector<Operator*> ops;
    for (auto& op : engine->chain().operators()) ops.push_back(op.get());
    for (int i = 0; i < warmup + frames; ++i) {
        if (auto r = engine->frame(); !r) {
            std::fprintf(stderr, "loom-bench: %s\n", r.message().c_str());
            std::exit(4);
        }
        if (i < warmup) continue;
        double sum = 0;
        for (Operator* op : ops) sum += op->state().cpu_record_ms;
        per_op.push_back(sum / n * 1000.0);  // microseconds
    }
    const std::string b = "record/" + std::to_string(n) + "ops";
    rows.push_back({b, "CPU record per operator", runtime::percentiles(per_op), "us"});
    rows.push_back({b, "frame CPU time", engine->stats().cpu_ms(std::size_t(warmup))});
}

#ifdef LOOM_WITH_RENDER3D
void build_instanced(Chain& c) {
    auto& r = c.add<Render3D>("scene");
    r.add(r.mesh(mesh::plane({120.0f, 120.0f})), "floor").color({0.6f, 0.6f, 0.6f, 1.0f});
    auto& cubes = r.add(r.mesh(mesh::box({0.4f, 0.4f, 0.4f})), "cubes").instances(10000);
    for (int i = 0; i < 10000; ++i) {
        glm::mat4 m(1.0f);
        m[3] = glm::vec4(-50.0f + float(i % 100), 0.2f + 0.3f * float(i % 7), -50.0f + float(i / 100), 1.0f);
        cubes.instance(std::uint32_t(i), m, {0.3f + 0.007f * float(i % 100), 0.5f, 0.8f, 1.0f});
    }
    r.add_light(LightType::Directional, "sun").direction({-0.4f, -1.0f, -0.5f}).intensity(0.8f).shadows(true)
        .cascades(3);
    r.add_light(LightType::Spot, "spot").position({0.0f, 20.0f, 10.0f}).direction({0.0f, -1.0f, -0.5f})
        .cone(20.0f, 30.0f).range(60.0f).intensity(200.0f).shadows(true);
    r.add_light(LightType::Point, "a").position({-10.0f, 3.0f, 0.0f}).range(15.0f).intensity(10.0f).shadows(true)
        .shadow_map_size(512);
    r.add_light(LightType::Point, "b").position({10.0f, 3.0f, 0.0f}).range(15.0f).intensity(10.0f).shadows(true)
        .shadow_map_size(512);
    r.camera().perspective(50.0f, 0.1f, 200.0f).orbit({0.0f, 0.0f, 0.0f}, 60.0f, 30.0f, 35.0f);
}

// One 3D case: `fixture` is a folder under testing-fixtures/, or empty for the instanced scene.
void bench_3d(const Options& o, const std::string& fixture, bool shadows, std::vector<Row>& rows,
              std::string& device) {
    const Extent size{1920, 1080};
    auto engine = make_engine(o, size);
    device = std::string(engine->device().name());
    std::unique_ptr<runtime::Project> project;
    ProjectFn update = nullptr;
    if (fixture.empty()) {
        build_instanced(engine->chain());
    } else {
        auto p = runtime::Project::load(source_dir() / "testing-fixtures" / fixture);
        if (!p) {
            std::fprintf(stderr, "loom-bench: %s\n", p.message().c_str());
            std::exit(2);
        }
        project = std::move(*p);
        if (auto r = project->setup(engine->context()); !r) {
            std::fprintf(stderr, "loom-bench: %s\n", r.message().c_str());
            std::exit(2);
        }
        update = project->entry().update;
    }
    if (!shadows)
        for (auto& op : engine->chain().operators())
            if (auto* r = dynamic_cast<Render3D*>(op.get()))
                for (std::size_t i = 0; i < r->light_count(); ++i) r->light(i).shadows(false);
    const int frames = frames_for(*engine, o, 600, 30);
    const int warmup = std::min(o.warmup, frames);
    std::vector<Operator*> ops;
    for (auto& op : engine->chain().operators()) ops.push_back(op.get());
    std::vector<std::vector<double>> per_op(ops.size());
    SectionTimes sections;
    for (int i = 0; i < warmup + frames; ++i) {
        auto r = update ? engine->frame([&](Context& c) { update(c); }) : engine->frame();
        if (!r) {
            std::fprintf(stderr, "loom-bench: %s\n", r.message().c_str());
            std::exit(4);
        }
        if (i < warmup + 2) continue;
        for (std::size_t k = 0; k < ops.size(); ++k) {
            per_op[k].push_back(ops[k]->state().gpu_ms);
            sections.collect(*ops[k]);
        }
    }
    engine->wait_idle();
    const std::string b = "3d/" + (fixture.empty() ? std::string("instanced-10k") : fixture) +
                          (shadows ? "" : "/no-shadows");
    auto& s = engine->stats();
    rows.push_back({b, "frame time", s.frame_ms(std::size_t(warmup))});
    rows.push_back({b, "frame CPU time", s.cpu_ms(std::size_t(warmup))});
    rows.push_back({b, "frame GPU time", s.gpu_ms(std::size_t(warmup + 2))});
    for (std::size_t k = 0; k < ops.size(); ++k)
        rows.push_back({b, "GPU time of " + ops[k]->name(), runtime::percentiles(per_op[k])});
    sections.add_rows(b, rows);
    engine->clear_chain();  // the project's operators go before its library
}
#endif

// memory/: resident memory and malloc heap, each figure from its own process (this program run
// again with --probe), so one figure's driver state does not carry into the next:
//   bare         a Vulkan instance and device (gpu::Device) and nothing else
//   engine       a Loom engine with no chain
//   glsl         hello-noise's two shaders through the runtime GLSL compiler, no Vulkan
//   hello-noise  examples/hello-noise at 1280x720, after 300 frames
// The probe prints "<stage> <heap KiB> <rss KiB>" lines at each stage; the parent reports the last
// stage of each probe and the steps of hello-noise's (where the heap goes).
struct Probe {
    std::vector<std::pair<std::string, std::pair<double, double>>> stages;  // name, (heap, rss) in MB
    bool ok = false;  // the probe process ran to its end (exit status 0)
};

void probe_line(const char* stage) {
    std::printf("%s %llu %llu\n", stage, static_cast<unsigned long long>(runtime::heap_in_use_bytes() / 1024),
                static_cast<unsigned long long>(runtime::rss_kib()));
    std::fflush(stdout);
}

int run_probe(const Options& o, const std::string& what) {
    probe_line("start");
    if (what == "bare") {
        gpu::DeviceConfig cfg;
        auto g = gpu::GpuChoice::parse(o.gpu);
        if (!g) return 1;
        cfg.gpu = *g;
        auto dev = gpu::Device::create(cfg);
        if (!dev) return 3;
        std::printf("name %s\n", std::string((*dev)->name()).c_str());
        probe_line("device");
        return 0;
    }
    if (what == "glsl") {
        // hello-noise's two shaders through the runtime GLSL compiler (no disk cache), alone.
        shader::ShaderCompiler compiler({shader_dir()});
        compiler.set_disk_cache(false);
        for (const char* name : {"effects/noise.comp", "effects/hsv.comp"})
            if (!compiler.compile_file(name)) return 2;
        probe_line("compiled");
        return 0;
    }
    auto engine = make_engine(o, {1280, 720});
    probe_line("engine");
    if (what == "engine") return 0;
    auto project = runtime::Project::load(source_dir() / "examples" / "hello-noise");
    if (!project) {
        std::fprintf(stderr, "loom-bench: %s\n", project.message().c_str());
        return 2;
    }
    if (auto r = (*project)->setup(engine->context()); !r) return 2;
    probe_line("project loaded");
    const ProjectFn update = (*project)->entry().update;
    if (auto r = engine->frame([&](Context& c) { update(c); }); !r) return 4;
    probe_line("first frame");
    for (int i = 0; i < 300; ++i)
        if (auto r = engine->frame([&](Context& c) { update(c); }); !r) return 4;
    engine->wait_idle();
    probe_line("300 frames");
    engine->clear_chain();
    return 0;
}

Probe probe(const Options& o, const std::string& what, std::string* device_name = nullptr) {
    Probe p;
    std::error_code ec;
    const std::string self = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    // o.gpu was checked by GpuChoice::parse (auto, software or a number): nothing for a shell.
    const std::string cmd = "'" + self + "' --gpu " + o.gpu + " --probe " + what;
    FILE* f = popen(cmd.c_str(), "r");
    if (!f) return p;
    char line[256];
    while (std::fgets(line, sizeof line, f)) {
        std::string l(line);
        if (l.starts_with("name ")) {
            if (device_name) *device_name = l.substr(5, l.find_last_not_of("\r\n") - 4);
            continue;
        }
        unsigned long long heap = 0, rss = 0;
        const std::size_t cut = l.find_last_of(' ', l.find_last_of(' ') - 1);
        if (cut == std::string::npos || std::sscanf(l.c_str() + cut, "%llu %llu", &heap, &rss) != 2) continue;
        p.stages.push_back({l.substr(0, cut), {double(heap) / 1024.0, double(rss) / 1024.0}});
    }
    p.ok = pclose(f) == 0;
    return p;
}

void bench_memory(const Options& o, std::vector<Row>& rows, std::string& device) {
    auto row = [&](const std::string& b, const std::string& m, double v) { rows.push_back({b, m, {v, v, v, v, 1}, "MB"}); };
    const std::string gpu = o.gpu;
    if (auto g = gpu::GpuChoice::parse(gpu); !g || gpu.find_first_of("'\"\\ ;&|$`<>") != std::string::npos) {
        std::fprintf(stderr, "loom-bench: %s\n", g ? "--gpu: auto, software or a device index" : g.message().c_str());
        std::exit(1);
    }
    const Probe bare = probe(o, "bare", &device), engine = probe(o, "engine"), glsl = probe(o, "glsl"),
                hello = probe(o, "hello-noise");
    for (const auto& [name, p] : {std::pair{"bare", &bare}, {"engine", &engine}, {"glsl", &glsl}, {"hello-noise", &hello}})
        if (!p->ok || p->stages.size() < 2) {
            std::fprintf(stderr, "loom-bench: the memory probe '%s' failed (its message is above); no memory figures\n", name);
            std::exit(4);
        }
    for (const auto* p : {&bare, &engine, &hello}) {
        const std::string b = std::string("memory/") + (p == &bare ? "bare-device" : p == &engine ? "engine" : "hello-noise");
        row(b, "RSS", p->stages.back().second.second);
        row(b, "heap in use", p->stages.back().second.first);
    }
    row("memory/glsl-compiler", "heap added", glsl.stages.back().second.first - glsl.stages.front().second.first);
    row("memory/glsl-compiler", "RSS added", glsl.stages.back().second.second - glsl.stages.front().second.second);
    row("memory/hello-noise", "RSS above the bare device", hello.stages.back().second.second - bare.stages.back().second.second);
    for (std::size_t i = 1; i < hello.stages.size(); ++i) {
        const auto& [name, v] = hello.stages[i];
        const auto& prev = hello.stages[i - 1].second;
        // The first step ("engine") starts from the bare process: it holds the device too.
        const std::string step = name == "engine" ? "engine (device included)" : name;
        row("memory/hello-noise/steps", "heap added by " + step, v.first - prev.first);
        row("memory/hello-noise/steps", "RSS added by " + step, v.second - prev.second);
    }
}

}  // namespace

int main(int argc, char** argv) {
    spdlog::set_pattern("[loom-bench] [%l] %v");
    spdlog::set_level(spdlog::level::warn);
    Options o;
    CLI::App app{"loom-bench: frame time and per-operator cost (median, p90)"};
    app.add_option("--frames", o.frames,
                   "Measured frames per case, at least 3 (GPU times arrive two frames late); default per case: "
                   "600 on a GPU (record/ 2000), 10-40 on a CPU device")
        ->check(CLI::Range(0, 10000000));
    app.add_option("--warmup", o.warmup, "Warm-up frames per case, not measured")->check(CLI::Range(0, 100000))
        ->capture_default_str();
    app.add_option("--csv", o.csv, "Write the results to this CSV file");
    app.add_option("--gpu", o.gpu, "auto, software, or a device index");
    app.add_option("--only", o.only,
                   "Run only cases whose name contains this, or any of several separated by commas (frame/, "
                   "record/, chain/, copy/, pass/, memory/, particles/, 3d/, 1920x1080, ...)");
    app.add_option("--charts", o.charts, "Draw the charts (PNG) of the results into this folder");
    app.add_option("--from", o.from, "Run nothing: read these CSVs (loom-bench's, peer_blur.py's) for --charts/--csv")
        ->check(CLI::ExistingFile);
    std::string probe_what;
    app.add_option("--probe", probe_what, "(internal) one memory probe: bare, engine, glsl or hello-noise")->group("");
    CLI11_PARSE(app, argc, argv);
    if (!probe_what.empty()) return run_probe(o, probe_what);
    if (o.frames > 0 && o.frames < 3) {
        std::fprintf(stderr, "loom-bench: --frames %d is too few: GPU times arrive two frames late. Fix: --frames 3 or "
                             "more, or leave it out for each case's default\n", o.frames);
        return 1;
    }

    std::vector<bench::Result> results;
    std::string error;
    for (const std::string& f : o.from)
        if (!bench::read_results(f, results, error)) {
            std::fprintf(stderr, "loom-bench: %s\n", error.c_str());
            return 2;
        }
    if (!o.from.empty()) {
        if (!o.csv.empty() && !bench::write_results(o.csv, results, error)) {
            std::fprintf(stderr, "loom-bench: %s\n", error.c_str());
            return 5;
        }
        if (o.charts.empty() && o.csv.empty()) {
            std::fprintf(stderr, "loom-bench: --from reads results for --charts DIR or --csv FILE; neither was given\n");
            return 1;
        }
        if (!o.csv.empty()) std::printf("wrote %s\n", o.csv.c_str());
        if (o.charts.empty()) return 0;
        for (const auto& path : bench::draw_charts(results, o.charts, error)) std::printf("wrote %s\n", path.c_str());
        if (!error.empty()) std::fprintf(stderr, "loom-bench: %s\n", error.c_str());
        return error.empty() ? 0 : 5;
    }

    // Every case makes and destroys its own engine (instance and device). One instance that
    // lives through the whole run keeps the Vulkan driver loaded between them: some drivers,
    // unloaded and loaded again tens of times in one process, stop loading at all.
    VkApplicationInfo app_info{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app_info.apiVersion = VK_API_VERSION_1_3;
    VkInstanceCreateInfo keep_ci{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    keep_ci.pApplicationInfo = &app_info;
    VkInstance keep_driver = VK_NULL_HANDLE;
    if (vkCreateInstance(&keep_ci, nullptr, &keep_driver) != VK_SUCCESS) keep_driver = VK_NULL_HANDLE;

    std::vector<Row> rows;
    std::string device;
    // --only a,b,...: cases whose name contains any of them.
    auto want = [&](const std::string& name) {
        if (o.only.empty()) return true;
        for (std::size_t at = 0; at <= o.only.size();) {
            const std::size_t end = std::min(o.only.find(',', at), o.only.size());
            const std::string part = o.only.substr(at, end - at);
            if (!part.empty() && name.find(part) != std::string::npos) return true;
            at = end + 1;
        }
        return false;
    };
    for (Extent size : {Extent{1280, 720}, Extent{1920, 1080}, Extent{3840, 2160}}) {
        const std::string name = "frame/" + std::to_string(size.width) + "x" + std::to_string(size.height);
        if (want(name)) bench_frame(o, size, rows, device);
    }
    for (int n : {1, 8, 64})
        if (want("record/" + std::to_string(n) + "ops")) bench_record(o, n, rows, device);
    for (int n : {1, 8, 16, 32, 64}) {
        const std::string c = "chain/" + std::to_string(n) + "ops/";
        std::pair<double, double> loom{}, naive{};
        if (want(c + "loom")) loom = bench_chain(o, n, false, rows, device);
        if (want(c + "naive")) naive = bench_chain(o, n, true, rows, device);
        if (loom.first > 0.0 && naive.first > 0.0) {
            const double f = naive.first / loom.first, u = naive.second / loom.second;
            rows.push_back({c + "naive-vs-loom", "frame time ratio", {f, f, f, f, 1}, "x"});
            rows.push_back({c + "naive-vs-loom", "CPU time ratio", {u, u, u, u, 1}, "x"});
        }
    }
    // The copy bandwidth of a size and format runs before the passes of that size and format,
    // which report against it.
    const char* passes[] = {"blur-8", "box-8", "blur-8-convolution", "blur-8-lines", "blur-8-tiles", "box-8-convolution",
                            "level", "hsv", "composite", "bloom", "noise"};
    for (Extent size : {Extent{1920, 1080}, Extent{3840, 2160}})
        for (Format f : {Format::RGBA8, Format::RGBA16F}) {
            const std::string tail = std::to_string(size.width) + "x" + std::to_string(size.height) + "/" + format_name(f);
            bool any_pass = false;
            for (const char* p : passes) any_pass = any_pass || want(std::string("pass/") + p + "/" + tail);
            // The reference: the faster of vkCmdCopyBuffer and Loom's own copy pass.
            double copy_gbs = want("copy/" + tail) || any_pass ? bench_copy(o, size, f, rows, device) : 0.0;
            if (any_pass) {
                copy_gbs = std::max(copy_gbs, bench_pass(o, "copy", size, f, rows, device, 0.0));
                rows.push_back({"copy/" + tail, "reference bandwidth", {copy_gbs, copy_gbs, copy_gbs, copy_gbs, 1},
                                "GB/s"});
            }
            for (const char* p : passes)
                if (want(std::string("pass/") + p + "/" + tail)) bench_pass(o, p, size, f, rows, device, copy_gbs);
        }
    if (want("memory/bare-device") || want("memory/engine") || want("memory/glsl-compiler") ||
        want("memory/hello-noise/steps"))
        bench_memory(o, rows, device);
    for (int n : {100000, 1000000})
        for (const char* look : {"sprites", "points", "points-over"})
            if (want("particles/" + std::to_string(n) + "/" + look)) bench_particles(o, n, look, rows, device);
#ifdef LOOM_WITH_RENDER3D
    for (const char* f : {"shadow-point", "shadow-comprehensive", ""})
        for (bool shadows : {true, false}) {
            const std::string name = std::string("3d/") + (*f ? f : "instanced-10k") + (shadows ? "" : "/no-shadows");
            if (want(name)) bench_3d(o, f, shadows, rows, device);
        }
#endif

    if (keep_driver) vkDestroyInstance(keep_driver, nullptr);
    if (rows.empty()) {
        std::fprintf(stderr, "loom-bench: no case matches --only '%s'. Fix: name part of a case: frame/, record/, chain/, "
                             "copy/, pass/, memory/, particles/, 3d/ (and a size or format)\n", o.only.c_str());
        return 1;
    }
    std::printf("loom-bench on %s\n", device.c_str());
    for (const Row& r : rows) print(r);
    for (const Row& r : rows)
        results.push_back({device, r.bench, r.metric, r.unit, r.p.median, r.p.p90, r.p.min, r.p.max, r.p.count});
    if (!o.csv.empty()) {
        if (!bench::write_results(o.csv, results, error)) {
            std::fprintf(stderr, "loom-bench: %s\n", error.c_str());
            return 5;
        }
        std::printf("wrote %s\n", o.csv.c_str());
    }
    if (!o.charts.empty()) {
        for (const auto& path : bench::draw_charts(results, o.charts, error)) std::printf("wrote %s\n", path.c_str());
        if (!error.empty()) {
            std::fprintf(stderr, "loom-bench: %s\n", error.c_str());
            return 5;
        }
    }
    return 0;
}
