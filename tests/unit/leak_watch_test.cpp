// The leak watch's judgement on synthetic series: flat, leaking, levelling off, noisy.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "core/base/paths.hpp"
#include "core/runtime/leak_watch.hpp"

using namespace loom::runtime;

namespace {
WatchSample at(double t, double heap_kb, double gpu_kb = 1000, double objects = 50) {
    WatchSample s;
    s.t = t;
    s.rss_kb = 100000;
    s.heap_kb = heap_kb;
    s.gpu_kb = gpu_kb;
    s.gpu_memory_kb = gpu_kb * 2;
    s.objects = objects;
    s.descriptor_sets = 10;
    return s;
}
const SeriesResult& find(const std::vector<SeriesResult>& r, const std::string& name) {
    for (const auto& s : r)
        if (s.name == name) return s;
    throw std::runtime_error("no series " + name);
}
}  // namespace

TEST(LeakWatch, SlopeIsLeastSquaresPerMinute) {
    std::vector<double> t{0, 1, 2, 3, 4}, v{10, 12, 14, 16, 18};  // 2 per second
    EXPECT_NEAR(slope_per_minute(t, v), 120.0, 1e-9);
    EXPECT_EQ(slope_per_minute({0, 1, 2}, {5, 5, 5}), 0.0);  // exactly zero for a flat series
    EXPECT_EQ(slope_per_minute({1}, {3}), 0.0);
}

TEST(LeakWatch, ClassifiesFlatLeakLevelledOffAndShrinking) {
    EXPECT_EQ(classify(0.0, 0.0, 0.0, 1.0, 0.5, 0.0, 10), Trend::Flat);
    EXPECT_EQ(classify(100.0, 100.0, 4.0, 1.0, 0.5, 0.0, 10), Trend::Growing);
    EXPECT_EQ(classify(100.0, 0.0, 4.0, 1.0, 0.5, 0.0, 10), Trend::LevelledOff);
    EXPECT_EQ(classify(-50.0, -50.0, 4.0, 1.0, 0.5, 0.0, 10), Trend::Shrinking);
    EXPECT_EQ(classify(3.0, 3.0, 4.0, 1.0, 0.5, 0.0, 10), Trend::Flat);
    EXPECT_EQ(classify(100.0, 100.0, 4.0, 1.0, 0.5, 0.0, 3), Trend::TooFewSamples);
    // Exact series: the smallest growth counts.
    EXPECT_EQ(classify(1.0, 1.0, 0.0, 0.5, 0.25, 0.0, 10), Trend::Growing);
    // A leak that starts half way: the whole window's slope is under the threshold, the last
    // half's is over it.
    EXPECT_EQ(classify(3.0, 6.0, 4.0, 30.0, 15.0, 64.0, 1800), Trend::Growing);
}

TEST(LeakWatch, GrowthMustBeMaterialOverTheWindow) {
    // 300 KB/min over a third of a minute is 100 KB: under a 1 MB floor (one page-in, not a leak)...
    // (so it is not called a leak, nor flat: rising, under the allowance)...
    EXPECT_EQ(classify(300.0, 300.0, 256.0, 1.0 / 3.0, 1.0 / 6.0, 1024.0, 40), Trend::UnderAllowance);
    // A run that grew and whose last half grows faster, by less than the floor, is not "levelled off".
    EXPECT_EQ(classify(403.0, 452.0, 4.0, 1.0 / 4.0, 1.0 / 8.0, 64.0, 40), Trend::UnderAllowance);
    // ...but the same slope over 30 minutes is 9 MB: a leak.
    EXPECT_EQ(classify(300.0, 300.0, 256.0, 30.0, 15.0, 1024.0, 3600), Trend::Growing);
}

TEST(LeakWatch, APlantedLeakIsCaughtWithinThirtySeconds) {
    LeakWatch w(5.0, WatchThresholds{});
    // 64 KiB of heap and one 64 KiB buffer (one object) a second, as the planted-leak fixture.
    for (int i = 0; i <= 60; ++i) {
        const double t = i * 0.5;
        const double leaked = std::floor(t);
        w.add(at(t, 5000 + 64 * leaked, 1000 + 64 * leaked, 50 + leaked));
    }
    auto r = w.analyze();
    EXPECT_EQ(find(r, "heap").trend, Trend::Growing);
    EXPECT_NEAR(find(r, "heap").slope_per_min, 64 * 60, 64 * 60 * 0.1);
    EXPECT_EQ(find(r, "gpu").trend, Trend::Growing);
    EXPECT_EQ(find(r, "objects").trend, Trend::Growing);
    EXPECT_EQ(find(r, "rss").trend, Trend::Flat);
    EXPECT_EQ(find(r, "descriptor sets").trend, Trend::Flat);
}

TEST(LeakWatch, SteadyRunsAreFlatAndCachesThatFillUpLevelOff) {
    LeakWatch w(5.0, WatchThresholds{});
    for (int i = 0; i <= 60; ++i) {
        const double t = i * 0.5;
        // Heap: a cache that fills up during the first half after warm-up, then stays.
        const double heap = 5000 + std::min(t, 15.0) * 10;
        w.add(at(t, heap));
    }
    auto r = w.analyze();
    EXPECT_EQ(find(r, "heap").trend, Trend::LevelledOff);
    EXPECT_FALSE(find(r, "heap").fail());
    EXPECT_EQ(find(r, "gpu").trend, Trend::Flat);
    EXPECT_EQ(find(r, "objects").trend, Trend::Flat);
}

TEST(LeakWatch, ALeakThatStartsLateIsCaught) {
    LeakWatch w(5.0, WatchThresholds{});
    for (int i = 0; i <= 1800; ++i) {  // 30 minutes at one sample a second
        const double t = i;
        const double heap = 5000 + (t > 900 ? (t - 900) / 10.0 : 0.0);  // 6 KB/min from minute 15
        w.add(at(t, heap));
    }
    auto r = w.analyze();
    EXPECT_LT(find(r, "heap").slope_per_min, 4.0);  // the whole run's line hides it...
    EXPECT_EQ(find(r, "heap").trend, Trend::Growing);  // ...the last half does not
}

TEST(LeakWatch, WarmUpIsNotJudged) {
    LeakWatch w(5.0, WatchThresholds{});
    for (int i = 0; i <= 40; ++i) {
        const double t = i * 0.5;
        w.add(at(t, t < 5.0 ? 1000 + t * 1000 : 6000));  // grows only during warm-up
    }
    EXPECT_EQ(find(w.analyze(), "heap").trend, Trend::Flat);
}

TEST(LeakWatch, ProgressLineCsvAndChart) {
    LeakWatch w(2.0, WatchThresholds{});
    for (int i = 0; i <= 20; ++i) w.add(at(i * 1.0, 4096 + i, 2048, 73));
    const std::string line = w.progress_line(10.0);
    EXPECT_NE(line.find("[20.0s] rss 97.7 MB (+0.0 total, +0.0 last 10s) heap 4.0 MB (+10 KB)"), std::string::npos)
        << line;
    EXPECT_NE(line.find("objects 73 (+0)"), std::string::npos) << line;

    const auto csv = std::filesystem::temp_directory_path() / ("loom-watch-" + std::to_string(::getpid()) + ".csv");
    ASSERT_TRUE(w.write_csv(csv).ok());
    auto text = loom::read_file(csv);
    ASSERT_TRUE(text);
    EXPECT_EQ(std::count(text->begin(), text->end(), '\n'), 22);  // header + 21 samples
    EXPECT_EQ(text->rfind("t_s,frames,rss_kb,heap_kb,gpu_kb", 0), 0u);
    std::filesystem::remove(csv);

    auto results = w.analyze();
    auto img = w.chart("test", results);
    EXPECT_EQ(img.width, 1200u);
    EXPECT_GT(img.height, 6u * 160u);
    // Something was drawn: not every pixel is white.
    std::size_t ink = 0;
    for (std::size_t i = 0; i < img.rgba.size(); i += 4) ink += img.rgba[i] < 0.9f;
    EXPECT_GT(ink, 1000u);
}
