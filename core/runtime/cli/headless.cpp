// `loom run --headless`: compile the project, render N frames offscreen, snapshot, print stats.
#include <cstdio>

#include <spdlog/spdlog.h>

#include "core/base/units.hpp"
#include "core/gpu/device.hpp"
#include "core/runtime/cli/cli.hpp"
#include "core/runtime/heap_counter.hpp"
#include "core/runtime/project_host.hpp"

namespace loom::cli {

int run_headless(const RunOptions& o) {
    auto gpu = gpu::GpuChoice::parse(o.gpu);
    if (!gpu) {
        std::fprintf(stderr, "loom: %s\n", gpu.message().c_str());
        return kExitUsage;
    }
    if (o.size.width == 0 || o.size.height == 0) {
        std::fprintf(stderr, "loom: --size %ux%u: both sides must be at least 1 pixel. Fix: e.g. --size 1280x720.\n",
                     o.size.width, o.size.height);
        return kExitUsage;
    }
    // Compile the project before touching the GPU: a compile error should come fast.
    auto project = runtime::Project::load(o.project);
    if (!project) {
        std::fprintf(stderr, "loom: %s\n", project.message().c_str());
        return kExitProject;
    }
    const auto& build = (*project)->build();
    if (build.cached)
        spdlog::info("project: {} (compiled before, loaded from cache)", o.project);
    else
        spdlog::info("project: {} compiled in {:.2f} s", o.project, build.seconds);

    runtime::EngineConfig cfg;
    cfg.device.gpu = *gpu;
    cfg.device.validation = o.validate;
    if (o.host_budget_mb) cfg.device.host_visible_budget = o.host_budget_mb << 20;
    cfg.canvas = o.size;
    cfg.fps = o.fps;
    cfg.fixed_step = true;
    cfg.shader_roots.push_back(o.project);
    auto engine_r = runtime::Engine::create(cfg);
    if (!engine_r) {
        std::fprintf(stderr, "loom: %s\n", engine_r.message().c_str());
        return kExitDevice;
    }
    auto& engine = **engine_r;
    int status = kExitOk;
    {
        if (auto r = (*project)->setup(engine.context()); !r) {
            std::fprintf(stderr, "loom: %s\n", r.message().c_str());
            engine.clear_chain();
            return kExitProject;
        }
        if (engine.chain().empty()) {
            std::fprintf(stderr, "loom: setup() in %s added no operators. Fix: add one, e.g. "
                                 "ctx.chain().add<Noise>(\"noise\").\n", o.project.c_str());
            return kExitProject;
        }
        const ProjectFn update = (*project)->entry().update;
        const std::uint64_t snap = o.snapshot_frame.value_or(o.frames - 1);
        for (std::uint64_t f = 0; f < o.frames; ++f) {
            auto r = update ? engine.frame([&](Context& ctx) { update(ctx); }) : engine.frame();
            if (!r && !engine.runtime().plan()) {
                std::fprintf(stderr, "loom: %s\n", r.message().c_str());
                status = kExitProject;
                break;
            }
            if (!o.snapshot.empty() && f == snap) {
                auto px = engine.read_output();
                auto w = px ? io::write_png(o.snapshot, *px) : Result<void>(px.error());
                if (!w) {
                    std::fprintf(stderr, "loom: snapshot: %s\n", w.message().c_str());
                    status = kExitRender;
                } else {
                    spdlog::info("snapshot of frame {} written to {}", f, o.snapshot);
                }
            }
        }
        engine.wait_idle();
        if (const auto* plan = engine.runtime().plan()) {
            for (const auto& step : plan->steps)
                if (step.op->failed()) {
                    std::fprintf(stderr, "loom: operator '%s' (%s) failed: %s\n", step.op->name().c_str(),
                                 step.op->type_name(), step.op->error().c_str());
                    status = kExitRender;
                }
        }
    }

    // The stats line.
    const auto& dev = engine.device();
    const auto frame = engine.stats().frame_ms(std::min<std::size_t>(10, engine.stats().frames() / 2));
    const auto gpu_ms = engine.stats().gpu_ms(std::min<std::size_t>(10, engine.stats().frames() / 2));
    const auto mem = dev.memory().snapshot();
    std::printf(
        "loom: device \"%.*s\" (%s) | %llu frames %ux%u | frame %.2f ms median, %.2f ms p90 | GPU %.2f ms median | "
        "RSS %.1f MB | heap %.1f MB | GPU memory %s in %llu images, %llu buffers\n",
        static_cast<int>(dev.name().size()), dev.name().data(), gpu::device_type_name(dev.properties().deviceType),
        static_cast<unsigned long long>(engine.frames_rendered()), o.size.width, o.size.height, frame.median,
        frame.p90, gpu_ms.median, double(runtime::rss_kib()) / 1024.0,
        double(runtime::heap_in_use_bytes()) / (1024.0 * 1024.0), format_bytes(mem.total_bytes()).c_str(),
        static_cast<unsigned long long>(mem.image_count), static_cast<unsigned long long>(mem.buffer_count));
    std::fflush(stdout);
    engine.clear_chain();  // operators made by the project's code go before its library
    if (dev.validation_enabled() && const_cast<gpu::Device&>(dev).validation().count() > 0) status = kExitRender;
    return status;
}

}  // namespace loom::cli
