// core/runtime/leak_watch.hpp — samples what a long run holds and decides whether it grows.
//
// A sample holds RSS, malloc heap in use, the GPU bytes the MemoryTracker counts (resources,
// and the device memory behind them), VK_EXT_memory_budget heap usage when the device has it,
// live Vulkan objects (in all and by kind), live descriptor sets, the staging pool's size and
// the frames rendered. analyze() fits a least-squares line through each series after the
// warm-up and compares its slope (per minute) with the series' threshold:
//   flat          slope within the threshold;
//   GROWING       the last half's slope is over it (and makes material growth): a leak, also
//                 one that started late; the watch fails;
//   levelled off  the whole run's slope is over it but the last half's is not (a cache that
//                 filled up, not a leak);
//   shrinking     negative beyond the threshold (memory given back).
// Pure bookkeeping (plus CSV and chart output); the sampling of a live engine is sample().
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <loom/result.hpp>

#include "core/gpu/counters.hpp"
#include "core/io/image_io.hpp"

namespace loom::runtime {

class Engine;

struct WatchSample {
    double t = 0.0;  // seconds since the watch started
    std::uint64_t frames = 0;
    double rss_kb = 0, heap_kb = 0;
    double gpu_kb = 0;          // tracked resource bytes (images + buffers)
    double gpu_memory_kb = 0;   // device memory objects behind them
    double heap_usage_kb = -1;  // VK_EXT_memory_budget usage of the device-local heaps; -1 unknown
    double objects = 0;         // live Vulkan objects of every kind
    double descriptor_sets = 0;
    double staging_kb = 0;
    std::array<std::uint64_t, gpu::kObjectKindCount> by_kind{};
};

WatchSample sample(Engine& engine, double t);

// A series grows when its slope is over `*_per_min` AND the growth that slope makes over the
// judged window is over `*_min` (so one page of RSS in a short watch is not a leak, while a
// small steady leak still adds up to a verdict in a long one).
struct WatchThresholds {
    double rss_kb_per_min = 256.0;    // RSS moves with the allocator and the driver: an allowance
    double rss_min_kb = 4096.0;       // a step of a megabyte or two (a driver thread, a cache) is not a leak
    double heap_kb_per_min = 4.0;     // about 70 bytes a second
    double heap_min_kb = 64.0;
    double gpu_kb_per_min = 0.0;      // exact counts: any growth is growth
    double objects_per_min = 0.0;
    double heap_usage_kb_per_min = 256.0;  // the driver's own figure moves a little
    double heap_usage_min_kb = 1024.0;
};

// UnderAllowance: rising faster than the threshold, but by less in total than the series' floor
// (too little, over this window, to call a leak; a longer watch decides).
enum class Trend : std::uint8_t { Flat, LevelledOff, Growing, Shrinking, TooFewSamples, UnderAllowance };
const char* trend_name(Trend trend);

struct SeriesResult {
    std::string name;
    std::string unit;  // "KB" or "" (a count)
    double first = 0, last = 0;
    double slope_per_min = 0;
    double tail_slope_per_min = 0;
    double threshold_per_min = 0;
    double min_growth = 0;  // growth over the judged window below this is not a leak
    Trend trend = Trend::TooFewSamples;
    bool fail() const { return trend == Trend::Growing; }
};

// Least-squares slope of v over t (t in seconds), per minute. 0 for fewer than two points.
double slope_per_minute(const std::vector<double>& t, const std::vector<double>& v);
// The trend of one series after warm-up, from its slopes (per minute) over the whole judged
// window and over its last half, the lengths of those windows (minutes) and the series' limits.
// Growth in the last half is a leak even when the whole window's slope is small (a leak that
// started late); growth only in the first half is a cache that levelled off.
Trend classify(double slope, double tail_slope, double threshold, double window_minutes, double tail_minutes,
               double min_growth, std::size_t samples);

class LeakWatch {
public:
    LeakWatch(double warmup_seconds, WatchThresholds thresholds)
        : warmup_(warmup_seconds), thresholds_(thresholds) {}

    // Room for `n` samples up front, touched now: the watch's own storage must not show up as
    // heap or RSS growth.
    void reserve(std::size_t n) {
        samples_.resize(n);
        samples_.clear();
    }
    void add(const WatchSample& s) { samples_.push_back(s); }
    const std::vector<WatchSample>& samples() const { return samples_; }
    double warmup() const { return warmup_; }

    std::vector<SeriesResult> analyze() const;
    // "[10.0s] rss 61.2 MB (+0.0 total, +0.0 last 10s) heap 4.1 MB (+0 KB) gpu 48.0 MB (+0) objects 213 (+0)"
    std::string progress_line(double window_seconds) const;
    Result<void> write_csv(const std::filesystem::path& path) const;
    io::Pixels chart(const std::string& title, const std::vector<SeriesResult>& results) const;

private:
    struct Column {
        const char* name;
        const char* unit;
        double WatchSample::*field;
        double threshold;
        double min_growth;
    };
    std::vector<Column> columns() const;

    double warmup_;
    WatchThresholds thresholds_;
    std::vector<WatchSample> samples_;
};

}  // namespace loom::runtime
