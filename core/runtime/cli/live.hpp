// core/runtime/cli/live.hpp — live coding in the `loom` program: applying what the project
// watcher reports at a frame boundary, and the stop signals.
//
// LiveReloader owns the ProjectWatcher of a session. Each frame, before the frame renders,
// apply() takes the watcher's events and acts on them on the frame thread:
//   - a compiled chain.cpp: load the new library, swap the chain (state handed over);
//   - a compile error, or a new setup() that fails/crashes: print the error, keep the chain;
//   - changed GLSL: reload the programs that use the file (last good pipeline kept on error) and
//     retry the operators whose create() failed;
//   - a command line from stdin: "snapshot FILE [OPERATOR]", "quit".
// after_frame() prints the one-line report of a reload once the new chain's first frame is done
// ("reloaded chain.cpp in 0.84 s (compile 0.71 s, swap 3 ms)"). Every event is one line on stdout,
// errors on stderr, so scripts can follow.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/runtime/cli/session.hpp"
#include "core/runtime/project_watcher.hpp"
#include "core/runtime/window.hpp"

namespace loom::cli {

// SIGINT/SIGTERM set a flag the frame loops read (a second one ends the process at once).
void install_stop_handlers();
bool stop_requested();
void request_stop();

class LiveReloader {
public:
    // Starts watching the session's project and Loom's shaders/ (read_commands: stdin lines).
    // In a window, the command `resize W H` resizes it (tests drive resize churn that way).
    static Result<std::unique_ptr<LiveReloader>> start(Session& session, const std::string& project,
                                                       bool read_commands, runtime::Window* window = nullptr);

    // At a frame boundary, before the frame.
    void apply();
    // After the frame: prints what a reload applied in apply() took, now that its frame is done.
    void after_frame();
    std::uint64_t reloads() const { return reloads_; }
    // Called after each successful reload (the editor re-applies params.json), and with each
    // error reported (compile errors, a failed setup) — both on the frame thread.
    std::function<void()> on_reload;
    std::function<void(const std::string&)> on_error;
    // Commands this class does not know go here first (the editor's `select OPERATOR`); true
    // when handled.
    std::function<bool(const std::string&)> on_command_line;
    std::uint64_t failures() const { return failures_; }
    runtime::ProjectWatcher& watcher() { return *watcher_; }

private:
    LiveReloader(Session& s, std::string project) : session_(s), project_(std::move(project)) {}
    void on_chain_built(runtime::WatchEvent& e);
    void on_shaders(const runtime::WatchEvent& e);
    void on_files(const runtime::WatchEvent& e);
    void on_command(const std::string& line);
    void kept(const char* what, const std::string& why);

    Session& session_;
    std::string project_;
    runtime::Window* window_ = nullptr;
    std::unique_ptr<runtime::ProjectWatcher> watcher_;
    std::vector<runtime::WatchEvent> events_;
    std::uint64_t reloads_ = 0, failures_ = 0;
    // A report waiting for its first frame.
    bool report_pending_ = false;
    std::string report_, report_names_;
    std::chrono::steady_clock::time_point report_since_{};
    double report_compile_s_ = 0.0, report_swap_ms_ = 0.0;
};

}  // namespace loom::cli
