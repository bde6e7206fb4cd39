#include "core/runtime/cli/live.hpp"

#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <sstream>

#include <spdlog/spdlog.h>

#include "core/base/paths.hpp"
#include "core/runtime/leak_watch.hpp"

namespace loom::cli {

namespace fs = std::filesystem;

namespace {
volatile std::sig_atomic_t g_stop = 0;

void on_stop_signal(int sig) {
    if (g_stop) {  // the second one: the user means it
        std::signal(sig, SIG_DFL);
        std::raise(sig);
    }
    g_stop = 1;
}

// A path as a person reads it: relative to the project or to Loom's source tree when inside.
std::string display_path(const fs::path& p, const fs::path& project) {
    std::error_code ec;
    for (const fs::path& base : {project, fs::weakly_canonical(source_dir(), ec)}) {
        auto rel = p.lexically_relative(base);
        if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
    }
    return p.string();
}
}  // namespace

void install_stop_handlers() {
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
}
bool stop_requested() { return g_stop != 0; }
void request_stop() { g_stop = 1; }

Result<std::unique_ptr<LiveReloader>> LiveReloader::start(Session& session, const std::string& project,
                                                          bool read_commands, runtime::Window* window) {
    std::unique_ptr<LiveReloader> l(new LiveReloader(session, project));
    l->window_ = window;
    runtime::ProjectWatcherConfig cfg;
    cfg.project = project;
    cfg.shader_dirs.push_back(shader_dir());
    cfg.read_commands = read_commands;
    auto w = runtime::ProjectWatcher::start(cfg);
    if (!w) return w.error();
    l->watcher_ = std::move(*w);
    l->events_.reserve(16);
    std::printf("watching %s (its C++, GLSL, pictures and 3D models, and Loom's shaders/: %zu folders); save to reload\n", project.c_str(),
                l->watcher_->folders());
    std::fflush(stdout);
    return l;
}

void LiveReloader::kept(const char* what, const std::string& why) {
    ++failures_;
    // The cause on the same line (its first line: the first compiler error, say), so a script
    // reading stdout alone knows why; the whole message went to stderr.
    std::string first = why.substr(0, why.find('\n'));
    if (first.rfind("chain.cpp did not compile:", 0) == 0 && why.find('\n') != std::string::npos) {
        // The compiler's first "error:" line says more than the heading.
        const auto at = why.find("error:");
        if (at != std::string::npos) {
            const auto begin = why.rfind('\n', at) + 1;
            first = why.substr(begin, why.find('\n', at) - begin);
        }
    }
    std::printf("%s: %s\n", what, first.c_str());
    std::fflush(stdout);
}

void LiveReloader::apply() {
    if (!watcher_->poll(events_)) return;
    for (auto& e : events_) {
        switch (e.kind) {
            case runtime::WatchEvent::Kind::ChainBuilt: on_chain_built(e); break;
            case runtime::WatchEvent::Kind::ChainFailed:
                if (on_error) on_error(e.text);
                std::fprintf(stderr, "%s\n", e.text.c_str());
                std::fflush(stderr);
                kept("kept the running chain", e.text);
                break;
            case runtime::WatchEvent::Kind::ShadersChanged: on_shaders(e); break;
            case runtime::WatchEvent::Kind::FilesChanged: on_files(e); break;
            case runtime::WatchEvent::Kind::Command: on_command(e.text); break;
        }
    }
}

void LiveReloader::on_chain_built(runtime::WatchEvent& e) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    auto next = runtime::Project::open(project_, e.build);
    if (!next) {
        if (on_error) on_error(next.message());
        std::fprintf(stderr, "loom: %s\n", next.message().c_str());
        return kept("kept the running chain", next.message());
    }
    auto r = session_.reload(std::move(*next));
    if (!r) {
        if (on_error) on_error(r.message());
        std::fprintf(stderr, "loom: %s\n", r.message().c_str());
        return kept("kept the running chain", r.message());
    }
    ++reloads_;
    if (on_reload) on_reload();
    std::string names;
    for (const auto& f : e.files) names += (names.empty() ? "" : ", ") + f.filename().string();
    std::ostringstream os;
    os << "operators: " << r->kept << " kept their state, " << r->added << " new, " << r->removed << " retired";
    report_names_ = names;
    report_ = os.str();
    report_since_ = e.changed_at;
    report_compile_s_ = e.build.seconds;
    report_swap_ms_ = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
    report_pending_ = true;
}

void LiveReloader::after_frame() {
    if (!report_pending_) return;
    report_pending_ = false;
    const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - report_since_).count();
    std::printf("reloaded %s in %.2f s (compile %.2f s, swap %.0f ms); %s\n", report_names_.c_str(), total,
                report_compile_s_, report_swap_ms_, report_.c_str());
    std::fflush(stdout);
}

void LiveReloader::on_shaders(const runtime::WatchEvent& e) {
    using clock = std::chrono::steady_clock;
    auto& engine = session_.engine();
    std::error_code ec;
    const fs::path project = fs::weakly_canonical(fs::absolute(project_), ec);
    for (const auto& file : e.files) {
        const auto t0 = clock::now();
        const std::string name = display_path(file, project);
        const std::size_t before = engine.device().counters().pipelines_compiled;
        auto errors = engine.programs().reload_file(fs::weakly_canonical(file, ec).string());
        const std::size_t rebuilt = engine.device().counters().pipelines_compiled - before;
        // Operators whose create() failed (a shader that did not compile) get another chance.
        const std::size_t still_failing = engine.runtime().retry_failed();
        const double s = std::chrono::duration<double>(clock::now() - e.changed_at).count();
        const double own = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
        if (!errors.empty()) {
            if (on_error) on_error(errors.front());
            for (const auto& msg : errors) std::fprintf(stderr, "%s\n", msg.c_str());
            std::fflush(stderr);
            kept(("kept the last good pipeline for " + name).c_str(), errors.front());
            continue;
        }
        if (rebuilt == 0 && still_failing == 0) continue;  // no program uses it (yet)
        std::printf("reloaded %s in %.2f s (%zu pipelines rebuilt in %.0f ms)%s\n", name.c_str(), s, rebuilt, own,
                    still_failing ? "; some operators still fail" : "");
        std::fflush(stdout);
    }
}

void LiveReloader::on_files(const runtime::WatchEvent& e) {
    auto r = session_.engine().files_changed(e.files);
    for (const auto& msg : r.errors) {
        if (on_error) on_error(msg);
        std::fprintf(stderr, "loom: %s\n", msg.c_str());
        std::fflush(stderr);
        kept("kept the last good file", msg);
    }
    if (r.reloaded == 0) return;  // no operator reads these files
    std::error_code ec;
    const fs::path project = fs::weakly_canonical(fs::absolute(project_), ec);
    std::string names;
    for (const auto& f : r.files) names += (names.empty() ? "" : ", ") + display_path(f, project);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - e.changed_at).count();
    std::printf("reloaded %s in %.2f s (%zu operator%s)\n", names.c_str(), s, r.reloaded, r.reloaded == 1 ? "" : "s");
    std::fflush(stdout);
}

void LiveReloader::on_command(const std::string& line) {
    std::istringstream in(line);
    std::string cmd, file, op_name;
    in >> cmd >> file >> op_name;
    auto& engine = session_.engine();
    if (cmd == "quit") {
        request_stop();
    } else if (cmd == "resize" && window_) {
        const unsigned w = static_cast<unsigned>(std::atoi(file.c_str())), h = static_cast<unsigned>(std::atoi(op_name.c_str()));
        if (w == 0 || h == 0) {
            std::printf("resize failed: give the width and height in pixels, e.g. resize 800 600\n");
        } else {
            window_->resize({w, h});
            std::printf("resized the window to %ux%u\n", w, h);
        }
    } else if (cmd == "stats") {
        // The leak watch's figures, with the GPU idle (so retired objects of finished frames are
        // counted as gone only once their frame slot came round).
        engine.wait_idle();
        const auto s = runtime::sample(engine, 0.0);
        std::printf("stats frames %llu objects %.0f gpu_kb %.0f heap_kb %.0f rss_kb %.0f descriptor_sets %.0f "
                    "reloads %llu swapchains_created %llu\n",
                    static_cast<unsigned long long>(engine.frames_rendered()), s.objects, s.gpu_kb, s.heap_kb,
                    s.rss_kb, s.descriptor_sets, static_cast<unsigned long long>(reloads_),
                    static_cast<unsigned long long>(
                        engine.device().counters().created[static_cast<std::size_t>(gpu::ObjectKind::Swapchain)]));
    } else if (cmd == "snapshot" && !file.empty()) {
        const Operator* op = op_name.empty() ? nullptr : engine.chain().find(op_name);
        if (!op_name.empty() && !op) {
            std::printf("snapshot failed: no operator named '%s'\n", op_name.c_str());
        } else {
            auto px = op ? engine.read(*op) : engine.read_output();
            auto w = px ? io::write_png(file, *px) : Result<void>(px.error());
            if (w)
                std::printf("snapshot written %s (frame %llu)\n", file.c_str(),
                            static_cast<unsigned long long>(engine.frames_rendered()));
            else
                std::printf("snapshot failed: %s\n", w.message().c_str());
        }
    } else if (on_command_line && on_command_line(line)) {
    } else {
        std::printf("unknown command '%s' (commands: snapshot FILE [OPERATOR], stats, resize W H and select "
                    "OPERATOR (in a window), quit)\n",
                    line.c_str());
    }
    std::fflush(stdout);
}

}  // namespace loom::cli
