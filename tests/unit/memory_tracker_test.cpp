#include <gtest/gtest.h>

#include "core/gpu/memory_tracker.hpp"

using namespace loom::gpu;

TEST(MemoryTracker, CountsBytesPerKindDomainAndOwner) {
    MemoryTracker t;
    t.on_allocate(ResourceKind::Image, MemoryDomain::DeviceLocal, 1000, "noise");
    t.on_allocate(ResourceKind::Image, MemoryDomain::DeviceLocal, 500, "blur");
    t.on_allocate(ResourceKind::Buffer, MemoryDomain::HostVisible, 64, "staging");
    auto s = t.snapshot();
    EXPECT_EQ(s.image_count, 2u);
    EXPECT_EQ(s.image_bytes, 1500u);
    EXPECT_EQ(s.buffer_count, 1u);
    EXPECT_EQ(s.buffer_bytes, 64u);
    EXPECT_EQ(s.device_local_bytes, 1500u);
    EXPECT_EQ(s.host_visible_bytes, 64u);
    EXPECT_EQ(s.peak_bytes, 1564u);
    EXPECT_EQ(t.owner_bytes("noise"), 1000u);
    EXPECT_EQ(t.owner_bytes("blur"), 500u);
    auto owners = t.per_owner();
    ASSERT_EQ(owners.size(), 3u);
    EXPECT_EQ(owners[0].first, "noise");  // largest first

    t.on_free(ResourceKind::Image, MemoryDomain::DeviceLocal, 1000, "noise");
    s = t.snapshot();
    EXPECT_EQ(s.image_count, 1u);
    EXPECT_EQ(s.image_bytes, 500u);
    EXPECT_EQ(s.peak_bytes, 1564u);  // the peak stays
    EXPECT_EQ(t.owner_bytes("noise"), 0u);
}

TEST(MemoryTracker, RefusesHostVisibleOverBudgetBeforeAllocating) {
    MemoryTracker t(1000);
    t.on_allocate(ResourceKind::Buffer, MemoryDomain::HostVisible, 600, "");
    EXPECT_TRUE(t.check_budget(MemoryDomain::HostVisible, 400, "buffer 'a'").ok());
    auto r = t.check_budget(MemoryDomain::HostVisible, 401, "buffer 'readback'");
    ASSERT_FALSE(r.ok());
    // The message names the request, its size, the budget and the fix.
    EXPECT_NE(r.message().find("buffer 'readback'"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("401 B"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("budget of 1000 B"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("--host-budget-mb"), std::string::npos) << r.message();
    // Device-local memory is not limited by the host-visible budget.
    EXPECT_TRUE(t.check_budget(MemoryDomain::DeviceLocal, 1ull << 30, "image").ok());
    EXPECT_EQ(t.snapshot().host_visible_bytes, 600u);  // a refusal changes nothing
}

TEST(MemoryTracker, RefusesDeviceLocalBeyondTheDeviceLimit) {
    MemoryTracker t;
    t.set_device_local_limit(1ull << 20);
    EXPECT_TRUE(t.check_budget(MemoryDomain::DeviceLocal, 1ull << 20, "image 'a'").ok());
    auto r = t.check_budget(MemoryDomain::DeviceLocal, (1ull << 20) + 1, "image 'huge' 9000x9000");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find("image 'huge' 9000x9000"), std::string::npos) << r.message();
}

TEST(MemoryTracker, CountsDeviceMemoryObjectsSeparately) {
    MemoryTracker t;
    t.on_memory_allocate(64 << 20);
    t.on_allocate(ResourceKind::Image, MemoryDomain::DeviceLocal, 4096, "x");
    auto s = t.snapshot();
    EXPECT_EQ(s.memory_objects, 1u);
    EXPECT_EQ(s.memory_bytes, 64u << 20);
    EXPECT_EQ(s.total_bytes(), 4096u);
    t.on_memory_free(64 << 20);
    EXPECT_EQ(t.snapshot().memory_objects, 0u);
}
