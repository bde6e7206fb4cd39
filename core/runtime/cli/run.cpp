// `loom run`: compile the project, render frames (in a window, or offscreen), snapshot, print stats.
// Headless: --frames frames at a fixed timestep, as fast as the device goes. In a window: the wall
// clock, until the window closes (Esc/Q), --frames, or SIGINT/SIGTERM; F fullscreen, V vsync.
// With --watch either is a live session: the project is reloaded on every save (headless frames
// are then paced at --fps), stdin lines are commands, and it runs until stopped.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <thread>

#include <spdlog/spdlog.h>

#include "core/runtime/cli/cli.hpp"
#include "core/runtime/cli/live.hpp"
#include "core/runtime/cli/session.hpp"
#include "core/runtime/window.hpp"
#ifdef LOOM_WITH_EDITOR
#include "addons/editor/editor.hpp"
#endif

namespace loom::cli {

namespace {

// Writes the snapshot of the frame just rendered; returns the exit status it calls for.
int write_snapshot(runtime::Engine& engine, const RunOptions& o, std::uint64_t frame) {
    const Operator* op = o.snapshot_op.empty() ? nullptr : engine.chain().find(o.snapshot_op);
    if (!o.snapshot_op.empty() && !op) {
        std::fprintf(stderr, "loom: --snapshot-op '%s' is not an operator of this chain\n", o.snapshot_op.c_str());
        return kExitUsage;
    }
    auto px = op ? engine.read(*op) : engine.read_output();
    auto w = px ? io::write_png(o.snapshot, *px) : Result<void>(px.error());
    if (!w) {
        std::fprintf(stderr, "loom: snapshot: %s\n", w.message().c_str());
        return kExitRender;
    }
    spdlog::info("snapshot of frame {} written to {}", frame, o.snapshot);
    return kExitOk;
}

// The frame loop of `run`, headless (window == null) or in a window. `after_frame` (when set)
// runs after every frame; false ends the loop.
int run_loop(const RunOptions& o, runtime::Window* window, FrameHook after_frame) {
    using clock = std::chrono::steady_clock;
    int code = kExitOk;
    SessionOptions so = o.session;
    if (window) {
        so.fixed_step = false;
        so.instance_extensions = window->instance_extensions();
        so.make_surface = [window](VkInstance instance) { return window->create_surface(instance); };
    }
    auto session = open_session_or_report(so, code);
    if (!session) return code;
    auto& engine = session->engine();
    if (!o.snapshot_op.empty() && !engine.chain().find(o.snapshot_op)) {
        std::string names;
        for (const auto& op : engine.chain().operators()) names += (names.empty() ? "" : ", ") + op->name();
        std::fprintf(stderr, "loom: --snapshot-op '%s' is not an operator of %s (its operators: %s). Fix: use one of "
                             "those names.\n", o.snapshot_op.c_str(), o.session.project.c_str(), names.c_str());
        return kExitUsage;
    }
    if (const Operator* op = o.snapshot_op.empty() ? nullptr : engine.chain().find(o.snapshot_op); op && op->is_value()) {
        std::fprintf(stderr, "loom: --snapshot-op '%s' is a value operator (%s), which has no image. Fix: name an "
                             "operator with an image, such as one it drives.\n", o.snapshot_op.c_str(), op->type_name());
        return kExitUsage;
    }
    // The operator to snapshot is rendered every frame even where the output does not need it.
    if (!o.snapshot_op.empty()) engine.set_viewed(o.snapshot_op);
    if (!o.snapshot.empty()) {  // a snapshot that cannot be written is found before rendering, not after
        namespace fs = std::filesystem;
        std::error_code ec;
        const fs::path dir = fs::path(o.snapshot).has_parent_path() ? fs::path(o.snapshot).parent_path() : fs::path(".");
        fs::create_directories(dir, ec);
        std::error_code ignored;  // (is_directory reports a missing file as an error: not one here)
        const char* why = ec ? nullptr : fs::is_directory(o.snapshot, ignored) ? "it is a folder"
                          : ::access(dir.c_str(), W_OK) != 0                   ? std::strerror(errno)
                                                                               : nullptr;
        if (ec || why) {
            std::fprintf(stderr, "loom: cannot write --snapshot %s: %s. Fix: give a .png path in a folder you can "
                                 "write to.\n", o.snapshot.c_str(), ec ? ec.message().c_str() : why);
            return kExitRender;
        }
    }
    std::unique_ptr<runtime::Display> display;
    if (window) {
        auto d = runtime::Display::create(engine.device(), window->framebuffer(), o.vsync);
        if (!d) {
            std::fprintf(stderr, "loom: %s\n", d.message().c_str());
            return kExitDevice;
        }
        display = std::move(*d);
        engine.set_presenter(display.get());
    }
#ifdef LOOM_WITH_EDITOR
    // The editor overlay (Tab), made with the window so params.json applies from the start;
    // drawn through the display while shown.
    std::unique_ptr<editor::Editor> editor;
    bool editor_shown = false;
    if (window && display->swapchain().attachment()) {
        auto e = editor::Editor::create(engine, window->handle(), o.session.project, display->swapchain().format());
        if (e)
            editor = std::move(*e);
        else
            spdlog::error("editor: {}", e.message());
    }
    auto show_editor = [&](bool show) {
        editor_shown = show && editor;
        if (display) display->set_overlay(editor_shown ? editor.get() : nullptr);
        if (window) window->set_keys_captured(false);
    };
#endif
    if (window) {
        spdlog::info("window: {}x{} showing {}x{} ({}, {} swapchain images); Tab editor, Esc/Q quit, F fullscreen, V vsync",
                     display->swapchain().extent().width, display->swapchain().extent().height, o.session.size.width,
                     o.session.size.height, o.vsync ? "vsync" : "no vsync", display->swapchain().image_count());
    }
    install_stop_handlers();
    std::unique_ptr<LiveReloader> live;
    if (o.watch) {
        auto l = LiveReloader::start(*session, o.session.project, true, window);
        if (!l) {
            std::fprintf(stderr, "loom: %s\n", l.message().c_str());
            return kExitUsage;
        }
        live = std::move(*l);
    }
#ifdef LOOM_WITH_EDITOR
    if (window) {
        if (o.editor) show_editor(true);
        if (live) {
            live->on_reload = [&] {
                if (editor) editor->apply_params();
            };
            live->on_error = [&](const std::string& message) {
                if (editor) editor->report_error(message);
            };
            live->on_command_line = [&](const std::string& line) {
                if (!editor || line.rfind("select ", 0) != 0) return false;
                editor->select(line.substr(7));
                std::printf("selected %s\n", line.substr(7).c_str());
                return true;
            };
        }
    }
#endif
    // Headless without --watch: --frames (default 120). Otherwise until stopped, or --frames.
    const bool limited = o.frames_given || (!o.watch && !window);
    const std::uint64_t snap = o.snapshot_frame.value_or(o.frames - 1);
    bool snapshot_done = false;
    int status = kExitOk;
    std::string first_error;
    const auto period = std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(1.0 / o.session.fps));
    auto next_frame = clock::now();
    std::uint64_t f = 0;
    for (; !limited || f < o.frames; ++f) {
        if (stop_requested()) break;
        if (window) {
            window->poll();
            const auto keys = window->take_keys();
            if (keys.quit || window->close_requested()) break;
            if (keys.toggle_fullscreen) window->toggle_fullscreen();
#ifdef LOOM_WITH_EDITOR
            if (keys.toggle_editor) show_editor(!editor_shown);
#endif
            if (keys.toggle_vsync) {
                display->set_vsync(!display->vsync());
                spdlog::info("vsync {}", display->vsync() ? "on" : "off");
            }
            const Extent fb = window->framebuffer();
            if (fb.width == 0 || fb.height == 0) {  // minimised: render nothing, keep watching
                if (live) live->apply();
                window->poll(0.1);
                --f;
                continue;
            }
            display->set_framebuffer(fb);
            if (!display->error().empty()) {
                status = kExitDevice;
                break;
            }
        }
        if (live) live->apply();
#ifdef LOOM_WITH_EDITOR
        if (editor_shown) {
            editor->build();
            window->set_keys_captured(editor->wants_keyboard());
        }
#endif
        auto r = session->frame();
        if (live) live->after_frame();
        if (session->update_crashed()) {
            std::fprintf(stderr, "loom: project %s crashed: %s\n", o.session.project.c_str(), r.message().c_str());
            if (!live) {
                ++f;
                status = kExitProject;
                break;
            }
            std::printf("%s; the chain runs without update() until the next save\n", r.message().c_str());
            std::fflush(stdout);
        } else if (!r) {
            if (!engine.runtime().plan() && !live) {
                std::fprintf(stderr, "loom: %s\n", r.message().c_str());
                status = kExitProject;
                ++f;
                break;
            }
            if (first_error.empty()) first_error = r.message();
        }
        if (!live && engine.runtime().crashes() > 0) {
            std::fprintf(stderr, "loom: project %s crashed: %s\n", o.session.project.c_str(),
                         engine.runtime().last_crash().c_str());
            status = kExitProject;
            ++f;
            break;
        }
        if (!o.snapshot.empty() && limited && f == snap) {  // else: at the end
            status = std::max(status, write_snapshot(engine, o, f));
            snapshot_done = true;
        }
        if (after_frame && !after_frame(engine)) {
            ++f;
            break;
        }
        if (live && !window) {  // a live session runs in real time, leaving the CPU to the compiler
            next_frame += period;
            const auto now = clock::now();
            if (next_frame < now - period) next_frame = now;  // fell behind: do not try to catch up
            std::this_thread::sleep_until(next_frame);
        }
    }
    // Stopped early (a signal, `quit`), or a live session: the snapshot is of the last frame.
    if (!o.snapshot.empty() && !snapshot_done && f > 0 && status != kExitProject)
        status = std::max(status, write_snapshot(engine, o, f - 1));
    engine.wait_idle();
    if (const auto* plan = engine.runtime().plan())
        for (const auto& step : plan->steps)
            if (step.op->failed()) {
                std::fprintf(stderr, "loom: operator '%s' (%s) failed: %s\n", step.op->name().c_str(),
                             step.op->type_name(), step.op->error().c_str());
                if (status == kExitOk) status = kExitRender;
            }
    // A frame error (update() threw, a chain that stopped compiling) fails a plain run; a live
    // session reports each as it happens and goes on.
    if (!first_error.empty() && !live && status == kExitOk) {
        std::fprintf(stderr, "loom: a frame failed: %s\n", first_error.c_str());
        status = kExitRender;
    }
    if (stop_requested()) spdlog::info("stopped after {} frames", f);
    // No stats line for a chain that never compiled: no frame was rendered to measure.
    if (engine.runtime().plan()) print_stats_line(engine, o.session.size);
    if (engine.device().validation_enabled() && engine.device().validation().count() > 0 && status == kExitOk)
        status = kExitRender;
    engine.set_presenter(nullptr);
#ifdef LOOM_WITH_EDITOR
    if (display) display->set_overlay(nullptr);
#endif
    return status;
}

}  // namespace

int run_headless(const RunOptions& o) { return run_loop(o, nullptr, {}); }

int run_window(const RunOptions& o, FrameHook after_frame) {
    const Extent size = o.window.width ? o.window : o.session.size;
    auto window = runtime::Window::open(size, "loom — " + o.session.project);
    if (!window && o.require_window) {
        std::fprintf(stderr, "loom: --window needs a display: %s. Fix: run under xvfb-run -a, or drop --window.\n",
                     window.message().c_str());
        return kExitUsage;
    }
    if (!window) {
        spdlog::info("{}; rendering headless", window.message());
        return run_loop(o, nullptr, after_frame);
    }
    return run_loop(o, window->get(), after_frame);
}

}  // namespace loom::cli
