// `loom fixtures`: every testing fixture — golden image, a short leak watch, clean shutdown.
//
// A fixture is a folder with chain.cpp, fixture.json and reference.png. For each one: render
// `frames` frames at `size` with the validation layer on, compare frame `snapshot_frame` with
// reference.png (per-channel tolerance and a failing-pixel fraction; actual and diff images are
// written on failure) and shut down; then run the watch for `watch.seconds` in a second session
// and shut down again. Each shutdown requires no Vulkan object left alive, and the validation
// layer to have said nothing. A fixture with `expect_growth` passes only if the watch reports
// those series as growing.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "core/base/paths.hpp"
#include "core/runtime/cli/cli.hpp"

namespace loom::cli {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

struct Fixture {
    std::string name;
    fs::path dir;
    std::uint64_t frames = 60;
    Extent size{320, 180};
    double fps = 60.0;
    std::uint64_t snapshot_frame = 59;
    float tolerance = 5.0f / 255.0f;
    double max_failing_fraction = 0.001;
    WatchOptions watch;
    std::vector<std::string> expect_growth;
};

Result<Fixture> load_fixture(const fs::path& dir) {
    Fixture f;
    f.name = dir.filename().string();
    f.dir = dir;
    const fs::path file = dir / "fixture.json";
    auto text = read_file(file);
    if (!text) return make_error(file.string() + " is missing. Fix: every fixture folder needs fixture.json.");
    try {
        const json j = json::parse(*text);
        f.frames = j.value("frames", f.frames);
        if (j.contains("size")) f.size = {j["size"].at(0).get<std::uint32_t>(), j["size"].at(1).get<std::uint32_t>()};
        f.fps = j.value("fps", f.fps);
        f.snapshot_frame = j.value("snapshot_frame", f.frames - 1);
        f.tolerance = j.value("tolerance", 5.0f) / 255.0f;
        f.max_failing_fraction = j.value("max_failing_percent", 0.1) / 100.0;
        if (j.contains("watch")) {
            const json& w = j["watch"];
            f.watch.seconds = w.value("seconds", 20.0);
            f.watch.warmup = w.value("warmup", 5.0);
            f.watch.interval = w.value("interval", 0.5);
            f.watch.print_every = w.value("print_every", 10.0);
            f.watch.swap_churn = w.value("swap_churn", std::uint64_t(0));
            f.watch.resize_churn = w.value("resize_churn", std::uint64_t(0));
            if (w.contains("thresholds")) {
                const json& t = w["thresholds"];
                auto& th = f.watch.thresholds;
                th.rss_kb_per_min = t.value("rss_kb_per_min", th.rss_kb_per_min);
                th.heap_kb_per_min = t.value("heap_kb_per_min", th.heap_kb_per_min);
                th.gpu_kb_per_min = t.value("gpu_kb_per_min", th.gpu_kb_per_min);
                th.objects_per_min = t.value("objects_per_min", th.objects_per_min);
            }
        } else {
            f.watch.seconds = 0;
        }
        if (j.contains("expect_growth")) f.expect_growth = j["expect_growth"].get<std::vector<std::string>>();
    } catch (const json::exception& e) {
        return make_error(file.string() + ": " + e.what() + ". Fix: see testing-fixtures/README.md for the fields.");
    }
    if (f.snapshot_frame >= f.frames)
        return make_error(file.string() + ": snapshot_frame " + std::to_string(f.snapshot_frame) +
                          " is not below frames " + std::to_string(f.frames) + ".");
    return f;
}

// Destroys a session and checks the shutdown: nothing left alive, the validation layer silent.
void close_session(std::unique_ptr<Session>& session, std::vector<std::string>& failures) {
    auto log = session->engine().device().validation_log();
    session.reset();
    if (log->count() > 0)
        failures.push_back(std::to_string(log->count()) + " validation message(s), e.g. " + log->recent().front());
    if (log->live_objects_at_destroy() != 0)
        failures.push_back(std::to_string(log->live_objects_at_destroy()) +
                           " Vulkan objects were still alive when the device was destroyed");
}

// Returns the failures of one fixture (empty: it passed).
std::vector<std::string> run_fixture(const Fixture& fx, const FixtureOptions& o) {
    std::vector<std::string> failures;
    std::printf("== %s\n", fx.name.c_str());
    std::fflush(stdout);
    SessionOptions so;
    so.project = fx.dir.string();
    so.size = fx.size;
    so.fps = fx.fps;
    so.gpu = o.gpu;
    so.validate = o.validate;

    // 1. Frames and the golden image, with the validation layer on.
    {
        int code = kExitOk;
        auto session = Session::open(so, code);
        if (!session) return {session.message()};
        auto& engine = (*session)->engine();
        io::Pixels snapshot;
        for (std::uint64_t f = 0; f < fx.frames; ++f) {
            auto r = (*session)->frame();
            if (!r) failures.push_back("frame " + std::to_string(f) + ": " + r.message());
            if (f == fx.snapshot_frame) {
                auto px = engine.read_output();
                if (!px)
                    failures.push_back(px.message());
                else
                    snapshot = std::move(*px);
            }
        }
        if (!snapshot.empty()) {
            const fs::path ref = fx.dir / "reference.png";
            if (o.bless) {
                if (auto w = io::write_png(ref, snapshot); !w) failures.push_back(w.message());
                std::printf("   blessed %s\n", ref.c_str());
            } else if (auto g = io::check_golden(snapshot, ref, fx.tolerance, fx.max_failing_fraction, o.out,
                                                 fx.name);
                       !g) {
                failures.push_back(g.message() + ". Fix: if the new image is intended, bless it (loom fixtures --only " +
                                   fx.name + " --bless).");
            } else {
                const auto& c = g->compare;
                std::printf("   golden: %llu of %llu pixels over %.0f/255 (max diff %.0f/255)\n",
                            static_cast<unsigned long long>(c.failing_pixels),
                            static_cast<unsigned long long>(c.total_pixels), fx.tolerance * 255.0f,
                            c.max_channel_diff * 255.0f);
                if (!g->passed)
                    failures.push_back("golden image differs in " + std::to_string(c.failing_pixels) +
                                       " pixels; actual " + g->actual_file.string() + ", diff " +
                                       g->diff_file.string());
            }
        }
        close_session(*session, failures);
    }

    // 2. The watch, in a session of its own without the validation layer: the layer's own
    // bookkeeping grows with object churn and is not what is being measured.
    WatchOptions w = fx.watch;
    w.session = so;
    w.session.validate = false;
    if (o.watch_seconds >= 0) w.seconds = o.watch_seconds;
    if (w.seconds > 0) {
        int code = kExitOk;
        auto session = Session::open(w.session, code);
        if (!session) {
            failures.push_back(session.message());
            return failures;
        }
        runtime::LeakWatch watch(std::min(w.warmup, w.seconds / 2), w.thresholds);
        WatchErrors errors;
        auto results = watch_session(**session, w, watch, "   ", errors);
        std::vector<std::string> growing;
        for (const auto& r : results) {
            std::printf("   %-20s %+12.2f %s/min  %s\n", r.name.c_str(), r.slope_per_min,
                        r.unit.empty() ? "" : "KB", runtime::trend_name(r.trend));
            if (r.fail()) growing.push_back(r.name);
            if (r.trend == runtime::Trend::TooFewSamples)
                failures.push_back("the watch took too few samples to judge '" + r.name + "'");
        }
        if (errors.count)
            failures.push_back(std::to_string(errors.count) + " frames failed during the watch; the first: " +
                               errors.first);
        const std::string device((*session)->engine().device().name());
        (void)watch.write_csv(fs::path(o.out) / (fx.name + ".csv"));
        (void)io::write_png(fs::path(o.out) / (fx.name + ".png"),
                            watch.chart("fixture " + fx.name + " on " + device, results));
        if (fx.expect_growth.empty()) {
            for (const auto& g : growing) failures.push_back("the watch found '" + g + "' growing");
        } else {
            bool caught = true;
            for (const auto& e : fx.expect_growth)
                if (std::find(growing.begin(), growing.end(), e) == growing.end()) {
                    failures.push_back("the planted growth of '" + e + "' was not caught by the watch");
                    caught = false;
                }
            if (caught) std::printf("   the watch caught the planted growth, as it must\n");
        }
        close_session(*session, failures);
    }
    return failures;
}

}  // namespace

int run_fixtures(const FixtureOptions& o) {
    const fs::path dir = o.dir.empty() ? source_dir() / "testing-fixtures" : fs::path(o.dir);
    std::vector<fs::path> dirs;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.is_directory() && fs::exists(e.path() / "chain.cpp")) dirs.push_back(e.path());
    if (ec || dirs.empty()) {
        std::fprintf(stderr, "loom: no fixtures in %s\n", dir.c_str());
        return kExitUsage;
    }
    std::sort(dirs.begin(), dirs.end());
    fs::create_directories(o.out, ec);
    int failed = 0, ran = 0;
    std::vector<std::string> summary;
    for (const auto& d : dirs) {
        if (!o.only.empty() && d.filename() != o.only) continue;
        ++ran;
        auto fx = load_fixture(d);
        std::vector<std::string> failures = fx ? run_fixture(*fx, o) : std::vector<std::string>{fx.message()};
        for (const auto& f : failures) std::printf("   FAIL: %s\n", f.c_str());
        summary.push_back((failures.empty() ? "pass  " : "FAIL  ") + d.filename().string());
        if (!failures.empty()) ++failed;
    }
    if (ran == 0) {
        std::fprintf(stderr, "loom: no fixture named '%s' in %s\n", o.only.c_str(), dir.c_str());
        return kExitUsage;
    }
    std::printf("fixtures:\n");
    for (const auto& s : summary) std::printf("  %s\n", s.c_str());
    std::printf("%d of %d passed\n", ran - failed, ran);
    return failed ? kExitFixture : kExitOk;
}

}  // namespace loom::cli
