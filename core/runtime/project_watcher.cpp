#include "core/runtime/project_watcher.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include <spdlog/spdlog.h>

#include "core/base/hash.hpp"
#include "core/base/paths.hpp"

#include "core/shader/shader_compiler.hpp"

namespace loom::runtime {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_ONLYDIR;

bool is_cpp(const fs::path& p) {
    const auto e = p.extension().string();
    return e == ".cpp" || e == ".hpp" || e == ".h" || e == ".cc" || e == ".inl";
}

bool is_glsl(const fs::path& p) {
    const auto e = p.extension().string();
    return e == ".glsl" || e == ".comp" || e == ".vert" || e == ".frag" || e == ".geom" || e == ".tesc" ||
           e == ".tese";
}

// Editors' swap and backup files, and folders no project source lives in.
bool ignored(const std::string& name) {
    return name.empty() || name[0] == '.' || name.back() == '~' || name[0] == '#' || name == "build" ||
           name == "out" || name == "recordings" || name == "snapshots";
}

}  // namespace

Result<std::unique_ptr<ProjectWatcher>> ProjectWatcher::start(const ProjectWatcherConfig& config) {
    std::unique_ptr<ProjectWatcher> w(new ProjectWatcher());
    w->config_ = config;
    std::error_code ec;
    w->config_.project = fs::weakly_canonical(fs::absolute(config.project), ec);
    w->inotify_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->inotify_ < 0)
        return make_error(std::string("cannot watch files (inotify_init1: ") + std::strerror(errno) +
                          "). Fix: raise fs.inotify.max_user_instances.");
    w->wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (w->wake_ < 0) return make_error(std::string("eventfd: ") + std::strerror(errno));
    w->add_tree(w->config_.project, true);
    if (w->watches_.empty())
        return make_error("cannot watch the project folder " + w->config_.project.string() +
                          ". Fix: check that it exists and raise fs.inotify.max_user_watches if needed.");
    for (const auto& dir : config.shader_dirs) w->add_tree(fs::weakly_canonical(fs::absolute(dir), ec), true);
    w->thread_ = std::thread([p = w.get()] { p->run(); });
    return w;
}

ProjectWatcher::~ProjectWatcher() {
    if (thread_.joinable()) {
        const std::uint64_t one = 1;
        ssize_t ignored = ::write(wake_, &one, sizeof one);
        (void)ignored;
        thread_.join();
    }
    if (inotify_ >= 0) ::close(inotify_);
    if (wake_ >= 0) ::close(wake_);
}

void ProjectWatcher::add_tree(const fs::path& dir, bool at_start) {
    const int wd = ::inotify_add_watch(inotify_, dir.c_str(), kMask);
    if (wd < 0) return;
    watches_.emplace_back(wd, dir);
    ++folders_;
    std::error_code ec;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        if (it->is_directory(ec) && !ignored(it->path().filename().string()))
            add_tree(it->path(), at_start);
        else if (at_start && (is_cpp(it->path()) || is_glsl(it->path())))
            content_changed(it->path());  // what the running chain was built from
    }
}

bool ProjectWatcher::content_changed(const fs::path& file) {
    const auto text = read_file(file);
    // A file that is gone or unreadable counts as a change: the build reports what is wrong.
    const std::uint64_t h = text ? Hasher().str(*text).value() : 0;
    auto [it, inserted] = content_.try_emplace(file, h);
    if (inserted) return true;
    const bool changed = it->second != h || h == 0;
    it->second = h;
    return changed;
}

void ProjectWatcher::post(WatchEvent event) {
    std::lock_guard lock(mutex_);
    pending_.push_back(std::move(event));
    has_pending_.store(true, std::memory_order_release);
}

bool ProjectWatcher::poll(std::vector<WatchEvent>& out) {
    out.clear();
    if (!has_pending_.load(std::memory_order_acquire)) return false;
    std::lock_guard lock(mutex_);
    out.swap(pending_);
    has_pending_.store(false, std::memory_order_release);
    return !out.empty();
}

void ProjectWatcher::run() {
    using clock = std::chrono::steady_clock;
    bool stdin_open = config_.read_commands;
    std::string line_buf;
    std::set<fs::path> cpp_changed, glsl_changed, other_changed;
    clock::time_point first_change{};
    alignas(inotify_event) char buf[16 * 1024];
    // Every later compile of chain.cpp is about twice as fast with <loom/loom.hpp> precompiled.
    compiling_.store(true, std::memory_order_relaxed);
    if (auto r = build_project_pch(config_.build); !r) spdlog::warn("{}", r.message());
    compiling_.store(false, std::memory_order_relaxed);
    for (;;) {
        const bool gathering = !cpp_changed.empty() || !glsl_changed.empty() || !other_changed.empty();
        pollfd fds[3] = {{wake_, POLLIN, 0}, {inotify_, POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
        const int n = ::poll(fds, stdin_open ? 3 : 2, gathering ? config_.quiet_ms : -1);
        if (n < 0 && errno != EINTR) return;
        if (fds[0].revents) return;
        if (n > 0 && (fds[1].revents & POLLIN)) {
            for (;;) {
                const ssize_t len = ::read(inotify_, buf, sizeof buf);
                if (len <= 0) break;
                for (char* p = buf; p < buf + len;) {
                    const auto* ev = reinterpret_cast<const inotify_event*>(p);
                    p += sizeof(inotify_event) + ev->len;
                    const std::string name = ev->len ? ev->name : "";
                    if (ignored(name)) continue;
                    fs::path dir;
                    for (const auto& [wd, d] : watches_)
                        if (wd == ev->wd) dir = d;
                    if (dir.empty()) continue;
                    const fs::path path = dir / name;
                    if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
                        add_tree(path);
                        continue;
                    }
                    if (ev->mask & IN_ISDIR) continue;
                    // A change under the project folder that is C++ rebuilds the chain; GLSL
                    // anywhere watched reloads the programs that use it.
                    const bool in_project = path.string().rfind(config_.project.string() + "/", 0) == 0;
                    // Any other file of the project (a picture, a mesh, a font) goes to the
                    // operators that read it.
                    if (!in_project && !is_glsl(path)) continue;
                    if (cpp_changed.empty() && glsl_changed.empty() && other_changed.empty()) first_change = clock::now();
                    if (in_project && is_cpp(path))
                        cpp_changed.insert(path);
                    else if (is_glsl(path))
                        glsl_changed.insert(path);
                    else
                        other_changed.insert(path);
                }
            }
        }
        if (stdin_open && n > 0 && (fds[2].revents & (POLLIN | POLLHUP | POLLERR))) {
            char in[512];
            const ssize_t len = ::read(STDIN_FILENO, in, sizeof in);
            if (len <= 0) {
                stdin_open = false;  // end of input: keep running, stop reading
            } else {
                line_buf.append(in, static_cast<std::size_t>(len));
                for (std::size_t nl; (nl = line_buf.find('\n')) != std::string::npos;) {
                    std::string line = line_buf.substr(0, nl);
                    line_buf.erase(0, nl + 1);
                    if (!line.empty() && line.back() == '\r') line.pop_back();
                    if (line.empty()) continue;
                    WatchEvent e;
                    e.kind = WatchEvent::Kind::Command;
                    e.text = std::move(line);
                    e.changed_at = clock::now();
                    post(std::move(e));
                }
            }
        }
        if (n != 0 || !gathering) continue;  // files still changing, or nothing gathered yet
        // Quiet: the save is complete. Files saved with the bytes they had are not a change.
        for (auto* set : {&cpp_changed, &glsl_changed, &other_changed})
            for (auto it = set->begin(); it != set->end();) {
                if (content_changed(*it)) {
                    ++it;
                    continue;
                }
                spdlog::info("{} saved without changes; nothing to reload", it->filename().string());
                it = set->erase(it);
            }
        if (!glsl_changed.empty()) {
            // Compile changed shaders here first: the SPIR-V lands in the disk cache, so the frame
            // thread's reload only preprocesses and builds the pipeline. (An included .glsl file is
            // compiled there, with the shaders that include it.)
            if (!shaders_) {
                std::vector<fs::path> roots = config_.shader_dirs;
                roots.push_back(config_.project);
                shaders_ = std::make_unique<shader::ShaderCompiler>(roots);
            }
            for (const auto& f : glsl_changed)
                if (shader::stage_from_path(f).ok())
                    for (const auto& root : shaders_->roots())
                        if (auto rel = f.lexically_relative(root); !rel.empty() && *rel.begin() != "..") {
                            (void)shaders_->compile_file(rel.generic_string());
                            break;
                        }
            WatchEvent e;
            e.kind = WatchEvent::Kind::ShadersChanged;
            e.files.assign(glsl_changed.begin(), glsl_changed.end());
            e.changed_at = first_change;
            post(std::move(e));
            glsl_changed.clear();
        }
        if (!other_changed.empty()) {
            WatchEvent e;
            e.kind = WatchEvent::Kind::FilesChanged;
            e.files.assign(other_changed.begin(), other_changed.end());
            e.changed_at = first_change;
            post(std::move(e));
            other_changed.clear();
        }
        if (!cpp_changed.empty()) {
            WatchEvent e;
            e.files.assign(cpp_changed.begin(), cpp_changed.end());
            e.changed_at = first_change;
            cpp_changed.clear();
            compiling_.store(true, std::memory_order_relaxed);
            auto built = build_project(config_.project, config_.build);
            compiling_.store(false, std::memory_order_relaxed);
            if (built) {
                e.kind = WatchEvent::Kind::ChainBuilt;
                e.build = std::move(*built);
            } else {
                e.kind = WatchEvent::Kind::ChainFailed;
                e.text = built.message();
            }
            post(std::move(e));
        }
    }
}

}  // namespace loom::runtime
