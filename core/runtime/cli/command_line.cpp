// core/runtime/cli/command_line.cpp — reading `loom`'s command line into an Invocation.
#include "core/runtime/cli/command_line.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>
#include <spdlog/fmt/fmt.h>

namespace loom::cli {

namespace {

// Digits only (no sign, no space, no fraction), without overflow; nullopt otherwise.
std::optional<std::uint64_t> read_whole(std::string_view text) {
    if (text.empty() || text.size() > 19) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + std::uint64_t(c - '0');
    }
    return v;
}

}  // namespace

Result<Extent> parse_size(const std::string& text, const std::string& flag) {
    const auto x = text.find_first_of("xX");
    const auto w = x == std::string::npos ? std::nullopt : read_whole(std::string_view(text).substr(0, x));
    const auto h = x == std::string::npos ? std::nullopt : read_whole(std::string_view(text).substr(x + 1));
    if (!w || !h)
        return make_error(flag + " '" + text + "' is not WIDTHxHEIGHT in whole pixels. Fix: write it like 1280x720.");
    if (*w == 0 || *h == 0)
        return make_error(flag + " " + text + ": both sides must be at least 1 pixel. Fix: e.g. " + flag + " 1280x720.");
    if (*w > kMaxSizeArgument || *h > kMaxSizeArgument)
        return make_error(flag + " " + text + " is beyond what any GPU renders (at most " +
                          std::to_string(kMaxSizeArgument) + " pixels per side; `loom info` shows this device's " +
                          "limit). Fix: e.g. " + flag + " 3840x2160.");
    return Extent{static_cast<std::uint32_t>(*w), static_cast<std::uint32_t>(*h)};
}

Result<std::pair<std::uint64_t, std::uint64_t>> parse_range(const std::string& text) {
    const auto dash = text.find('-');
    const auto a = read_whole(std::string_view(text).substr(0, dash));
    const auto b = dash == std::string::npos ? a : read_whole(std::string_view(text).substr(dash + 1));
    if (!a || !b)
        return make_error("--frames '" + text + "' is not a range FIRST-LAST of frame numbers (whole numbers from 0). " +
                          "Fix: e.g. --frames 0-299, or --frames 42 for one frame.");
    if (*b < *a)
        return make_error("--frames " + text + ": the first frame (" + std::to_string(*a) + ") is after the last (" +
                          std::to_string(*b) + "). Fix: e.g. --frames " + std::to_string(*b) + "-" +
                          std::to_string(*a) + ".");
    if (*b > kMaxFrameArgument)
        return make_error("--frames " + text + " goes beyond frame " + std::to_string(kMaxFrameArgument) +
                          " (over 190 days at 60 fps), the most Loom renders in one go. Fix: a smaller range.");
    return std::pair<std::uint64_t, std::uint64_t>{*a, *b};
}

Result<std::uint64_t> parse_whole(const std::string& text, std::uint64_t min, std::uint64_t max) {
    const auto v = read_whole(text);
    if (v && *v >= min && *v <= max) return *v;
    if (v && *v > max) return make_error("must be at most " + std::to_string(max) + " (got '" + text + "')");
    std::string allowed = max >= kMaxFrameArgument ? (min == 0 ? std::string("a whole number, 0 or more")
                                                                : "a whole number of at least " + std::to_string(min))
                                                   : "a whole number from " + std::to_string(min) + " to " +
                                                         std::to_string(max);
    return make_error("must be " + allowed + " (got '" + text + "')");
}

Result<double> parse_number(const std::string& text, double min, double max, bool above_min) {
    double v = 0;
    std::size_t used = 0;
    bool ok = !text.empty() && !std::isspace(static_cast<unsigned char>(text[0]));
    if (ok) {
        try {
            v = std::stod(text, &used);
        } catch (const std::exception&) {
            ok = false;
        }
    }
    ok = ok && used == text.size() && std::isfinite(v) && (above_min ? v > min : v >= min) && v <= max;
    if (ok) return v;
    char range[96];
    std::snprintf(range, sizeof range, "a number %s %g and at most %g", above_min ? "above" : "of at least", min, max);
    return make_error("must be " + std::string(range) + " (got '" + text + "')");
}

namespace {

namespace fs = std::filesystem;

// CLI11 validators on the option's text, before conversion: readable messages, no wrap-around.
CLI::Validator whole(std::uint64_t min, std::uint64_t max = kMaxFrameArgument) {
    return CLI::Validator(
        [=](std::string& text) {
            auto r = parse_whole(text, min, max);
            return r ? std::string() : r.message();
        },
        "", "");
}
CLI::Validator number(double min, double max, bool above_min) {
    return CLI::Validator(
        [=](std::string& text) {
            auto r = parse_number(text, min, max, above_min);
            return r ? std::string() : r.message();
        },
        "", "");
}

// Options every project-running subcommand has.
void add_session_options(CLI::App* cmd, SessionOptions& s, std::string& size) {
    cmd->add_option("project", s.project, "Project folder (with chain.cpp), or its chain.cpp")->required();
    cmd->add_option("--size", size, "Canvas size, WIDTHxHEIGHT");
    cmd->add_option("--fps", s.fps, "Frames per second of the fixed timestep")->check(number(0.0, 1000.0, true));
    cmd->add_option("--gpu", s.gpu, "auto, software, or a device index (see `loom info`)");
    cmd->add_flag("--validate", s.validate, "Enable the Khronos validation layer");
    cmd->add_option("--host-budget-mb", s.host_budget_mb, "Host-visible memory budget in MiB (0: 512)")
        ->check(whole(0, 1u << 20));
}

// --size, and the project given as its chain.cpp (the folder is meant).
Result<void> finish_session_options(const std::string& size, SessionOptions& s) {
    auto r = parse_size(size);
    if (!r) return r.error();
    s.size = *r;
    if (s.project.empty())
        return make_error("the project is an empty name. Fix: give the project folder, e.g. loom run examples/hello-noise.");
    std::error_code ec;
    const fs::path p(s.project);
    // PROJECT/chain.cpp means PROJECT, whether it exists or not (the error then names the folder).
    if (p.filename() == "chain.cpp" && !fs::is_directory(p, ec)) {
        s.project = p.has_parent_path() ? p.parent_path().string() : ".";
        return {};
    }
    if (fs::is_regular_file(p, ec)) {
        const std::string folder = p.has_parent_path() ? p.parent_path().string() : ".";
        if (p.filename() != "chain.cpp")
            return make_error("'" + s.project + "' is a file; a project is the folder that holds chain.cpp. Fix: give " +
                              (fs::exists(fs::path(folder) / "chain.cpp", ec) ? "the folder, e.g. " + folder
                                                                               : std::string("a folder with chain.cpp")) +
                              " (loom new FOLDER makes one).");
        s.project = folder;
    }
    return {};
}

// A snapshot is written as PNG: a name that says otherwise (or no name) is a mistake.
Result<void> check_png_name(const std::string& name, const std::string& flag) {
    std::string ext = fs::path(name).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name.empty()) return make_error(flag + " needs a file name, e.g. " + flag + " out.png");
    if (ext != ".png")
        return make_error(flag + " '" + name + "': Loom writes PNG files. Fix: use a name ending in .png.");
    return {};
}

int usage_error(const std::string& message) {
    std::fprintf(stderr, "loom: %s\n", message.c_str());
    return kExitUsage;
}

}  // namespace
std::variant<Invocation, int> parse_command_line(int argc, const char* const* argv) {
    CLI::App app{"Loom: a node-based real-time visual effects engine"};
    app.require_subcommand(1);
    app.option_defaults()->always_capture_default();
    app.set_version_flag("--version", std::string("loom ") + LOOM_VERSION);

    Invocation inv;
    RunOptions& run = inv.run;
    std::string run_size = "1280x720";
    std::uint64_t snapshot_frame = 0;
    bool headless = false;
    auto* run_cmd = app.add_subcommand("run", "Run a project (in a window when there is a display)");
    add_session_options(run_cmd, run.session, run_size);
    run_cmd->add_flag("--headless", headless, "Render offscreen with a fixed timestep (no window)");
    std::string window_size;
    auto* window_opt =
        run_cmd->add_option("--window", window_size, "Window size WIDTHxHEIGHT (default: --size; the output is letterboxed)");
    auto* editor_opt = run_cmd->add_flag("--editor", run.editor, "Open the editor overlay at start (Tab toggles it)");
    bool no_vsync = false;
    auto* vsync_opt = run_cmd->add_flag("--no-vsync", no_vsync, "In a window: present as fast as frames come (V toggles)");
    auto* frames_opt = run_cmd->add_option("--frames", run.frames, "Frames to render (headless default 120; in a window "
                                                                   "or with --watch: until stopped)")
                           ->check(whole(1));
    run_cmd->add_flag("--watch", run.watch, "Live coding: reload chain.cpp and shaders on save, keep the last good chain");
    auto* snap_opt = run_cmd->add_option("--snapshot", run.snapshot, "Write the output of one frame to this PNG");
    auto* sf = run_cmd->add_option("--snapshot-frame", snapshot_frame, "Frame to snapshot (0-based)")
                   ->check(whole(0))
                   ->default_str("the last");
    auto* sop = run_cmd->add_option("--snapshot-op", run.snapshot_op, "Operator whose image to snapshot (default: the output)");

    WatchOptions& watch = inv.watch;
    std::string watch_size = "1280x720";
    auto* watch_cmd = app.add_subcommand("watch", "Run a project and fail when memory or objects grow");
    add_session_options(watch_cmd, watch.session, watch_size);
    const auto seconds = number(0.0, 1.0e7, true);
    watch_cmd->add_option("--seconds", watch.seconds, "How long to watch")->check(seconds);
    watch_cmd->add_option("--interval", watch.interval, "Seconds between samples")->check(seconds);
    watch_cmd->add_option("--warmup", watch.warmup, "Seconds before samples count")->check(number(0.0, 1.0e7, false));
    watch_cmd->add_option("--print-every", watch.print_every, "Seconds between progress lines")->check(seconds);
    auto* swap_opt = watch_cmd->add_option("--swap-churn", watch.swap_churn, "Rebuild the whole chain every N frames (0: off)")
                         ->check(whole(0));
    auto* resize_opt = watch_cmd->add_option("--resize-churn", watch.resize_churn, "Change the output size every N frames (0: off)")
                           ->check(whole(0));
    const auto slope = number(0.0, 1.0e12, false);
    watch_cmd->add_option("--max-rss-kb-per-min", watch.thresholds.rss_kb_per_min, "RSS slope allowed")->check(slope);
    watch_cmd->add_option("--max-heap-kb-per-min", watch.thresholds.heap_kb_per_min, "Heap slope allowed")->check(slope);
    watch_cmd->add_option("--max-gpu-kb-per-min", watch.thresholds.gpu_kb_per_min, "GPU bytes slope allowed")->check(slope);
    watch_cmd->add_option("--max-objects-per-min", watch.thresholds.objects_per_min, "Object count slope allowed")->check(slope);
    watch_cmd->add_option("--csv", watch.csv, "Write every sample to this CSV file");
    watch_cmd->add_option("--chart", watch.chart, "Draw the series to this PNG");
    watch_cmd->add_flag("--window", watch.window, "Watch the window mode: display, swapchain, real-time clock (needs a display)");
    watch_cmd->add_flag("--editor", watch.editor, "With --window: the editor overlay open");

    RenderOptions& render = inv.render;
    std::string render_size = "1280x720", range = "0-59", preroll = "auto";
    auto* render_cmd = app.add_subcommand("render", "Render a frame range offline, deterministically");
    add_session_options(render_cmd, render.session, render_size);
    render_cmd->add_option("--frames", range, "Inclusive range FIRST-LAST (frame N is at time N/fps)");
    render_cmd->add_option("--out", render.out, "Numbered PNGs: DIR/%05d.png, or a folder");
    render_cmd->add_option("--video", render.video, "Also encode an MP4 through ffmpeg");
    render_cmd->add_option("--preroll", preroll, "Render the frames before the range first: auto (when the chain "
                                                  "reads previous frames: Feedback, history(), FrameCache, "
                                                  "TimeMachine, Echo, a smoothed or toggled value), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));

    FixtureOptions& fixtures = inv.fixtures;
    fixtures.out = "out/fixtures";
    auto* fixtures_cmd = app.add_subcommand("fixtures", "Run the testing fixtures (golden image, watch, clean exit)");
    fixtures_cmd->add_option("--dir", fixtures.dir, "Fixtures folder (default: testing-fixtures/)");
    fixtures_cmd->add_option("--only", fixtures.only, "Run only this fixture");
    fixtures_cmd->add_option("--out", fixtures.out, "Where actual/diff images, CSVs and charts go");
    fixtures_cmd->add_option("--watch-seconds", fixtures.watch_seconds, "Override every fixture's watch length")
        ->check(seconds);
    fixtures_cmd->add_flag("--bless", fixtures.bless, "Write each fixture's snapshot as its new reference.png");
    fixtures_cmd->add_option("--gpu", fixtures.gpu, "auto, software, or a device index");

    inv.new_template = "noise";
    auto* new_cmd = app.add_subcommand("new", "Create a project folder with a chain.cpp that runs at once");
    new_cmd->add_option("folder", inv.new_folder, "The project folder to create")->required();
    new_cmd->add_option("--template", inv.new_template, "blank, noise or feedback")
        ->check(CLI::IsMember({"blank", "noise", "feedback"}));

    inv.info_gpu = "auto";
    auto* info_cmd = app.add_subcommand("info", "List Vulkan devices, memory and limits");
    info_cmd->add_option("--gpu", inv.info_gpu, "Device to describe in detail");

    OperatorsOptions& ops = inv.operators;
    std::string thumb_size;
    auto* ops_cmd = app.add_subcommand("operators", "List every operator with its inputs and parameters");
    ops_cmd->add_option("type", ops.type, "Show only this operator (e.g. Blur)");
    auto* json_opt = ops_cmd->add_flag("--json", ops.json, "Print JSON");
    auto* md_opt = ops_cmd->add_flag("--markdown", ops.markdown, "Print docs/OPERATORS.md");
    auto* thumbs_opt = ops_cmd->add_option("--thumbnails", ops.thumbnails,
                                           "Render each operator's example chain into this folder as NAME.png");
    auto* thumb_size_opt = ops_cmd->add_option("--size", thumb_size, "The thumbnails' size (default 192x108)");
    ops_cmd->add_option("--gpu", ops.gpu, "auto, software, or a device index (for --thumbnails)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        if (app.get_subcommands().empty())
            return usage_error(argc < 2 || argv[1][0] == '-'
                                   ? "give a command: run, watch, render, fixtures, new, info or operators. Fix: e.g. "
                                          "loom run examples/hello-noise (loom --help describes each)."
                                   : "'" + std::string(argv[1]) + "' is not a command. The commands are run, watch, "
                                     "render, fixtures, new, info and operators (loom --help describes each).");
        const std::string cmd = app.get_subcommands().front()->get_name();
        return usage_error(std::string(e.what()) + " (loom " + cmd + " --help lists its options and defaults)");
    }

    if (*run_cmd) {
        if (auto r = finish_session_options(run_size, run.session); !r) return usage_error(r.message());
        run.frames_given = frames_opt->count() > 0;
        run.vsync = !no_vsync;
        if (headless)
            for (auto* o : {window_opt, editor_opt, vsync_opt})
                if (o->count() > 0)
                    return usage_error(o->get_name() + " is for a window, and --headless renders without one. " +
                                       "Fix: drop one of them.");
        if (snap_opt->count() > 0) {
            if (auto r = check_png_name(run.snapshot, "--snapshot"); !r) return usage_error(r.message());
        }
        if (sop->count() > 0 && run.snapshot.empty())
            return usage_error("--snapshot-op names what to snapshot, but no --snapshot FILE was given. Fix: add "
                               "--snapshot out.png.");
        if (sf->count() > 0 && run.snapshot.empty())
            return usage_error("--snapshot-frame says when to snapshot, but no --snapshot FILE was given. Fix: add "
                               "--snapshot out.png.");
        if (!window_size.empty()) {
            auto w = parse_size(window_size, "--window");
            if (!w) return usage_error(w.message());
            run.window = *w;
        }
        if (*sf) {
            if (snapshot_frame >= run.frames) {
                std::fprintf(stderr, "loom: --snapshot-frame %llu is not one of the %llu frames rendered (0..%llu). "
                                     "Fix: render more frames or pick an earlier one.\n",
                             static_cast<unsigned long long>(snapshot_frame),
                             static_cast<unsigned long long>(run.frames),
                             static_cast<unsigned long long>(run.frames - 1));
                return kExitUsage;
            }
            run.snapshot_frame = snapshot_frame;
        }
        inv.command = headless ? Command::RunHeadless : Command::Run;
        return inv;
    }
    if (*watch_cmd) {
        if (auto r = finish_session_options(watch_size, watch.session); !r) return usage_error(r.message());
        if (watch.warmup >= watch.seconds)
            return usage_error(fmt::format("--warmup {:g} s is not shorter than --seconds {:g} s: no sample would "
                                           "count. Fix: watch longer or shorten the warm-up.",
                                           watch.warmup, watch.seconds));
        if (watch.editor && !watch.window)
            return usage_error("--editor watches the editor overlay, which needs --window. Fix: add --window.");
        if (watch.window && (swap_opt->count() > 0 || resize_opt->count() > 0))
            return usage_error("--swap-churn and --resize-churn run headless; with --window, resize the window "
                               "instead. Fix: drop --window or the churn.");
        inv.command = Command::Watch;
        return inv;
    }
    if (*render_cmd) {
        if (auto r = finish_session_options(render_size, render.session); !r) return usage_error(r.message());
        auto r = parse_range(range);
        if (!r) return usage_error(r.message());
        render.first = r->first;
        render.last = r->second;
        render.preroll = preroll == "always"  ? loom::runtime::Preroll::Always
                         : preroll == "never" ? loom::runtime::Preroll::Never
                                              : loom::runtime::Preroll::Auto;
        inv.command = Command::Render;
        return inv;
    }
    if (*fixtures_cmd) inv.command = Command::Fixtures;
    if (*info_cmd) inv.command = Command::Info;
    if (*ops_cmd) {
        if (json_opt->count() + md_opt->count() + thumbs_opt->count() > 1)
            return usage_error("--json, --markdown and --thumbnails each choose what loom operators writes. Fix: "
                               "give one of them.");
        if (thumb_size_opt->count() > 0) {
            if (thumbs_opt->count() == 0)
                return usage_error("--size is the thumbnails' size, but no --thumbnails FOLDER was given. Fix: add "
                                   "--thumbnails docs/operators.");
            auto size = parse_size(thumb_size);
            if (!size) return usage_error(size.message());
            ops.size = *size;
        }
        if (thumbs_opt->count() > 0 && ops.thumbnails.empty())
            return usage_error("--thumbnails needs a folder. Fix: e.g. --thumbnails docs/operators.");
        inv.command = Command::Operators;
    }
    if (*new_cmd) {
        if (inv.new_folder.empty())
            return usage_error("loom new needs a folder name. Fix: e.g. loom new my-project.");
        inv.command = Command::New;
    }
    return inv;
}

}  // namespace loom::cli
