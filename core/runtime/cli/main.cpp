// loom — the command-line program: run a project, print device information.
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

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

}  // namespace loom::cli

int main(int argc, char** argv) {
    using namespace loom::cli;
    spdlog::set_pattern("[loom] [%l] %v");
    if (const char* lvl = std::getenv("LOOM_LOG")) spdlog::set_level(spdlog::level::from_str(lvl));

    CLI::App app{"Loom: a node-based real-time visual effects engine"};
    app.require_subcommand(1);

    RunOptions run;
    std::string size = "1280x720";
    std::uint64_t snapshot_frame = 0;
    auto* run_cmd = app.add_subcommand("run", "Run a project (a folder with chain.cpp)");
    run_cmd->add_option("project", run.project, "Project folder")->required();
    run_cmd->add_flag("--headless", run.headless, "Render offscreen with a fixed timestep (no window)");
    run_cmd->add_option("--frames", run.frames, "Frames to render headless")->check(CLI::PositiveNumber);
    run_cmd->add_option("--size", size, "Canvas size, WIDTHxHEIGHT");
    run_cmd->add_option("--fps", run.fps, "Frames per second of the fixed timestep")->check(CLI::PositiveNumber);
    run_cmd->add_option("--snapshot", run.snapshot, "Write the output of one frame to this PNG");
    auto* sf = run_cmd->add_option("--snapshot-frame", snapshot_frame, "Frame to snapshot (0-based; default: last)");
    run_cmd->add_option("--gpu", run.gpu, "auto, software, or a device index (see `loom info`)");
    run_cmd->add_flag("--validate", run.validate, "Enable the Khronos validation layer");
    run_cmd->add_option("--host-budget-mb", run.host_budget_mb, "Host-visible memory budget in MiB (default 512)");

    std::string info_gpu = "auto";
    auto* info_cmd = app.add_subcommand("info", "List Vulkan devices, memory and limits");
    info_cmd->add_option("--gpu", info_gpu, "Device to describe in detail");

    CLI11_PARSE(app, argc, argv);

    try {
        if (*run_cmd) {
            auto s = parse_size(size);
            if (!s) {
                std::fprintf(stderr, "loom: %s\n", s.message().c_str());
                return kExitUsage;
            }
            run.size = *s;
            if (*sf) run.snapshot_frame = snapshot_frame;
            if (!run.headless)
                spdlog::info("the window and editor overlay are not part of this build yet; rendering headless");
            return run_headless(run);
        }
        if (*info_cmd) return print_info(info_gpu);
    } catch (const loom::gpu::DeviceFatal& e) {
        std::fprintf(stderr, "loom: the GPU failed: %s\n", e.what());
        return kExitDevice;
    }
    return kExitUsage;
}
