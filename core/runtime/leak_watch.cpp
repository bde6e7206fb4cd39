#include "core/runtime/leak_watch.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <sstream>

#include <spdlog/fmt/fmt.h>

#include "core/base/paths.hpp"
#include "core/io/chart.hpp"
#include "core/runtime/engine.hpp"
#include "core/runtime/heap_counter.hpp"

namespace loom::runtime {

WatchSample sample(Engine& engine, double t) {
    WatchSample s;
    s.t = t;
    s.frames = engine.frames_rendered();
    s.rss_kb = double(rss_kib());
    s.heap_kb = double(heap_in_use_bytes()) / 1024.0;
    auto& dev = engine.device();
    const auto mem = dev.memory().snapshot();
    s.gpu_kb = double(mem.total_bytes()) / 1024.0;
    s.gpu_memory_kb = double(mem.memory_bytes) / 1024.0;
    if (dev.has_memory_budget()) {
        std::array<gpu::HeapBudget, VK_MAX_MEMORY_HEAPS> heaps;
        const std::uint32_t n = dev.heap_budgets(heaps);
        double usage = 0;
        for (std::uint32_t i = 0; i < n; ++i)
            if (heaps[i].device_local) usage += double(heaps[i].usage);
        s.heap_usage_kb = usage / 1024.0;
    }
    const auto& c = dev.counters();
    s.objects = double(c.total_live());
    s.descriptor_sets = double(c.live(gpu::ObjectKind::DescriptorSet));
    s.staging_kb = double(engine.staging().pooled_bytes()) / 1024.0;
    for (std::size_t k = 0; k < gpu::kObjectKindCount; ++k) s.by_kind[k] = c.live(static_cast<gpu::ObjectKind>(k));
    return s;
}

const char* trend_name(Trend t) {
    switch (t) {
        case Trend::Flat: return "flat";
        case Trend::LevelledOff: return "levelled off";
        case Trend::Growing: return "GROWING";
        case Trend::Shrinking: return "shrinking";
        case Trend::TooFewSamples: return "too few samples";
        case Trend::UnderAllowance: return "rising, under the allowance";
    }
    return "?";
}

double slope_per_minute(const std::vector<double>& t, const std::vector<double>& v) {
    const std::size_t n = std::min(t.size(), v.size());
    if (n < 2) return 0.0;
    double tm = 0, vm = 0;
    for (std::size_t i = 0; i < n; ++i) tm += t[i], vm += v[i];
    tm /= double(n);
    vm /= double(n);
    double num = 0, den = 0;
    for (std::size_t i = 0; i < n; ++i) {
        num += (t[i] - tm) * (v[i] - vm);
        den += (t[i] - tm) * (t[i] - tm);
    }
    return den > 0 ? num / den * 60.0 : 0.0;
}

Trend classify(double slope, double tail_slope, double threshold, double window_minutes, double tail_minutes,
               double min_growth, std::size_t samples) {
    if (samples < 4) return Trend::TooFewSamples;
    // A tiny tolerance on top of the threshold absorbs floating-point noise in exact series.
    const double limit = threshold + 1e-9;
    const bool material = std::abs(slope) * window_minutes > min_growth;
    const bool tail_growing = tail_slope > limit && tail_slope * tail_minutes > min_growth;
    if (tail_growing) return Trend::Growing;
    // Levelled off: grew over the run, not any more over its last half.
    if (slope > limit && material && tail_slope <= limit) return Trend::LevelledOff;
    if (slope > limit || tail_slope > limit) return Trend::UnderAllowance;
    if (slope < -limit && material) return Trend::Shrinking;
    return Trend::Flat;
}

std::vector<LeakWatch::Column> LeakWatch::columns() const {
    std::vector<Column> cols = {
        {"rss", "KB", &WatchSample::rss_kb, thresholds_.rss_kb_per_min, thresholds_.rss_min_kb},
        {"heap", "KB", &WatchSample::heap_kb, thresholds_.heap_kb_per_min, thresholds_.heap_min_kb},
        {"gpu", "KB", &WatchSample::gpu_kb, thresholds_.gpu_kb_per_min, 0.0},
        {"gpu memory", "KB", &WatchSample::gpu_memory_kb, thresholds_.gpu_kb_per_min, 0.0},
        {"objects", "", &WatchSample::objects, thresholds_.objects_per_min, 0.0},
        {"descriptor sets", "", &WatchSample::descriptor_sets, thresholds_.objects_per_min, 0.0},
    };
    if (!samples_.empty() && samples_.front().heap_usage_kb >= 0)
        cols.push_back({"heap usage (driver)", "KB", &WatchSample::heap_usage_kb, thresholds_.heap_usage_kb_per_min,
                        thresholds_.heap_usage_min_kb});
    return cols;
}

std::vector<SeriesResult> LeakWatch::analyze() const {
    std::vector<SeriesResult> out;
    std::vector<const WatchSample*> after;
    for (const auto& s : samples_)
        if (s.t >= warmup_) after.push_back(&s);
    for (const Column& col : columns()) {
        SeriesResult r;
        r.name = col.name;
        r.unit = col.unit;
        r.threshold_per_min = col.threshold;
        r.min_growth = col.min_growth;
        std::vector<double> t, v;
        for (const auto* s : after) t.push_back(s->t), v.push_back(s->*col.field);
        if (!v.empty()) r.first = v.front(), r.last = v.back();
        r.slope_per_min = slope_per_minute(t, v);
        const std::size_t half = t.size() / 2;
        std::vector<double> tt(t.begin() + std::ptrdiff_t(half), t.end()), tv(v.begin() + std::ptrdiff_t(half), v.end());
        r.tail_slope_per_min = slope_per_minute(tt, tv);
        const double window = t.size() >= 2 ? (t.back() - t.front()) / 60.0 : 0.0;
        const double tail_window = tt.size() >= 2 ? (tt.back() - tt.front()) / 60.0 : 0.0;
        r.trend = classify(r.slope_per_min, r.tail_slope_per_min, col.threshold, window, tail_window, col.min_growth,
                           v.size());
        out.push_back(r);
    }
    return out;
}

namespace {
std::string mb(double kb) { return fmt::format("{:.1f} MB", kb / 1024.0); }
std::string signed_mb(double kb) { return fmt::format("{:+.1f}", kb / 1024.0); }
}  // namespace

std::string LeakWatch::progress_line(double window) const {
    if (samples_.empty()) return "[0.0s] no samples yet";
    const WatchSample& last = samples_.back();
    const WatchSample& first = samples_.front();
    // The sample closest to `window` seconds before the last.
    const WatchSample* before = &first;
    for (const auto& s : samples_)
        if (s.t <= last.t - window + 1e-6) before = &s;
    return fmt::format(
        "[{:.1f}s] rss {} ({} total, {} last {:.0f}s) heap {} ({:+.0f} KB) gpu {} ({:+.0f} KB) objects {:.0f} ({:+.0f}) "
        "frames {}",
        last.t, mb(last.rss_kb), signed_mb(last.rss_kb - first.rss_kb), signed_mb(last.rss_kb - before->rss_kb), window,
        mb(last.heap_kb), last.heap_kb - before->heap_kb, mb(last.gpu_kb), last.gpu_kb - before->gpu_kb, last.objects,
        last.objects - before->objects, last.frames);
}

Result<void> LeakWatch::write_csv(const std::filesystem::path& path) const {
    std::ostringstream f;
    f << "t_s,frames,rss_kb,heap_kb,gpu_kb,gpu_memory_kb,heap_usage_kb,objects,descriptor_sets,staging_kb";
    for (std::size_t k = 0; k < gpu::kObjectKindCount; ++k) {
        std::string name = gpu::object_kind_name(static_cast<gpu::ObjectKind>(k));
        for (char& c : name)
            if (c == ' ' || c == '.') c = '_';
        f << ",live_" << name;
    }
    f << '\n';
    for (const auto& s : samples_) {
        f << fmt::format("{:.3f},{},{:.0f},{:.1f},{:.1f},{:.1f},{:.1f},{:.0f},{:.0f},{:.1f}", s.t, s.frames, s.rss_kb,
                         s.heap_kb, s.gpu_kb, s.gpu_memory_kb, s.heap_usage_kb, s.objects, s.descriptor_sets,
                         s.staging_kb);
        for (auto n : s.by_kind) f << ',' << n;
        f << '\n';
    }
    const std::string text = f.str();
    if (!write_file_atomic(path, text.data(), text.size()))
        return make_error("cannot write " + path.string() + ": " + std::strerror(errno) +
                          ". Fix: check that the folder is writable and the disk has room.");
    return {};
}

io::Pixels LeakWatch::chart(const std::string& title, const std::vector<SeriesResult>& results) const {
    io::ChartSpec spec;
    spec.title = title;
    spec.shade_until = warmup_;
    const auto cols = columns();
    for (std::size_t i = 0; i < cols.size() && i < results.size(); ++i) {
        const SeriesResult& r = results[i];
        io::ChartSeries s;
        const char* unit = r.unit.empty() ? "" : " KB";
        s.label = fmt::format("{}{}   slope {:+.2f}{}/min (threshold {:.0f})   {}", r.name,
                              r.unit.empty() ? "" : " (KB)", r.slope_per_min, unit, r.threshold_per_min,
                              trend_name(r.trend));
        s.alarm = r.fail();
        for (const auto& smp : samples_) s.t.push_back(smp.t), s.v.push_back(smp.*(cols[i].field));
        spec.series.push_back(std::move(s));
    }
    return io::render_chart(spec);
}

}  // namespace loom::runtime
