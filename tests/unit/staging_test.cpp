#include <gtest/gtest.h>

#include "core/gpu/staging_pool.hpp"

using namespace loom::gpu;

TEST(Staging, BucketsArePowersOfTwoFrom64KiB) {
    EXPECT_EQ(staging_bucket(1), 16u);  // 64 KiB
    EXPECT_EQ(staging_bucket(64 * 1024), 16u);
    EXPECT_EQ(staging_bucket(64 * 1024 + 1), 17u);
    EXPECT_EQ(staging_bucket(1 << 20), 20u);
    EXPECT_EQ(staging_bucket((1 << 20) + 1), 21u);
    EXPECT_EQ(staging_bucket(1280ull * 720 * 8), 23u);  // 7.03 MiB -> 8 MiB
}

TEST(Staging, MatchNeedsTheSameBucketAndAtLeastTheUsage) {
    const StagingKey keys[] = {
        {VK_BUFFER_USAGE_TRANSFER_SRC_BIT, 20},
        {VK_BUFFER_USAGE_TRANSFER_DST_BIT, 18},
        {VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT, 18},
    };
    EXPECT_EQ(staging_match(keys, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, 20), 0);
    EXPECT_EQ(staging_match(keys, VK_BUFFER_USAGE_TRANSFER_DST_BIT, 18), 1);
    // SRC|DST requested: only the entry with both will do.
    EXPECT_EQ(staging_match(keys, VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT, 18), 2);
    EXPECT_EQ(staging_match(keys, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, 18), 2);  // a superset is fine
    EXPECT_EQ(staging_match(keys, VK_BUFFER_USAGE_TRANSFER_DST_BIT, 20), -1);  // wrong usage
    EXPECT_EQ(staging_match(keys, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, 21), -1);  // no such bucket
}
