// The allocator and memory tracker on a real device: accounting, suballocation, dedicated
// allocations, budget refusal, and release after the deferred deleter runs.
#include <vector>

#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

class Allocator : public GpuTest {};

TEST_F(Allocator, TracksImagesAndBuffersAndReleasesThem) {
    auto& dev = engine().device();
    const auto s0 = dev.memory().snapshot();
    const auto blocks0 = dev.allocator().block_count();
    {
        gpu::ImageDesc small;
        small.extent = {64, 64};
        small.format = VK_FORMAT_R8G8B8A8_UNORM;
        small.usage = VK_IMAGE_USAGE_SAMPLED_BIT;
        small.name = "small";
        small.owner = "tester";
        auto a = dev.create_image(small);
        ASSERT_TRUE(a.ok()) << a.message();
        gpu::ImageDesc big = small;
        big.extent = {2048, 2048};  // 16 MiB: dedicated
        big.name = "big";
        auto b = dev.create_image(big);
        ASSERT_TRUE(b.ok()) << b.message();
        gpu::BufferDesc bd;
        bd.size = 4096;
        bd.usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT;
        bd.domain = gpu::MemoryDomain::HostVisible;
        bd.name = "staging-like";
        bd.owner = "tester";
        auto c = dev.create_buffer(bd);
        ASSERT_TRUE(c.ok()) << c.message();
        EXPECT_NE(c->mapped(), nullptr);  // host-visible buffers are mapped for life

        const auto s1 = dev.memory().snapshot();
        EXPECT_EQ(s1.image_count - s0.image_count, 2u);
        EXPECT_EQ(s1.buffer_count - s0.buffer_count, 1u);
        EXPECT_GE(s1.image_bytes - s0.image_bytes, 64u * 64u * 4u + 2048u * 2048u * 4u);
        EXPECT_GE(s1.host_visible_bytes - s0.host_visible_bytes, 4096u);
        EXPECT_GE(dev.memory().owner_bytes("tester"), 64u * 64u * 4u + 4096u + 2048u * 2048u * 4u);
        EXPECT_GT(dev.allocator().block_count(), blocks0);
    }
    // Retired, not yet destroyed: the frame slot might still use them.
    EXPECT_GT(dev.deleter().pending(), 0u);
    render(3);  // both slots come round: everything retired is destroyed
    EXPECT_EQ(dev.deleter().pending(), 0u);
    const auto s2 = dev.memory().snapshot();
    EXPECT_EQ(s2.image_count, s0.image_count);
    EXPECT_EQ(s2.total_bytes(), s0.total_bytes());
    EXPECT_EQ(dev.memory().owner_bytes("tester"), 0u);
}

// A chain swap or a resize frees images and allocates as many again: an emptied block is kept
// for that (one per pool), instead of going back to the driver and coming back at once.
TEST_F(Allocator, KeepsOneEmptyBlockForReuse) {
    auto& dev = engine().device();
    gpu::ImageDesc d;
    d.extent = {1024, 1024};  // 4 MiB: suballocated from 64 MiB blocks
    d.format = VK_FORMAT_R8G8B8A8_UNORM;
    d.usage = VK_IMAGE_USAGE_SAMPLED_BIT;
    d.name = "block-test";
    auto make = [&](std::vector<gpu::Image>& into, int n) {
        for (int i = 0; i < n; ++i) {
            auto img = dev.create_image(d);
            ASSERT_TRUE(img.ok()) << img.message();
            into.push_back(std::move(*img));
        }
    };
    render(1);  // the engine's own small images first
    std::vector<gpu::Image> kept, churn;
    make(kept, 12);  // most of one block stays in use, like the running chain
    const auto blocks_kept = dev.allocator().block_count();
    make(churn, 8);  // spills into a second block
    const auto blocks_peak = dev.allocator().block_count();
    ASSERT_GT(blocks_peak, blocks_kept) << "the test needs the second batch to open a block";
    for (int round = 0; round < 3; ++round) {
        churn.clear();
        render(3);  // retired images are destroyed
        EXPECT_EQ(dev.allocator().block_count(), blocks_peak) << "the emptied block went back to the driver";
        const auto live_memory = dev.counters().live(gpu::ObjectKind::Memory);
        make(churn, 8);
        EXPECT_EQ(dev.counters().live(gpu::ObjectKind::Memory), live_memory) << "round " << round;
    }
    // Two blocks emptied at once: one is kept, the other goes back (the bound).
    std::vector<gpu::Image> more;
    make(more, 16);
    const auto blocks_all = dev.allocator().block_count();
    ASSERT_GT(blocks_all, blocks_peak);
    churn.clear();
    more.clear();
    render(3);
    EXPECT_EQ(dev.allocator().block_count(), blocks_all - 1);
}

TEST_F(Allocator, BadSizesAreErrorsNamingTheImage) {
    auto& dev = engine().device();
    const auto live = dev.counters().total_live();
    const auto bytes = dev.memory().snapshot().total_bytes();
    gpu::ImageDesc d;
    d.extent = {0, 16};
    d.format = VK_FORMAT_R8G8B8A8_UNORM;
    d.usage = VK_IMAGE_USAGE_SAMPLED_BIT;
    d.name = "zero";
    auto a = dev.create_image(d);
    ASSERT_FALSE(a.ok());
    EXPECT_NE(a.message().find("image 'zero' has size 0x16"), std::string::npos) << a.message();
    d.extent = {dev.limits().maxImageDimension2D + 1, 16};
    d.name = "wide";
    auto b = dev.create_image(d);
    ASSERT_FALSE(b.ok());
    EXPECT_NE(b.message().find("maxImageDimension2D"), std::string::npos) << b.message();
    // The refusals created nothing and hold no memory.
    EXPECT_EQ(dev.counters().total_live(), live);
    EXPECT_EQ(dev.memory().snapshot().total_bytes(), bytes);
}

TEST_F(Allocator, SmallBuffersShareABlock) {
    auto& dev = engine().device();
    std::vector<gpu::Buffer> buffers;
    const auto mem0 = dev.memory().snapshot().memory_objects;
    for (int i = 0; i < 32; ++i) {
        gpu::BufferDesc bd;
        bd.size = 1024;
        bd.usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT;
        bd.domain = gpu::MemoryDomain::HostVisible;
        bd.name = "tiny";
        auto b = dev.create_buffer(bd);
        ASSERT_TRUE(b.ok());
        buffers.push_back(std::move(*b));
    }
    // 32 buffers, at most one new device memory object.
    EXPECT_LE(dev.memory().snapshot().memory_objects - mem0, 1u);
}

TEST_F(Allocator, StagingPoolReusesBuffers) {
    auto& pool = engine().staging();
    for (int i = 0; i < 5; ++i) {
        auto b = pool.acquire(100000, VK_BUFFER_USAGE_TRANSFER_DST_BIT, "readback");
        ASSERT_TRUE(b.ok());
        pool.release(std::move(*b));
        render(2);  // the slot comes round; the buffer is free again
    }
    EXPECT_EQ(pool.misses(), 1u);
    EXPECT_EQ(pool.hits(), 4u);
    EXPECT_GT(pool.hit_rate(), 0.79);
}

}  // namespace
}  // namespace loom::test
