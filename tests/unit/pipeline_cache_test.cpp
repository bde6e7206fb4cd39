#include <gtest/gtest.h>

#include <cstring>

#include "core/gpu/pipeline_cache.hpp"

using namespace loom::gpu;

namespace {
PipelineCacheIdentity id() {
    PipelineCacheIdentity i;
    i.vendor_id = 0x10de;
    i.device_id = 0x2335;
    i.driver_version = 42;
    for (int k = 0; k < 16; ++k) i.uuid[k] = static_cast<std::uint8_t>(k * 7);
    return i;
}
std::vector<std::byte> data() {
    std::vector<std::byte> d(300);
    for (std::size_t k = 0; k < d.size(); ++k) d[k] = std::byte(k * 13);
    return d;
}
}  // namespace

TEST(PipelineCache, RoundTripsForTheSameDevice) {
    auto file = wrap_pipeline_cache(id(), data());
    auto r = unwrap_pipeline_cache(id(), file);
    ASSERT_TRUE(r.ok()) << r.message();
    ASSERT_EQ(r->size(), 300u);
    EXPECT_EQ(std::memcmp(r->data(), data().data(), 300), 0);
}

TEST(PipelineCache, RefusesAnotherDeviceDriverOrUuid) {
    auto file = wrap_pipeline_cache(id(), data());
    auto other = id();
    other.device_id = 1;
    EXPECT_NE(unwrap_pipeline_cache(other, file).message().find("another device"), std::string::npos);
    other = id();
    other.vendor_id = 0x1002;
    EXPECT_FALSE(unwrap_pipeline_cache(other, file).ok());
    other = id();
    other.driver_version = 43;
    EXPECT_NE(unwrap_pipeline_cache(other, file).message().find("driver version"), std::string::npos);
    other = id();
    other.uuid[3] ^= 1;
    EXPECT_NE(unwrap_pipeline_cache(other, file).message().find("UUID"), std::string::npos);
}

TEST(PipelineCache, RefusesDamagedOrTruncatedFiles) {
    auto file = wrap_pipeline_cache(id(), data());
    auto damaged = file;
    damaged.back() ^= std::byte{1};
    EXPECT_NE(unwrap_pipeline_cache(id(), damaged).message().find("damaged"), std::string::npos);
    auto truncated = file;
    truncated.resize(file.size() - 10);
    EXPECT_FALSE(unwrap_pipeline_cache(id(), truncated).ok());
    EXPECT_FALSE(unwrap_pipeline_cache(id(), std::span(file).first(10)).ok());
    std::vector<std::byte> junk(100, std::byte{0x55});
    EXPECT_NE(unwrap_pipeline_cache(id(), junk).message().find("not a Loom"), std::string::npos);
}
