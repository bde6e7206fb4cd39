// The temporal operators that keep a ring of past frames (FrameCache, TimeMachine, Echo): each
// reads exactly the frame it should, the ring fills up without a black start, a resize starts it
// afresh, and steady frames create nothing.
#include <algorithm>
#include <cmath>

#include "core/gpu/device.hpp"
#include "core/runtime/stats.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

// The frame number / 100: every frame's picture is a different grey.
struct FrameNumber final : ValueOperatorT<FrameNumber> {
    static constexpr const char* kTypeName = "FrameNumber";
    float compute(const ValueContext& ctx) override { return float(ctx.frame) * 0.01f; }
};

class Temporal : public GpuTest {
protected:
    // A solid picture whose red is the frame number / 100.
    SolidColor& counter() {
        auto& n = chain().add<FrameNumber>("n");
        return chain().add<SolidColor>("count").color({0.0f, 0.0f, 0.0f, 1.0f}).drive("color", n, 0);
    }
    float red(const std::string& op, std::uint32_t x = 2, std::uint32_t y = 2) {
        const io::Pixels px = read(op);
        return px.at(x, y)[0];
    }
};

TEST_F(Temporal, FrameCacheShowsTheFrameDelayFramesAgo) {
    auto& c = counter();
    auto& cache = chain().add<FrameCache>("cache").input(c).frames(8).delay(3.0f);
    const float now0 = [&] { render(); return red("count"); }();
    EXPECT_NEAR(red("cache"), now0, 1e-3f) << "one frame held: a delay beyond it shows the oldest";
    render(2);
    const float now = red("count");
    EXPECT_NEAR(red("cache"), now - 0.02f, 1e-3f) << "three frames held: the oldest";
    render(5);
    const float later = red("count");
    EXPECT_NEAR(red("cache"), later - 0.03f, 1e-3f);
    cache.delay(1.5f);  // halfway between one and two frames ago
    render();
    EXPECT_NEAR(red("cache"), red("count") - 0.015f, 1e-3f);
    cache.delay(20.0f);  // the ring holds 8: the oldest of them
    render();
    EXPECT_NEAR(red("cache"), red("count") - 0.07f, 1e-3f);
}

TEST_F(Temporal, AResizeStartsTheRingAfresh) {
    auto& c = counter();
    chain().add<FrameCache>("cache").input(c).frames(4).delay(3.0f);
    render(6);
    EXPECT_NEAR(red("cache"), red("count") - 0.03f, 1e-3f);
    c.size(48, 32);  // the ring is remade at the new size
    render();
    EXPECT_NEAR(red("cache"), red("count"), 1e-3f) << "no stale frames of the old size";
    EXPECT_EQ(chain().find("cache")->extent().width, 48u);
}

TEST_F(Temporal, TimeMachineTakesEachPixelFromTheAgeItsMapSays) {
    auto& c = counter();
    // The map: black on the left, white on the right.
    auto& map = chain().add<Gradient>("map").color_a({0, 0, 0, 1}).color_b({1, 1, 1, 1});
    chain().add<TimeMachine>("tm").inputs({&c, &map}).frames(11);
    render(20);
    const float now = red("count");
    const io::Pixels px = read("tm");
    EXPECT_NEAR(px.at(0, 10)[0], now, 0.012f) << "black: this frame";
    EXPECT_NEAR(px.at(px.width - 1, 10)[0], now - 0.10f, 0.012f) << "white: ten frames ago";
    const float mid = px.at(px.width / 2, 10)[0];
    EXPECT_GT(mid, now - 0.07f);
    EXPECT_LT(mid, now - 0.03f);
}

TEST_F(Temporal, EchoWeighsItsEchoesByDecay) {
    auto& c = counter();
    auto& echo = chain().add<Echo>("echo").input(c).count(3).spacing(2).decay(0.5f).mode(EchoMode::Blend);
    render(10);
    const float now = red("count");
    // (1 * now + 0.5 * (now - 0.02) + 0.25 * (now - 0.04)) / 1.75
    EXPECT_NEAR(red("echo"), (1.75f * now - 0.01f - 0.01f) / 1.75f, 1e-3f);
    echo.mode(EchoMode::Add);
    render();
    const float n2 = red("count");
    EXPECT_NEAR(red("echo"), 1.75f * n2 - 0.02f, 2e-3f);
    echo.mode(EchoMode::Max);
    render();
    EXPECT_NEAR(red("echo"), red("count"), 1e-3f) << "the newest, weight 1, is the brightest";
}

TEST_F(Temporal, ADrivenEchoCountKeepsItsFramesAndCreatesNothing) {
    auto& c = counter();
    auto& steps = chain().add<Clock>("steps").bpm(600.0f).output(ClockOutput::Step).steps(4);  // 0..3, a step every 6 frames
    auto& count = chain().add<Math>("echoes").op(MathOp::Add).a(steps).b(2.0f);                // 2..5 echoes
    auto& echo = chain().add<Echo>("echo").input(c).count(count).spacing(3).mode(EchoMode::Blend).decay(1.0f);
    render(30);  // the ring has grown to the most echoes asked for (5: 13 frames)
    for (int i = 0; i < 24; ++i) {
        render();
        // Decay 1, blend: the plain average of frames 0, 3, 6, ... ago, all still in the ring.
        float n = 0;
        echo.param("count")->get_floats(&n);
        ASSERT_NEAR(red("echo"), red("count") - 0.01f * 3.0f * (n - 1.0f) / 2.0f, 1e-3f) << "frame " << i << ", " << n;
    }
    const auto d = counted_frames(24);  // (no reads: a read-back makes its own objects)
    EXPECT_EQ(d.objects_created, 0u) << "a changing count remade the ring: " << d.to_string();
}

TEST_F(Temporal, SteadyFramesCreateNothingAndAnOverBudgetRingFailsOnlyItsOperator) {
    auto& c = counter();
    chain().add<Echo>("echo").input(c).count(4).spacing(3);
    render(3);
    const auto d = counted_frames(20);
    EXPECT_EQ(d.objects_created, 0u) << d.to_string();
    EXPECT_EQ(d.descriptor_writes, 0u) << d.to_string();

    // A ring of 128 frames, each 1/40 of the device memory Loom may use: beyond the budget on any
    // device (or beyond what one image may hold), while one frame fits. That operator fails, the
    // rest runs.
    const double frame_bytes = double(engine().device().memory().device_local_limit()) / 40.0;
    const auto side = std::uint32_t(std::min(16384.0, std::sqrt(frame_bytes / 16.0)));  // RGBA32F
    auto& big = chain().add<SolidColor>("big").size(side, side).format(Format::RGBA32F);
    chain().add<FrameCache>("huge").input(big).frames(128);
    chain().output("echo");
    engine().set_viewed("huge");
    ASSERT_TRUE(engine().frame().ok());
    Operator* huge = chain().find("huge");
    ASSERT_TRUE(huge->failed());
    EXPECT_FALSE(chain().find("big")->failed());
    EXPECT_NE(huge->error().find("ring of 128 frames (fewer frames need less memory)"), std::string::npos)
        << huge->error() << " (a frame of " << side << "x" << side << ")";
    EXPECT_NE(huge->error().find("Fix:"), std::string::npos) << huge->error();
    // Fewer frames fit: the operator is tried again as soon as the parameter changes.
    chain().get<FrameCache>("huge").frames(2);
    ASSERT_TRUE(engine().frame().ok());
    EXPECT_FALSE(huge->failed()) << huge->error();
    engine().set_viewed("");
    render(2);
    EXPECT_FALSE(chain().find("echo")->failed());
}

}  // namespace
}  // namespace loom::test
