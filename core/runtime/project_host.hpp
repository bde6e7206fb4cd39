// core/runtime/project_host.hpp — compiling a project's chain.cpp and loading it.
//
// A project is a folder with chain.cpp (and whatever it includes). build_project() compiles it
// with the system C++ compiler (CXX, else c++) into a shared library under
// cache_dir()/projects/, named by a hash of the project's sources, Loom's public headers, the
// flags and the build of Loom's libraries — so a second run with nothing changed starts at once.
// Headers included from outside the project folder are recorded with their content hashes next
// to the library, and a change to one rebuilds it. Compiler errors come back as the compiler's
// own "file:line:col: error: ..." lines.
//
// Project::load() builds and dlopen()s the library and finds its LOOM_CHAIN entry point. The
// library stays loaded for the Project's life: destroy every operator it created first.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <loom/project.hpp>
#include <loom/result.hpp>

namespace loom::runtime {

struct ProjectBuildOptions {
    std::string compiler;  // empty: $CXX, else "c++"
    bool use_cache = true;
    // With GCC, compile with a precompiled <loom/loom.hpp> when one has been built (see
    // build_project_pch()); LOOM_PCH=0 turns it off.
    bool use_pch = true;
};

struct ProjectBuild {
    std::filesystem::path library;
    bool cached = false;
    double seconds = 0.0;
    std::string command;
};

Result<ProjectBuild> build_project(const std::filesystem::path& dir, const ProjectBuildOptions& options = {});

// The compiler flags a project is built with (include paths of this Loom build included).
std::string project_compile_flags();

// Precompiles <loom/loom.hpp> for project builds with these options (GCC only; with another
// compiler, or LOOM_PCH=0, it does nothing). Takes about 2 s and 65 MB under
// cache_dir()/pch/<key>/, keyed by the compiler, its version, the flags and Loom's headers; it
// brings a small chain.cpp from about 1.0 s to 0.4 s on a 2-core machine. Live sessions build
// it on their worker thread at start. Safe to call from any thread and from several processes.
Result<void> build_project_pch(const ProjectBuildOptions& options = {});

class Project {
public:
    static Result<std::unique_ptr<Project>> load(const std::filesystem::path& dir,
                                                 const ProjectBuildOptions& options = {});
    // dlopen()s a library build_project() made (on any thread) for `dir`. Two builds of one
    // project may be loaded at once (a hot reload loads the new one before the old one goes).
    static Result<std::unique_ptr<Project>> open(const std::filesystem::path& dir, const ProjectBuild& build);
    ~Project();
    Project(const Project&) = delete;
    Project& operator=(const Project&) = delete;

    const ProjectEntry& entry() const { return *entry_; }
    const std::filesystem::path& dir() const { return dir_; }
    const ProjectBuild& build() const { return build_; }

    // Calls setup(), turning an exception or a crash (a signal, see crash_guard.hpp) into an
    // error naming the project's chain.cpp and the function.
    Result<void> setup(Context& ctx) const;

private:
    Project() = default;
    std::filesystem::path dir_;
    ProjectBuild build_;
    void* handle_ = nullptr;
    const ProjectEntry* entry_ = nullptr;
};

}  // namespace loom::runtime
