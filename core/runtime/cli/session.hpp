// core/runtime/cli/session.hpp — a project loaded into an engine: what run, watch, render and
// fixtures share. Destroys the project's operators before unloading its library.
#pragma once

#include <functional>
#include <memory>
#include <vector>
#include <string>

#include "core/runtime/engine.hpp"
#include "core/runtime/project_host.hpp"

namespace loom::cli {

struct SessionOptions {
    std::string project;
    Extent size{1280, 720};
    double fps = 60.0;
    std::string gpu = "auto";
    bool validate = false;
    bool sync_validate = false;
    std::uint64_t host_budget_mb = 0;  // 0: default
    bool fixed_step = true;            // false in a window: the wall clock
    // A window: its instance extensions and surface (see gpu::DeviceConfig).
    std::vector<std::string> instance_extensions;
    std::function<VkSurfaceKHR(VkInstance)> make_surface;
};

class Session {
public:
    // On failure, `exit_code` says which stage failed (kExitUsage, kExitProject, kExitDevice)
    // and the error carries the message.
    static Result<std::unique_ptr<Session>> open(const SessionOptions& options, int& exit_code);
    ~Session();

    runtime::Engine& engine() { return *engine_; }
    runtime::Project& project() { return *project_; }
    ProjectFn update() const { return project_->entry().update; }

    // One frame with the project's update() — unless update() crashed before: then the chain
    // runs without it until the next reload. A crash this frame comes back as the error and in
    // update_crashed().
    Result<void> frame();
    bool update_paused() const { return update_paused_; }
    bool update_crashed() const { return !engine_->update_crash().empty(); }
    // Runs setup() again into a new chain and swaps it in at this frame boundary, handing each
    // operator's state to its successor (what a hot reload does, with the same library).
    Result<runtime::SwapReport> rebuild();
    // Hot reload: swaps in the chain that `next`'s setup() builds (state handed over); on success
    // `next` becomes the session's project and the old library is unloaded after its operators
    // are gone. On failure the running chain and project stay and `next` is unloaded.
    Result<runtime::SwapReport> reload(std::unique_ptr<runtime::Project> next);

private:
    Session() = default;
    std::unique_ptr<runtime::Project> project_;
    std::unique_ptr<runtime::Engine> engine_;
    bool update_paused_ = false;
};

// Session::open for a command: on failure prints "loom: <why>" to stderr, sets `exit_code` and
// returns null.
std::unique_ptr<Session> open_session_or_report(const SessionOptions& options, int& exit_code);

// Prints one stats line for a finished run to stdout.
void print_stats_line(runtime::Engine& engine, Extent size);

}  // namespace loom::cli
