#include "core/runtime/project_host.hpp"

#include <dlfcn.h>
#include <unistd.h>
#include <elf.h>
#include <link.h>
#include <sys/wait.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <chrono>
#include <cstdio>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/base/crash_guard.hpp"
#include "core/base/hash.hpp"
#include "core/base/paths.hpp"

namespace loom::runtime {

namespace fs = std::filesystem;

namespace {

// Runs a command, capturing stdout and stderr together. Returns the exit status.
int run_capture(const std::string& command, std::string& output) {
    std::FILE* p = ::popen((command + " 2>&1").c_str(), "r");
    if (!p) return -1;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) output.append(buf, n);
    const int status = ::pclose(p);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool is_source(const fs::path& p) {
    const auto e = p.extension().string();
    return e == ".cpp" || e == ".hpp" || e == ".h" || e == ".cc" || e == ".inl";
}

// Loom's public headers change what a project compiles to; hash them once per process.
std::uint64_t loom_headers_hash() {
    static const std::uint64_t h = [] {
        Hasher hasher;
        // Root by root in a fixed order, each root's files by their path inside it: the key is the
        // same wherever the source and build folders are (a build folder elsewhere once sorted
        // its header before the others and changed the key).
        for (const fs::path& dir : {source_dir() / "core" / "include", source_dir() / "effects" / "include",
                                   source_dir() / "addons" / "render3d" / "include", build_dir() / "include"}) {
            std::vector<std::string> files;
            std::error_code ec;
            for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
                 it.increment(ec))
                if (it->is_regular_file() && is_source(it->path()))
                    files.push_back(it->path().lexically_relative(dir).generic_string());
            std::sort(files.begin(), files.end());
            for (const auto& f : files) {
                hasher.str(fs::path(f).filename().generic_string());
                if (auto text = read_file(dir / f)) hasher.str(*text);
            }
        }
        return hasher.value();
    }();
    return h;
}

// The GNU build IDs of the loaded Loom libraries: a project compiled against one build of Loom
// must not be reused by another (an internal header or an ABI may have changed). Build IDs
// survive copying and stripping, so a compiled project still travels with its cache.
std::uint64_t loom_build_id() {
    static const std::uint64_t id = [] {
        Hasher h;
        dl_iterate_phdr(
            [](dl_phdr_info* info, size_t, void* data) {
                const std::string name = info->dlpi_name ? info->dlpi_name : "";
                if (name.find("libloom_core.so") == std::string::npos &&
                    name.find("libloom_effects.so") == std::string::npos &&
                    name.find("libloom_render3d.so") == std::string::npos)
                    return 0;
                for (int i = 0; i < info->dlpi_phnum; ++i) {
                    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
                    if (ph.p_type != PT_NOTE) continue;
                    const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
                    const char* end = p + ph.p_memsz;
                    while (p + sizeof(ElfW(Nhdr)) <= end) {
                        const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(p);
                        const char* desc = p + sizeof(ElfW(Nhdr)) + ((note->n_namesz + 3) & ~3u);
                        if (note->n_type == NT_GNU_BUILD_ID) static_cast<Hasher*>(data)->bytes(desc, note->n_descsz);
                        p = desc + ((note->n_descsz + 3) & ~3u);
                    }
                }
                return 0;
            },
            &h);
        return h.value();
    }();
    return id;
}

// Dependencies from a make-style .d file: everything after "target:", with "\\ " for spaces.
std::vector<fs::path> parse_deps(const std::string& text) {
    std::vector<fs::path> deps;
    std::string word;
    bool past_target = false;
    auto flush = [&] {
        if (word.empty()) return;
        if (!past_target) {
            if (word.back() == ':') past_target = true;
        } else if (word != ":") {
            deps.emplace_back(word);
        }
        word.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' && i + 1 < text.size() && (text[i + 1] == '\n' || text[i + 1] == ' ')) {
            if (text[i + 1] == ' ') word += ' ';
            ++i;
            if (text[i] == '\n') flush();
        } else if (c == ' ' || c == '\n' || c == '\t') {
            flush();
        } else {
            word += c;
        }
    }
    flush();
    return deps;
}

bool is_under(const fs::path& p, const fs::path& dir) {
    auto rel = p.lexically_normal().lexically_relative(dir.lexically_normal());
    return !rel.empty() && *rel.begin() != "..";
}

// Headers a project includes from outside its folder (and outside Loom) are not in the cache
// key; their content hashes go into a file next to the library and are checked on every hit.
bool sidecar_still_valid(const fs::path& sidecar) {
    auto text = read_file(sidecar);
    if (!text) return true;  // nothing outside the project was included
    std::size_t pos = 0;
    while (pos < text->size()) {
        std::size_t end = text->find('\n', pos);
        if (end == std::string::npos) end = text->size();
        const std::string line = text->substr(pos, end - pos);
        pos = end + 1;
        const auto tab = line.find('\t');
        if (tab == std::string::npos) continue;
        auto content = read_file(line.substr(tab + 1));
        if (!content || hex64(hash_string(*content)) != line.substr(0, tab)) return false;
    }
    return true;
}

void write_sidecar(const fs::path& sidecar, const fs::path& deps_file, const fs::path& project) {
    std::error_code ec;
    fs::remove(sidecar, ec);
    auto text = read_file(deps_file);
    fs::remove(deps_file, ec);
    if (!text) return;
    std::string out;
    for (const auto& d : parse_deps(*text)) {
        const fs::path p = fs::weakly_canonical(fs::absolute(d, ec), ec);
        if (is_under(p, project) || is_under(p, source_dir()) || is_under(p, build_dir())) continue;
        // The system's and the compiler's headers (GLM, the standard library) change with the
        // compiler, not with the project; listing them would make a cached project rebuild on a
        // machine without them, where there is no compiler either (README: copying the cache).
        if (is_under(p, "/usr/include") || is_under(p, "/usr/lib")) continue;
        if (auto content = read_file(p)) out += hex64(hash_string(*content)) + "\t" + p.string() + "\n";
    }
    if (!out.empty()) write_file_atomic(sidecar, out.data(), out.size());
}

// Keeps the diagnostics a person needs: error lines first, with their context, at most 60 lines.
std::string tidy_compiler_output(const std::string& out) {
    std::string result;
    int lines = 0;
    std::size_t pos = 0;
    while (pos < out.size() && lines < 60) {
        std::size_t end = out.find('\n', pos);
        if (end == std::string::npos) end = out.size();
        result += out.substr(pos, end - pos) + "\n";
        ++lines;
        pos = end + 1;
    }
    if (pos < out.size()) result += "(more diagnostics cut)\n";
    while (!result.empty() && result.back() == '\n') result.pop_back();
    return result;
}

}  // namespace

namespace {
// The flags without include paths: part of the cache key, which must not depend on where Loom
// is installed (a compiled project can then travel with the cache to a machine with no compiler).
constexpr const char* kProjectFlags = "-std=c++20 -shared -fPIC -O1 -g0 -fvisibility=hidden -Wall";
}  // namespace

namespace {

std::string resolve_compiler(const ProjectBuildOptions& options) {
    std::string compiler = options.compiler;
    if (compiler.empty()) compiler = env("CXX");
    if (compiler.empty()) compiler = "c++";
    return compiler;
}

bool pch_enabled(const ProjectBuildOptions& options) { return options.use_pch && env("LOOM_PCH") != "0"; }

// GCC's identity (its predefined __VERSION__), or "" for any other compiler: only GCC's .gch
// files are used (clang refuses them), and they must be rebuilt for another GCC.
std::string gcc_identity(const std::string& compiler) {
    static std::mutex mutex;
    static std::map<std::string, std::string> known;
    std::lock_guard lock(mutex);
    if (auto it = known.find(compiler); it != known.end()) return it->second;
    std::string out;
    const int status = run_capture(compiler + " -dM -E -x c++ /dev/null", out);
    std::string id;
    if (status == 0 && out.find("__clang__") == std::string::npos) {
        const auto at = out.find("#define __VERSION__ ");
        if (at != std::string::npos) id = out.substr(at, out.find('\n', at) - at);
    }
    known[compiler] = id;
    return id;
}

struct PchPaths {
    fs::path dir, header, gch;
};

// Where the precompiled header for `compiler` with `flags` lives; empty when none applies.
std::optional<PchPaths> pch_paths(const std::string& compiler, const std::string& flags) {
    const std::string id = gcc_identity(compiler);
    if (id.empty()) return std::nullopt;
    Hasher h;
    h.str(compiler).str(id).str(flags).u64(loom_headers_hash());
    PchPaths p;
    p.dir = cache_dir() / "pch" / hex64(h.value());
    p.header = p.dir / "loom-pch.hpp";
    p.gch = p.dir / "loom-pch.hpp.gch";
    return p;
}

// The one-line header the project compile force-includes; the .gch next to it replaces it when
// present. Always included with GCC, so a project means the same with or without the .gch.
bool ensure_pch_header(const PchPaths& p) {
    std::error_code ec;
    if (fs::is_regular_file(p.header, ec)) return true;
    fs::create_directories(p.dir, ec);
    static constexpr char kText[] = "// Precompiled for Loom projects.\n#include <loom/loom.hpp>\n";
    return write_file_atomic(p.header, kText, sizeof kText - 1);
}

}  // namespace

Result<void> build_project_pch(const ProjectBuildOptions& options) {
    if (!pch_enabled(options)) return {};
    const std::string compiler = resolve_compiler(options);
    const std::string flags = project_compile_flags();
    auto p = pch_paths(compiler, flags);
    std::error_code ec;
    if (!p || fs::is_regular_file(p->gch, ec)) return {};
    if (!ensure_pch_header(*p)) return make_error("cannot write " + p->header.string());
    const fs::path tmp = p->dir / ("loom-pch.hpp.gch.tmp" + std::to_string(::getpid()));
    std::string out;
    const int status = run_capture(compiler + " " + flags + " -x c++-header " + shell_quote(p->header.string()) +
                                       " -o " + shell_quote(tmp.string()),
                                   out);
    if (status != 0) {
        fs::remove(tmp, ec);
        return make_error("precompiling <loom/loom.hpp> failed (projects still build without it):\n" + out);
    }
    fs::rename(tmp, p->gch, ec);
    if (ec) fs::remove(tmp, ec);
    // Precompiled headers of other Loom builds or compilers are 65 MB each: drop the ones not
    // touched for a day.
    const auto now = fs::file_time_type::clock::now();
    for (auto it = fs::directory_iterator(p->dir.parent_path(), ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        std::error_code e2;
        if (it->path() != p->dir && now - fs::last_write_time(it->path(), e2) > std::chrono::hours(24))
            fs::remove_all(it->path(), e2);
    }
    return {};
}

std::string project_compile_flags() {
    // The source root too, so a project's own operators can include the engine's internal
    // headers ("core/graph/record_context.hpp"); loom/loom.hpp itself never does.
    return std::string(kProjectFlags) + " -I" + shell_quote((source_dir() / "core" / "include").string()) + " -I" +
           shell_quote(source_dir().string()) + " -I" +
           shell_quote((source_dir() / "effects" / "include").string()) + " -I" +
           shell_quote((source_dir() / "addons" / "render3d" / "include").string()) + " -I" +
           shell_quote((build_dir() / "include").string());
}

Result<ProjectBuild> build_project(const fs::path& dir_in, const ProjectBuildOptions& options) {
    std::error_code ec;
    const fs::path dir = fs::weakly_canonical(fs::absolute(dir_in), ec);
    const fs::path source = dir / "chain.cpp";
    if (!fs::is_directory(dir, ec))
        return make_error("project folder " + dir_in.string() + " does not exist. Fix: pass a folder with chain.cpp, "
                          "e.g. examples/hello-noise.");
    if (!fs::is_regular_file(source, ec))
        return make_error("project folder " + dir.string() + " has no chain.cpp. Fix: create chain.cpp with setup() "
                          "and LOOM_CHAIN(setup, update).");

    const std::string compiler = resolve_compiler(options);
    const std::string flags = project_compile_flags();
    std::optional<PchPaths> pch;
    if (pch_enabled(options)) pch = pch_paths(compiler, flags);
    if (pch && !ensure_pch_header(*pch)) pch.reset();

    Hasher h;
    h.u64(kProjectAbi).str(kProjectFlags).u64(loom_headers_hash()).u64(loom_build_id());
    // Not keyed on the precompiled header: force-including <loom/loom.hpp> means what the
    // project's own first include means, and a compiled project must stay usable on a machine
    // with no compiler (see README).
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
        if (it->is_regular_file() && is_source(it->path())) files.push_back(it->path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        h.str(fs::relative(f, dir).generic_string());
        if (auto text = read_file(f)) h.str(*text);
    }
    const std::string name = dir.filename().string() + "-" + hex64(h.value());
    const fs::path out_dir = cache_dir() / "projects";
    fs::create_directories(out_dir, ec);
    ProjectBuild b;
    b.library = out_dir / (name + ".so");
    const fs::path sidecar = out_dir / (name + ".deps");
    if (options.use_cache && fs::is_regular_file(b.library, ec) && sidecar_still_valid(sidecar)) {
        b.cached = true;
        return b;
    }
    // Per-process names, so two processes building the same project never share a file.
    const std::string pid = std::to_string(::getpid());
    const fs::path tmp = out_dir / (name + ".so.tmp" + pid);
    const fs::path deps = out_dir / (name + ".d.tmp" + pid);
    const std::string pch_flags =
        pch ? " -include " + shell_quote(pch->header.string()) + " -Winvalid-pch" : std::string();
    b.command = compiler + " " + flags + pch_flags + " -MMD -MF " + shell_quote(deps.string()) + " " +
                shell_quote(source.string()) + " -o " + shell_quote(tmp.string());
    const auto t0 = std::chrono::steady_clock::now();
    std::string output;
    int status = run_capture(b.command, output);
    if (pch && (output.find("Winvalid-pch") != std::string::npos ||
                (status != 0 && output.find("internal compiler error") != std::string::npos))) {
        // A precompiled header GCC cannot use (or one that made it crash): drop it, build again.
        fs::remove(pch->gch, ec);
        if (status != 0) {
            output.clear();
            status = run_capture(b.command, output);
        }
    }
    b.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (status != 0) {
        fs::remove(tmp, ec);
        fs::remove(deps, ec);
        if (status == 127)  // the shell could not find the compiler
            return make_error("cannot run the C++ compiler '" + compiler + "': " + output +
                              "Fix: install g++ (apt-get install g++) or set CXX.");
        return make_error("chain.cpp did not compile:\n" + tidy_compiler_output(output));
    }
    write_sidecar(sidecar, deps, dir);
    fs::rename(tmp, b.library, ec);
    if (ec) return make_error("cannot move the compiled project to " + b.library.string() + ": " + ec.message());
    return b;
}

Result<std::unique_ptr<Project>> Project::load(const fs::path& dir, const ProjectBuildOptions& options) {
    auto built = build_project(dir, options);
    if (!built) return built.error();
    return open(dir, *built);
}

Result<std::unique_ptr<Project>> Project::open(const fs::path& dir, const ProjectBuild& build) {
    const ProjectBuild* built = &build;
    std::unique_ptr<Project> p(new Project());
    p->dir_ = dir;
    p->build_ = *built;
    p->handle_ = ::dlopen(built->library.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!p->handle_)
        return make_error("cannot load the compiled project " + built->library.string() + ": " + ::dlerror() +
                          ". Fix: delete that file to rebuild it.");
    using EntryFn = const ProjectEntry* (*)();
    auto fn = reinterpret_cast<EntryFn>(::dlsym(p->handle_, "loom_project_entry"));
    if (!fn)
        return make_error("chain.cpp in " + dir.string() +
                          " does not export an entry point. Fix: end it with LOOM_CHAIN(setup, update).");
    p->entry_ = fn();
    if (!p->entry_ || p->entry_->abi != kProjectAbi)
        return make_error("chain.cpp in " + dir.string() + " was built for another Loom version. Fix: delete " +
                          built->library.string() + " and run again.");
    if (!p->entry_->setup)
        return make_error("chain.cpp in " + dir.string() + " has no setup function. Fix: LOOM_CHAIN(setup, update).");
    return p;
}

Project::~Project() {
    if (handle_) ::dlclose(handle_);
}

Result<void> Project::setup(Context& ctx) const {
    ctx.set_project_dir(dir_);
    try {
        if (int sig = run_guarded([&] { entry_->setup(ctx); }); sig != 0)
            return make_error("setup() in " + (dir_ / "chain.cpp").string() + " crashed: " + signal_description(sig));
    } catch (...) {
        return make_error("setup() in " + (dir_ / "chain.cpp").string() + " failed: " + describe_current_exception());
    }
    return {};
}

}  // namespace loom::runtime
