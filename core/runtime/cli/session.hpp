// core/runtime/cli/session.hpp — a project loaded into an engine: what run, watch, render and
// fixtures share. Destroys the project's operators before unloading its library.
#pragma once

#include <memory>
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

    // One frame with the project's update().
    Result<void> frame();
    // Destroys the chain and runs setup() again (a hot swap without state hand-over).
    Result<void> rebuild();

private:
    Session() = default;
    std::unique_ptr<runtime::Project> project_;
    std::unique_ptr<runtime::Engine> engine_;
};

// Session::open for a command: on failure prints "loom: <why>" to stderr, sets `exit_code` and
// returns null.
std::unique_ptr<Session> open_session_or_report(const SessionOptions& options, int& exit_code);

// Prints one stats line for a finished run to stdout.
void print_stats_line(runtime::Engine& engine, Extent size);

}  // namespace loom::cli
