// loom — the command-line program: run, watch, render, fixtures, info.
#include <cctype>
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "core/base/crash_guard.hpp"
#include "core/base/paths.hpp"
#include "core/base/sanitize.hpp"
#include "core/gpu/vk.hpp"
#include "core/runtime/cli/cli.hpp"

namespace loom::cli {

Result<Extent> parse_size(const std::string& text) {
    unsigned w = 0, h = 0;
    char x = 0, extra = 0;
    if (std::sscanf(text.c_str(), "%u%c%u%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X'))
        return make_error("--size '" + text + "' is not WIDTHxHEIGHT. Fix: write it like 1280x720.");
    return Extent{w, h};
}

Result<std::pair<std::uint64_t, std::uint64_t>> parse_range(const std::string& text) {
    unsigned long long a = 0, b = 0;
    char dash = 0, extra = 0;
    // Digits first: %llu would take "-1" and wrap it.
    const bool digits_first = !text.empty() && std::isdigit(static_cast<unsigned char>(text[0]));
    const int n = digits_first ? std::sscanf(text.c_str(), "%llu%c%llu%c", &a, &dash, &b, &extra) : 0;
    const bool second_ok = n != 3 || (text.find('-') + 1 < text.size() &&
                                      std::isdigit(static_cast<unsigned char>(text[text.find('-') + 1])));
    constexpr unsigned long long kMax = 1ull << 40;  // about 580 years at 60 fps
    if (n == 1 && a < kMax) return std::pair<std::uint64_t, std::uint64_t>{a, a};
    if (n == 3 && dash == '-' && second_ok && b >= a && b < kMax) return std::pair<std::uint64_t, std::uint64_t>{a, b};
    return make_error("--frames '" + text + "' is not a range FIRST-LAST of frame numbers. Fix: e.g. --frames 0-299.");
}

namespace {

// Options every project-running subcommand has.
void add_session_options(CLI::App* cmd, SessionOptions& s, std::string& size) {
    cmd->add_option("project", s.project, "Project folder (with chain.cpp)")->required();
    cmd->add_option("--size", size, "Canvas size, WIDTHxHEIGHT");
    cmd->add_option("--fps", s.fps, "Frames per second of the fixed timestep")->check(CLI::PositiveNumber);
    cmd->add_option("--gpu", s.gpu, "auto, software, or a device index (see `loom info`)");
    cmd->add_flag("--validate", s.validate, "Enable the Khronos validation layer");
    cmd->add_option("--host-budget-mb", s.host_budget_mb, "Host-visible memory budget in MiB (default 512)");
}

bool apply_size(const std::string& size, SessionOptions& s) {
    auto r = parse_size(size);
    if (!r) {
        std::fprintf(stderr, "loom: %s\n", r.message().c_str());
        return false;
    }
    s.size = *r;
    return true;
}

}  // namespace
}  // namespace loom::cli

int main(int argc, char** argv) {
    using namespace loom::cli;
#ifdef LOOM_SANITIZE
    loom::keep_driver_libraries_mapped();
#endif
    // A crash in project code is reported and survived (watch mode) instead of ending Loom silently.
    loom::install_crash_handlers();
    spdlog::set_pattern("[loom] [%l] %v");
    if (const char* lvl = std::getenv("LOOM_LOG")) spdlog::set_level(spdlog::level::from_str(lvl));

    CLI::App app{"Loom: a node-based real-time visual effects engine"};
    app.require_subcommand(1);

    RunOptions run;
    std::string run_size = "1280x720";
    std::uint64_t snapshot_frame = 0;
    bool headless = false;
    auto* run_cmd = app.add_subcommand("run", "Run a project");
    add_session_options(run_cmd, run.session, run_size);
    run_cmd->add_flag("--headless", headless, "Render offscreen with a fixed timestep (no window)");
    std::string window_size;
    run_cmd->add_option("--window", window_size, "Window size WIDTHxHEIGHT (default: --size; the output is letterboxed)");
    run_cmd->add_flag("--editor", run.editor, "Open the editor overlay at start (Tab toggles it)");
    bool no_vsync = false;
    run_cmd->add_flag("--no-vsync", no_vsync, "In a window: present as fast as frames come (V toggles)");
    auto* frames_opt = run_cmd->add_option("--frames", run.frames, "Frames to render (default 120; with --watch: until stopped)")
                           ->check(CLI::PositiveNumber);
    run_cmd->add_flag("--watch", run.watch, "Live coding: reload chain.cpp and shaders on save, keep the last good chain");
    run_cmd->add_option("--snapshot", run.snapshot, "Write the output of one frame to this PNG");
    auto* sf = run_cmd->add_option("--snapshot-frame", snapshot_frame, "Frame to snapshot (0-based; default: last)");
    run_cmd->add_option("--snapshot-op", run.snapshot_op, "Operator whose image to snapshot (default: the output)");

    WatchOptions watch;
    std::string watch_size = "1280x720";
    auto* watch_cmd = app.add_subcommand("watch", "Run a project headless and fail when memory or objects grow");
    add_session_options(watch_cmd, watch.session, watch_size);
    watch_cmd->add_option("--seconds", watch.seconds, "How long to watch")->check(CLI::PositiveNumber);
    watch_cmd->add_option("--interval", watch.interval, "Seconds between samples")->check(CLI::PositiveNumber);
    watch_cmd->add_option("--warmup", watch.warmup, "Seconds before samples count");
    watch_cmd->add_option("--print-every", watch.print_every, "Seconds between progress lines")->check(CLI::PositiveNumber);
    watch_cmd->add_option("--swap-churn", watch.swap_churn, "Rebuild the whole chain every N frames");
    watch_cmd->add_option("--resize-churn", watch.resize_churn, "Change the output size every N frames");
    watch_cmd->add_option("--max-rss-kb-per-min", watch.thresholds.rss_kb_per_min, "RSS slope allowed");
    watch_cmd->add_option("--max-heap-kb-per-min", watch.thresholds.heap_kb_per_min, "Heap slope allowed");
    watch_cmd->add_option("--max-gpu-kb-per-min", watch.thresholds.gpu_kb_per_min, "GPU bytes slope allowed");
    watch_cmd->add_option("--max-objects-per-min", watch.thresholds.objects_per_min, "Object count slope allowed");
    watch_cmd->add_option("--csv", watch.csv, "Write every sample to this CSV file");
    watch_cmd->add_option("--chart", watch.chart, "Draw the series to this PNG");

    RenderOptions render;
    std::string render_size = "1280x720", range = "0-59", preroll = "auto";
    auto* render_cmd = app.add_subcommand("render", "Render a frame range offline, deterministically");
    add_session_options(render_cmd, render.session, render_size);
    render_cmd->add_option("--frames", range, "Inclusive range FIRST-LAST (frame N is at time N/fps)");
    render_cmd->add_option("--out", render.out, "Numbered PNGs: DIR/%05d.png (or a folder)");
    render_cmd->add_option("--video", render.video, "Also encode an MP4 through ffmpeg");
    render_cmd->add_option("--preroll", preroll, "Render the frames before the range first: auto (when the chain "
                                                  "reads previous frames), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));

    FixtureOptions fixtures;
    fixtures.out = "out/fixtures";
    auto* fixtures_cmd = app.add_subcommand("fixtures", "Run the testing fixtures (golden image, watch, clean exit)");
    fixtures_cmd->add_option("--dir", fixtures.dir, "Fixtures folder (default: testing-fixtures/)");
    fixtures_cmd->add_option("--only", fixtures.only, "Run only this fixture");
    fixtures_cmd->add_option("--out", fixtures.out, "Where actual/diff images, CSVs and charts go");
    fixtures_cmd->add_option("--watch-seconds", fixtures.watch_seconds, "Override every fixture's watch length");
    fixtures_cmd->add_flag("--bless", fixtures.bless, "Write each fixture's snapshot as its new reference.png");
    fixtures_cmd->add_option("--gpu", fixtures.gpu, "auto, software, or a device index");

    std::string new_folder, new_template = "noise";
    auto* new_cmd = app.add_subcommand("new", "Create a project folder with a chain.cpp that runs at once");
    new_cmd->add_option("folder", new_folder, "The project folder to create")->required();
    new_cmd->add_option("--template", new_template, "blank, noise or feedback")->capture_default_str()
        ->check(CLI::IsMember({"blank", "noise", "feedback"}));

    std::string info_gpu = "auto";
    auto* info_cmd = app.add_subcommand("info", "List Vulkan devices, memory and limits");
    info_cmd->add_option("--gpu", info_gpu, "Device to describe in detail");

    CLI11_PARSE(app, argc, argv);

    try {
        if (*run_cmd) {
            if (!apply_size(run_size, run.session)) return kExitUsage;
            run.frames_given = frames_opt->count() > 0;
            run.vsync = !no_vsync;
            if (!window_size.empty()) {
                auto w = parse_size(window_size);
                if (!w || w->width == 0 || w->height == 0) {
                    std::fprintf(stderr, "loom: --window '%s' is not WIDTHxHEIGHT of at least 1x1. Fix: e.g. "
                                         "--window 1280x720.\n", window_size.c_str());
                    return kExitUsage;
                }
                run.window = *w;
            }
            if (*sf) {
                if (snapshot_frame >= run.frames) {
                    std::fprintf(stderr, "loom: --snapshot-frame %llu is not one of the %llu frames rendered (0..%llu). "
                                         "Fix: render more frames or pick an earlier one.\n",
                                 static_cast<unsigned long long>(snapshot_frame),
                                 static_cast<unsigned long long>(run.frames),
                                 static_cast<unsigned long long>(run.frames - 1));
                    return kExitUsage;
                }
                run.snapshot_frame = snapshot_frame;
            }
            return headless ? run_headless(run) : run_window(run);
        }
        if (*watch_cmd) {
            if (!apply_size(watch_size, watch.session)) return kExitUsage;
            return run_watch(watch);
        }
        if (*render_cmd) {
            if (!apply_size(render_size, render.session)) return kExitUsage;
            auto r = parse_range(range);
            if (!r) {
                std::fprintf(stderr, "loom: %s\n", r.message().c_str());
                return kExitUsage;
            }
            render.first = r->first;
            render.last = r->second;
            render.preroll = preroll == "always"  ? loom::runtime::Preroll::Always
                             : preroll == "never" ? loom::runtime::Preroll::Never
                                                  : loom::runtime::Preroll::Auto;
            return run_render(render);
        }
        if (*fixtures_cmd) return run_fixtures(fixtures);
        if (*info_cmd) return print_info(info_gpu);
        if (*new_cmd) return new_project(new_folder, new_template);
    } catch (const loom::gpu::DeviceFatal& e) {
        std::fprintf(stderr, "loom: the GPU failed: %s\n", e.what());
        return kExitDevice;
    }
    return kExitUsage;
}
