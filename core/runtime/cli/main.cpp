// loom — the command-line program: run, watch, render, fixtures, new, info, operators.
#include <cstdlib>
#include <cstdio>
#include <variant>

#include <spdlog/spdlog.h>

#include "core/base/crash_guard.hpp"
#include "core/base/sanitize.hpp"
#include "core/gpu/vk.hpp"
#include "core/runtime/cli/command_line.hpp"

int main(int argc, char** argv) {
    using namespace loom::cli;
#ifdef LOOM_SANITIZE
    loom::keep_driver_libraries_mapped();
#endif
    // A crash in project code is reported and survived (watch mode) instead of ending Loom silently.
    loom::install_crash_handlers();
    spdlog::set_pattern("[loom] [%l] %v");
    if (const char* lvl = std::getenv("LOOM_LOG")) spdlog::set_level(spdlog::level::from_str(lvl));

    auto parsed = parse_command_line(argc, argv);
    if (const int* status = std::get_if<int>(&parsed)) return *status;
    const Invocation& inv = std::get<Invocation>(parsed);
    try {
        switch (inv.command) {
            case Command::Run: return run_window(inv.run);
            case Command::RunHeadless: return run_headless(inv.run);
            case Command::Watch: return run_watch(inv.watch);
            case Command::Render: return run_render(inv.render);
            case Command::Fixtures: return run_fixtures(inv.fixtures);
            case Command::New: return new_project(inv.new_folder, inv.new_template);
            case Command::Info: return print_info(inv.info_gpu);
            case Command::Operators: return list_operators(inv.operators);
        }
    } catch (const loom::gpu::DeviceFatal& e) {
        std::fprintf(stderr, "loom: the GPU failed: %s\n", e.what());
        return kExitDevice;
    }
    return kExitUsage;
}
