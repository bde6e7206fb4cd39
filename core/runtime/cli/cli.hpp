// core/runtime/cli/cli.hpp — the `loom` program's subcommands.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/base/function_ref.hpp"
#include "core/runtime/cli/session.hpp"
#include "core/runtime/leak_watch.hpp"
#include "core/runtime/offline_render.hpp"

namespace loom::cli {

struct RunOptions {
    SessionOptions session;
    std::uint64_t frames = 120;
    bool frames_given = false;
    bool watch = false;                           // live session: reload on save
    bool vsync = true;                            // in a window
    Extent window{0, 0};                          // window size; 0x0: the render size (--size)
    bool editor = false;                          // open the editor overlay at start
    std::string snapshot;                         // PNG path, empty for none
    std::optional<std::uint64_t> snapshot_frame;  // default: the last frame
    bool require_window = false;                  // no display is an error, not a headless run
    std::string snapshot_op;                      // operator to snapshot; default: the output
};

struct WatchOptions {
    SessionOptions session;
    double seconds = 60.0;
    double interval = 1.0;      // seconds between samples
    double warmup = 5.0;        // seconds before samples count
    double print_every = 10.0;  // seconds between progress lines
    std::uint64_t swap_churn = 0;    // rebuild the chain every N frames (0: off)
    std::uint64_t resize_churn = 0;  // change the canvas size every N frames (0: off)
    runtime::WatchThresholds thresholds;
    std::string csv;
    std::string chart;
    bool window = false;  // watch the window mode (real-time clock, display, swapchain)
    bool editor = false;  // ... with the editor overlay open
    Extent window_size{0, 0};
};

struct RenderOptions {
    SessionOptions session;
    std::uint64_t first = 0, last = 0;
    std::string out;    // "DIR/%05d.png", or a folder
    std::string video;  // out.mp4 through ffmpeg
    runtime::Preroll preroll = runtime::Preroll::Auto;
};

struct FixtureOptions {
    std::string dir;    // testing-fixtures/
    std::string only;   // run only this fixture
    std::string out;    // where actual/diff images, CSVs and charts go
    double watch_seconds = -1;  // override every fixture's watch length
    bool bless = false;
    std::string gpu = "auto";
    bool validate = true;
};

struct OperatorsOptions {
    std::string type;        // one operator, or "" for all
    bool json = false;       // machine-readable
    bool markdown = false;   // docs/OPERATORS.md
    std::string thumbnails;  // render each example into this folder
    Extent size{192, 108};   // the thumbnails' size
    std::string gpu = "auto";
};

// Called after every frame of `run`'s loop; false ends it.
using FrameHook = FunctionRef<bool(runtime::Engine&)>;
int run_headless(const RunOptions& options);
// In a window when there is a display (else says so and runs headless).
int run_window(const RunOptions& options, FrameHook after_frame = {});
int run_watch(const WatchOptions& options);
int run_render(const RenderOptions& options);
int run_fixtures(const FixtureOptions& options);
int print_info(const std::string& gpu);
// `loom operators`: every operator with its inputs and parameters (text, JSON or Markdown), or
// the examples rendered as thumbnails.
int list_operators(const OperatorsOptions& options);
// `loom new`: writes <folder>/chain.cpp from a template (blank, noise, feedback).
int new_project(const std::string& folder, const std::string& tmpl);

// Exit codes.
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;
inline constexpr int kExitProject = 2;   // chain.cpp does not compile or setup() failed
inline constexpr int kExitDevice = 3;    // no usable Vulkan device
inline constexpr int kExitRender = 4;    // an operator failed, a snapshot/frame could not be written
inline constexpr int kExitLeak = 5;      // the watch found growth
inline constexpr int kExitFixture = 6;   // a fixture failed
inline constexpr int kExitInterrupted = 130;  // a render stopped by SIGINT/SIGTERM before its last frame

// Frames (or churn rebuilds) that reported an error during a watch.
struct WatchErrors {
    std::uint64_t count = 0;
    std::string first;
};

// Runs the watch loop on an open session (shared by `watch` and `fixtures`). Prints progress
// lines; returns the analysis and counts errors into `errors`.
std::vector<runtime::SeriesResult> watch_session(Session& session, const WatchOptions& options,
                                                 runtime::LeakWatch& watch, const char* tag, WatchErrors& errors);

}  // namespace loom::cli
