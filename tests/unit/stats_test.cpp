#include <gtest/gtest.h>

#include "core/runtime/stats.hpp"

using namespace loom::runtime;

TEST(Stats, PercentilesAreNearestRank) {
    std::vector<double> v;
    for (int i = 1; i <= 100; ++i) v.push_back(i);
    auto p = percentiles(v);
    EXPECT_EQ(p.median, 50.0);
    EXPECT_EQ(p.p90, 90.0);
    EXPECT_EQ(p.min, 1.0);
    EXPECT_EQ(p.max, 100.0);
    EXPECT_EQ(percentiles({}).count, 0u);
    EXPECT_EQ(percentiles({7.0}).median, 7.0);
}

TEST(Stats, SkipsWarmUpAndUnmeasuredFrames) {
    Stats s(16);
    FrameCounters c;
    for (int i = 0; i < 10; ++i) s.record_frame(c, i < 3 ? 1000.0 : 10.0, 1.0, i < 2 ? -1.0 : 5.0);
    EXPECT_EQ(s.frame_ms(3).median, 10.0);
    EXPECT_EQ(s.frame_ms(3).max, 10.0);
    EXPECT_EQ(s.gpu_ms().count, 8u);  // -1 means "not measured yet"
}

TEST(Stats, CountersBetweenSnapshots) {
    CounterSnapshot a, b;
    b.gpu.created[static_cast<std::size_t>(loom::gpu::ObjectKind::DescriptorSet)] = 2;
    b.gpu.created[static_cast<std::size_t>(loom::gpu::ObjectKind::Image)] = 3;
    b.gpu.submits = 1;
    b.heap_allocations = 5;
    auto f = FrameCounters::between(a, b);
    EXPECT_EQ(f.objects_created, 5u);
    EXPECT_EQ(f.descriptor_sets_allocated, 2u);
    EXPECT_EQ(f.submits, 1u);
    EXPECT_EQ(f.heap_allocations, 5u);
}
