// `loom watch`: run a project headless for S seconds and decide whether anything grows.
#include <chrono>
#include <cstdio>
#include <numeric>
#include <optional>

#include <spdlog/spdlog.h>

#include "core/runtime/cli/cli.hpp"
#include "core/runtime/cli/live.hpp"

namespace loom::cli {

namespace {

// The schedule both watch loops share: after a frame at `t` seconds, a sample every --interval
// (with the GPU idle: the driver's in-flight work and its transient allocations are then not
// part of the figures; `may_sample` holds it back to a churn cycle's fixed point) and a
// progress line every --print-every. True once --seconds have passed.
class WatchSchedule {
public:
    WatchSchedule(const WatchOptions& o, runtime::LeakWatch& watch, const char* tag)
        : o_(o), watch_(watch), tag_(tag), next_print_(o.print_every) {
        watch_.reserve(static_cast<std::size_t>(o.seconds / o.interval) + 64);
    }
    bool after_frame(runtime::Engine& engine, double t, bool may_sample = true) {
        if (may_sample && t >= next_sample_) {
            engine.wait_idle();
            watch_.add(runtime::sample(engine, t));
            while (next_sample_ <= t) next_sample_ += o_.interval;
        }
        if (t >= next_print_) {
            std::printf("%s%s\n", tag_, watch_.progress_line(o_.print_every).c_str());
            std::fflush(stdout);
            next_print_ += o_.print_every;
        }
        return t >= o_.seconds;
    }

private:
    const WatchOptions& o_;
    runtime::LeakWatch& watch_;
    const char* tag_;
    double next_sample_ = 0.0, next_print_;
};

}  // namespace

std::vector<runtime::SeriesResult> watch_session(Session& session, const WatchOptions& o, runtime::LeakWatch& watch,
                                                 const char* tag, WatchErrors& errors) {
    using clock = std::chrono::steady_clock;
    auto& engine = session.engine();
    const Extent base = o.session.size;
    const Extent alt{std::max(1u, base.width * 3 / 4), std::max(1u, base.height * 3 / 4)};
    // With churn, samples are taken at the same point of each churn cycle, once everything the
    // cycle retired has been destroyed, so the counts compare like with like.
    std::uint64_t period = 1;
    if (o.swap_churn) period = o.swap_churn;
    if (o.resize_churn) period = std::lcm(period, 2 * o.resize_churn);
    const auto t0 = clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(clock::now() - t0).count(); };
    WatchSchedule schedule(o, watch, tag);
    bool alt_size = false;
    for (std::uint64_t f = 0;; ++f) {
        if (o.swap_churn && f > 0 && f % o.swap_churn == 0) {
            if (auto r = session.rebuild(); !r) {
                if (errors.count++ == 0) errors.first = "rebuild: " + r.message();
            }
        }
        if (o.resize_churn && f > 0 && f % o.resize_churn == 0) {
            alt_size = !alt_size;
            engine.set_canvas(alt_size ? alt : base);
        }
        if (auto r = session.frame(); !r) {
            if (errors.count++ == 0) errors.first = r.message();
        }
        const double t = elapsed();
        if (schedule.after_frame(engine, t, (f + 1) % period == 0)) break;
        if (stop_requested()) {  // Ctrl-C/SIGTERM: judge what was sampled, write the CSV and chart
            std::printf("%sstopped after %.1f s; the verdict covers the samples so far\n", tag, t);
            break;
        }
    }
    engine.wait_idle();
    return watch.analyze();
}

namespace {

void print_verdict(const std::vector<runtime::SeriesResult>& results, const runtime::LeakWatch& watch) {
    const auto& s = watch.samples();
    std::printf("verdict after %.1f s (%zu samples, warm-up %.1f s): slope per minute after warm-up\n",
                s.empty() ? 0.0 : s.back().t, s.size(), watch.warmup());
    for (const auto& r : results) {
        const char* u = r.unit.empty() ? "" : " KB";
        std::printf("  %-20s %+12.2f%s/min (last half %+10.2f, threshold %g)  %s\n", r.name.c_str(), r.slope_per_min,
                    u, r.tail_slope_per_min, r.threshold_per_min, runtime::trend_name(r.trend));
    }
}

// The watch in a window: `run`'s own frame loop (real-time clock, display, swapchain, the
// editor overlay with --editor), sampled after each frame at the same interval.
std::vector<runtime::SeriesResult> watch_window(const WatchOptions& o, runtime::LeakWatch& watch, WatchErrors& errors,
                                                std::string& device, int& status) {
    RunOptions ro;
    ro.session = o.session;
    ro.editor = o.editor;
    ro.window = o.window_size;
    ro.require_window = true;
    using clock = std::chrono::steady_clock;
    std::optional<clock::time_point> t0;
    WatchSchedule schedule(o, watch, "");
    bool done = false;
    auto hook = [&](runtime::Engine& engine) {
        if (!t0) {
            t0 = clock::now();
            device = engine.device().name();
        }
        done = schedule.after_frame(engine, std::chrono::duration<double>(clock::now() - *t0).count());
        return !done;
    };
    status = run_window(ro, hook);
    if (!done && status == kExitOk) std::printf("loom watch: the window was closed after %zu samples\n", watch.samples().size());
    if (status == kExitRender) {
        ++errors.count;
        errors.first = "a frame or an operator failed (see above)";
        status = kExitOk;
    }
    return watch.analyze();
}

}  // namespace

int run_watch(const WatchOptions& o) {
    int code = kExitOk;
    runtime::LeakWatch watch(o.warmup, o.thresholds);
    WatchErrors errors;
    std::vector<runtime::SeriesResult> results;
    std::string device;
    std::unique_ptr<Session> session;
    if (o.window) {
        results = watch_window(o, watch, errors, device, code);
        if (code != kExitOk) return code;  // no device, a project that does not compile, ...
    } else {
        install_stop_handlers();
        session = open_session_or_report(o.session, code);
        if (!session) return code;
        device = session->engine().device().name();
        results = watch_session(*session, o, watch, "", errors);
    }
    print_verdict(results, watch);
    int status = kExitOk;
    std::string growing;
    bool undecided = false;
    for (const auto& r : results) {
        if (r.fail()) growing += (growing.empty() ? "" : ", ") + r.name;
        if (r.trend == runtime::Trend::TooFewSamples) undecided = true;
    }
    if (!o.csv.empty()) {
        if (auto w = watch.write_csv(o.csv); !w)
            std::fprintf(stderr, "loom: %s\n", w.message().c_str()), status = kExitRender;
    }
    if (!o.chart.empty()) {
        const std::string title = "loom watch " + o.session.project + (o.window ? " (window" : "") +
                                  (o.window && o.editor ? ", editor)" : o.window ? ")" : "") + " on " + device;
        if (auto w = io::write_png(o.chart, watch.chart(title, results)); !w)
            std::fprintf(stderr, "loom: %s\n", w.message().c_str()), status = kExitRender;
    }
    if (errors.count) {
        std::printf("loom watch: %llu frames or rebuilds reported errors; the first: %s\n",
                    static_cast<unsigned long long>(errors.count), errors.first.c_str());
        status = kExitRender;
    }
    if (!growing.empty()) {
        std::printf("loom watch: GROWING: %s\n", growing.c_str());
        return kExitLeak;
    }
    if (undecided) {
        std::printf("loom watch: too few samples after the warm-up to decide (%zu). Fix: watch longer "
                    "(--seconds) or shorten --warmup.\n", watch.samples().size());
        return kExitLeak;
    }
    std::printf("loom watch: nothing grows\n");
    return status;
}

}  // namespace loom::cli
