#include <gtest/gtest.h>

#include "core/gpu/block_allocator.hpp"

using loom::gpu::BlockAllocator;

TEST(BlockAllocator, AllocatesAlignedAndTracksUse) {
    BlockAllocator b(1024);
    auto a = b.allocate(100, 1);
    ASSERT_TRUE(a);
    EXPECT_EQ(*a, 0u);
    auto c = b.allocate(64, 256);  // must start at 256
    ASSERT_TRUE(c);
    EXPECT_EQ(*c, 256u);
    EXPECT_EQ(b.used(), 164u);
    // The padding between 100 and 256 stays usable.
    auto d = b.allocate(100, 4);
    ASSERT_TRUE(d);
    EXPECT_EQ(*d, 100u);
}

TEST(BlockAllocator, RefusesWhatDoesNotFit) {
    BlockAllocator b(256);
    ASSERT_TRUE(b.allocate(200, 1));
    EXPECT_FALSE(b.allocate(100, 1));
    EXPECT_TRUE(b.allocate(56, 1));
    EXPECT_FALSE(b.allocate(1, 1));
}

TEST(BlockAllocator, FreeCoalescesNeighbours) {
    BlockAllocator b(300);
    auto x = b.allocate(100, 1), y = b.allocate(100, 1), z = b.allocate(100, 1);
    ASSERT_TRUE(x && y && z);
    b.free(*x, 100);
    b.free(*z, 100);
    EXPECT_EQ(b.free_range_count(), 2u);
    b.free(*y, 100);  // joins both sides
    EXPECT_EQ(b.free_range_count(), 1u);
    EXPECT_TRUE(b.empty());
    EXPECT_EQ(b.largest_free_range(), 300u);
    EXPECT_TRUE(b.allocate(300, 1));
}

TEST(BlockAllocator, ManyAllocationsAndFreesReturnToOneRange) {
    BlockAllocator b(1 << 20);
    std::vector<std::pair<std::uint64_t, std::uint64_t>> live;
    std::uint32_t seed = 7;
    for (int i = 0; i < 2000; ++i) {
        seed = seed * 1664525u + 1013904223u;
        if (live.empty() || (seed >> 16) % 3 != 0) {
            std::uint64_t size = 16 + (seed >> 20) % 4000;
            if (auto o = b.allocate(size, 64)) live.push_back({*o, size});
        } else {
            auto i2 = (seed >> 8) % live.size();
            b.free(live[i2].first, live[i2].second);
            live.erase(live.begin() + static_cast<std::ptrdiff_t>(i2));
        }
    }
    // No overlaps among live allocations.
    std::sort(live.begin(), live.end());
    for (std::size_t i = 1; i < live.size(); ++i) EXPECT_LE(live[i - 1].first + live[i - 1].second, live[i].first);
    for (auto& [o, s] : live) b.free(o, s);
    EXPECT_TRUE(b.empty());
    EXPECT_EQ(b.free_range_count(), 1u);
}
