// A size change reallocates what depends on it and renders the same as a fresh start at that size.
#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

class Resize : public GpuTest {};

void build(Chain& c) {
    auto& n = c.add<Noise>("noise").scale(2.0f).octaves(2);
    auto& b = c.add<Blur>("blur").input(n).sigma(2.0f);
    c.add<Bloom>("glow").input(b).threshold(0.4f);
    c.output("glow");
}

TEST_F(Resize, CanvasChangeReallocatesAndMatchesAFreshRender) {
    build(chain());
    render(3);
    auto small = read("glow");
    EXPECT_EQ(small.width, 96u);

    engine().set_canvas({160, 90});
    render(3);
    auto big = read("glow");
    ASSERT_EQ(big.width, 160u);
    ASSERT_EQ(big.height, 90u);
    EXPECT_EQ(chain().find("blur")->extent(), (Extent{160, 90}));
    render(3);  // the old images retire once their frames are done
    const auto images_after_resize = engine().device().memory().snapshot().image_count;

    // A fresh engine at 160x90 renders the same frame the same way.
    auto resized = big;
    ASSERT_NO_FATAL_FAILURE(restart(test_config({160, 90})));
    build(chain());
    render(6);
    auto fresh = read("glow");
    auto r = io::compare(resized, fresh, 1.0f / 255.0f);
    EXPECT_EQ(r.failing_pixels, 0u) << "max diff " << r.max_channel_diff * 255.0f;
    // ... with the same images: nothing of the old size was left behind.
    EXPECT_EQ(engine().device().memory().snapshot().image_count, images_after_resize);
}

TEST_F(Resize, OperatorSizeAndFormatChangesInUpdateReallocate) {
    build(chain());
    render(2);
    const auto bytes0 = engine().device().memory().owner_bytes("noise");
    EXPECT_EQ(bytes0, 96u * 64u * 8u);  // RGBA16F by default
    auto r = engine().frame([](Context& ctx) { ctx.chain().get<Noise>("noise").size(200, 100).format(Format::RGBA8); });
    ASSERT_TRUE(r.ok()) << r.message();
    render(3);
    EXPECT_EQ(chain().find("noise")->extent(), (Extent{200, 100}));
    EXPECT_EQ(chain().find("blur")->extent(), (Extent{200, 100}));  // relative to its input
    EXPECT_GE(engine().device().memory().owner_bytes("noise"), 200u * 100u * 4u);
    auto px = read("glow");
    EXPECT_EQ(px.width, 200u);
}

TEST_F(Resize, ResizeChurnReturnsToBaseline) {
    build(chain());
    render(3);
    const auto mem0 = engine().device().memory().snapshot();
    const auto live0 = engine().device().counters().total_live();
    for (int i = 0; i < 12; ++i) {
        engine().set_canvas({96u + 16u * std::uint32_t(i % 4), 64u});
        render(1);
    }
    engine().set_canvas({96, 64});
    render(4);  // retired images, their descriptor sets and empty pools are gone by now
    EXPECT_EQ(engine().device().memory().snapshot().total_bytes(), mem0.total_bytes());
    EXPECT_EQ(engine().device().counters().total_live(), live0);
}

}  // namespace
}  // namespace loom::test

namespace loom::test {
namespace {

// Heavy resize churn must not pile up descriptor pools: sets of retired images are retired and
// their pools reused or dropped.
TEST_F(Resize, ChurnDoesNotPileUpDescriptorPools) {
    for (int k = 0; k < 3; ++k) {
        auto& n = chain().add<Noise>(std::string("n") + std::to_string(k));
        auto& b = chain().add<Blur>(std::string("b") + std::to_string(k)).input(n);
        chain().add<Bloom>(std::string("g") + std::to_string(k)).input(b).radius(1.0f);
    }
    chain().add<Composite>("out").inputs({"g0", "g1", "g2"});
    render(2);
    const auto steady = engine().device().counters().live(gpu::ObjectKind::DescriptorSet);
    std::size_t most_pools = 0;
    std::uint64_t most_sets = 0;
    for (int i = 0; i < 60; ++i) {
        engine().set_canvas({64u + 8u * std::uint32_t(i % 5), 48u});
        render(1);
        most_pools = std::max(most_pools, engine().descriptors().pool_count());
        most_sets = std::max(most_sets, engine().device().counters().live(gpu::ObjectKind::DescriptorSet));
    }
    // Sets of the retired images go with them: at most this frame's and the last frames' sets
    // are alive (the retired ones wait for their frame slot), never an accumulation.
    EXPECT_LE(most_sets, 3 * steady) << "steady " << steady;
    EXPECT_LE(most_pools, 2u);
}

}  // namespace
}  // namespace loom::test
