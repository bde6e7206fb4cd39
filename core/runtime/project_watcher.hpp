// core/runtime/project_watcher.hpp — the worker thread of live coding.
//
// Watches a project folder (chain.cpp, every header and GLSL file in it, recursively) and the
// shader folders (Loom's shaders/ for built-in effects) with inotify — no polling on the frame
// thread. A burst of file events (an editor's save writes, renames and deletes) is gathered until
// the files are quiet for `quiet_ms`, then, for the files whose content changed (a save of the
// same bytes reloads nothing):
//   - changed GLSL files are compiled here into the SPIR-V disk cache, then posted
//     (ShadersChanged), so a shader edit never waits for a C++ compile and the frame thread only
//     builds the pipeline;
//   - any other changed file of the project (a picture, a mesh, a font) is posted
//     (FilesChanged) for the operators that read it;
//   - a changed C++ source is compiled here, on this thread, with build_project(), and the result
//     posted (ChainBuilt with the library to load, or ChainFailed with the compiler's lines).
// With `read_commands`, lines on standard input are posted as Command events (scripts and tests
// drive a headless live session that way: "snapshot out.png", "quit"); end of input is ignored.
//
// The frame thread calls poll() once per frame: it takes the pending events under a short lock
// and never waits for the compiler; with nothing pending it touches one atomic and allocates
// nothing. Events are applied at a frame boundary by the caller (see cli/session.hpp).
// Destruction stops the thread (an active compile finishes first).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <loom/result.hpp>

#include "core/runtime/project_host.hpp"

namespace loom::shader {
class ShaderCompiler;
}

namespace loom::runtime {

struct WatchEvent {
    enum class Kind { ChainBuilt, ChainFailed, ShadersChanged, FilesChanged, Command };
    Kind kind = Kind::Command;
    ProjectBuild build;               // ChainBuilt
    std::string text;                 // ChainFailed: the error; Command: the line
    // ShadersChanged, FilesChanged (any other file of the project): canonical paths; Chain*:
    // the sources that changed.
    std::vector<std::filesystem::path> files;
    std::chrono::steady_clock::time_point changed_at;  // first file event of this change
};

struct ProjectWatcherConfig {
    std::filesystem::path project;                   // the project folder
    std::vector<std::filesystem::path> shader_dirs;  // more folders whose GLSL is watched
    bool read_commands = false;                      // post stdin lines as Command events
    int quiet_ms = 30;                               // a save is complete after this much quiet
    ProjectBuildOptions build;
};

class ProjectWatcher {
public:
    // Starts watching (the error names the folder inotify refused and why).
    static Result<std::unique_ptr<ProjectWatcher>> start(const ProjectWatcherConfig& config);
    ~ProjectWatcher();
    ProjectWatcher(const ProjectWatcher&) = delete;
    ProjectWatcher& operator=(const ProjectWatcher&) = delete;

    // Frame thread: appends the pending events to `out` (cleared first); false when none.
    bool poll(std::vector<WatchEvent>& out);
    // How many folders are watched.
    std::size_t folders() const { return folders_; }
    // True while a chain.cpp compile runs on the worker.
    bool compiling() const { return compiling_.load(std::memory_order_relaxed); }

private:
    ProjectWatcher() = default;
    void run();
    // Watches `dir` and its sub-folders; at start, also remembers the content of their sources.
    void add_tree(const std::filesystem::path& dir, bool at_start = false);
    void post(WatchEvent event);
    // Whether `file`'s content differs from when it was last seen (and remembers it): a save
    // that writes the same bytes (a reflex Ctrl-S, `touch`) reloads nothing.
    bool content_changed(const std::filesystem::path& file);

    ProjectWatcherConfig config_;
    int inotify_ = -1;
    int wake_ = -1;  // eventfd that stops the thread
    std::size_t folders_ = 0;
    std::vector<std::pair<int, std::filesystem::path>> watches_;  // inotify watch descriptor → folder
    std::thread thread_;
    std::mutex mutex_;
    std::vector<WatchEvent> pending_;
    std::atomic<bool> has_pending_{false};
    std::atomic<bool> compiling_{false};
    std::unique_ptr<shader::ShaderCompiler> shaders_;  // the worker's own (one per thread)
    std::map<std::filesystem::path, std::uint64_t> content_;  // hash of each watched source as last seen
};

}  // namespace loom::runtime
