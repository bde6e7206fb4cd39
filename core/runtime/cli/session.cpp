#include "core/runtime/cli/session.hpp"

#include <filesystem>
#include <cstdio>

#include <spdlog/spdlog.h>

#include "core/base/crash_guard.hpp"
#include "core/base/units.hpp"
#include "core/runtime/cli/cli.hpp"
#include "core/runtime/heap_counter.hpp"

namespace loom::cli {

std::unique_ptr<Session> open_session_or_report(const SessionOptions& options, int& exit_code) {
    auto session = Session::open(options, exit_code);
    if (!session) {
        std::fprintf(stderr, "loom: %s\n", session.message().c_str());
        return nullptr;
    }
    return std::move(*session);
}

Result<std::unique_ptr<Session>> Session::open(const SessionOptions& o, int& exit_code) {
    auto gpu = gpu::GpuChoice::parse(o.gpu);
    if (!gpu) {
        exit_code = kExitUsage;
        return gpu.error();
    }
    if (o.size.width == 0 || o.size.height == 0) {
        exit_code = kExitUsage;
        return make_error("--size " + std::to_string(o.size.width) + "x" + std::to_string(o.size.height) +
                          ": both sides must be at least 1 pixel. Fix: e.g. --size 1280x720.");
    }
    std::unique_ptr<Session> s(new Session());
    // Compile the project before touching the GPU: a compile error should come fast. A path
    // that is no project (no such folder, no chain.cpp in it) is a usage error, as a file that
    // is not chain.cpp is; what is wrong inside the project is status 2.
    std::error_code ec;
    const bool is_project = std::filesystem::is_regular_file(std::filesystem::path(o.project) / "chain.cpp", ec);
    auto project = runtime::Project::load(o.project);
    if (!project) {
        exit_code = is_project ? kExitProject : kExitUsage;
        return project.error();
    }
    s->project_ = std::move(*project);
    const auto& build = s->project_->build();
    if (build.cached)
        spdlog::info("project: {} (compiled before, loaded from cache)", o.project);
    else
        spdlog::info("project: {} compiled in {:.2f} s", o.project, build.seconds);

    runtime::EngineConfig cfg;
    cfg.device.gpu = *gpu;
    cfg.device.validation = o.validate || o.sync_validate;
    cfg.device.sync_validation = o.sync_validate;
    if (o.host_budget_mb) cfg.device.host_visible_budget = o.host_budget_mb << 20;
    cfg.canvas = o.size;
    cfg.fps = o.fps;
    cfg.fixed_step = o.fixed_step;
    cfg.device.instance_extensions = o.instance_extensions;
    cfg.device.make_surface = o.make_surface;
    cfg.shader_roots.push_back(o.project);  // a project's own GLSL
    auto engine = runtime::Engine::create(cfg);
    if (!engine) {
        exit_code = kExitDevice;
        return engine.error();
    }
    s->engine_ = std::move(*engine);
    // The canvas against this device's limit, before setup(): an operator is not to blame.
    const std::uint32_t max = s->engine_->device().limits().maxImageDimension2D;
    if (o.size.width > max || o.size.height > max) {
        exit_code = kExitUsage;
        return make_error("--size " + std::to_string(o.size.width) + "x" + std::to_string(o.size.height) +
                          " is beyond the limit of " + std::string(s->engine_->device().name()) + ", " +
                          std::to_string(max) + " pixels per side. Fix: use at most " + std::to_string(max) + "x" +
                          std::to_string(max) + ".");
    }
    if (auto r = s->project_->setup(s->engine_->context()); !r) {
        exit_code = kExitProject;
        return r.error();
    }
    if (s->engine_->chain().empty()) {
        exit_code = kExitProject;
        return make_error("setup() in " + o.project + " added no operators. Fix: add one, e.g. "
                          "ctx.chain().add<Noise>(\"noise\").");
    }
    exit_code = kExitOk;
    return s;
}

Session::~Session() {
    // The project's operators (and their vtables) live in its library: destroy them first.
    try {
        if (engine_) engine_->clear_chain();
    } catch (const std::exception&) {
        // A dead device was reported where it failed; the operators still go before the library.
        if (engine_) engine_->chain().clear();
    }
    engine_.reset();
    project_.reset();
}

Result<void> Session::frame() {
    const ProjectFn fn = update_paused_ ? nullptr : update();
    auto r = fn ? engine_->frame([fn](Context& c) { fn(c); }) : engine_->frame();
    if (!engine_->update_crash().empty()) update_paused_ = true;  // its state is lost: never call it again
    return r;
}

Result<runtime::SwapReport> Session::rebuild() {
    const runtime::Project& p = *project_;
    return engine_->replace_chain([&p](Context& c) { return p.setup(c); });
}

Result<runtime::SwapReport> Session::reload(std::unique_ptr<runtime::Project> next) {
    const runtime::Project& p = *next;
    auto r = engine_->replace_chain([&p](Context& c) { return p.setup(c); });
    if (!r) return r.error();  // `next` unloads here; its operators are gone already
    project_ = std::move(next);  // the old library goes; none of its operators is left
    update_paused_ = false;
    return r;
}

void print_stats_line(runtime::Engine& engine, Extent size) {
    const auto& dev = engine.device();
    // Skip warm-up: the first frames fill the pipeline and do not wait for the GPU. A run too
    // short to have frames after the warm-up reports all of them (and says so).
    const std::size_t frames = engine.stats().frames();
    std::size_t skip = std::max<std::size_t>(dev.frames_in_flight(), std::min<std::size_t>(10, frames / 2));
    if (frames <= skip) skip = 0;
    const auto frame = engine.stats().frame_ms(skip);
    const auto gpu_ms = engine.stats().gpu_ms(skip);
    char gpu[64];
    if (gpu_ms.count > 0)
        std::snprintf(gpu, sizeof gpu, "%.2f ms median", gpu_ms.median);
    else
        std::snprintf(gpu, sizeof gpu, "not measured yet");
    const auto mem = dev.memory().snapshot();
    std::printf(
        "loom: device \"%.*s\" (%s) | %llu frames %ux%u | frame %.2f ms median, %.2f ms p90%s | GPU %s | "
        "RSS %.1f MB | heap %.1f MB | GPU memory %s in %llu images, %llu buffers\n",
        static_cast<int>(dev.name().size()), dev.name().data(), gpu::device_type_name(dev.properties().deviceType),
        static_cast<unsigned long long>(engine.frames_rendered()), size.width, size.height, frame.median, frame.p90,
        skip == 0 ? " (warm-up included)" : "", gpu, double(runtime::rss_kib()) / 1024.0, double(runtime::heap_in_use_bytes()) / (1024.0 * 1024.0),
        format_bytes(mem.total_bytes()).c_str(), static_cast<unsigned long long>(mem.image_count),
        static_cast<unsigned long long>(mem.buffer_count));
    std::fflush(stdout);
    const auto& staging = engine.staging();
    if (staging.hits() + staging.misses() > 0)
        spdlog::info("staging pool: {} requests, {:.0f}% reused a pooled buffer", staging.hits() + staging.misses(),
                     100.0 * staging.hit_rate());
}

}  // namespace loom::cli
