// Value operators on the GPU: a driven parameter takes its driver's value on the frame it is
// computed, repeating the binding in update() recompiles nothing, and frames with values create
// nothing.
#include <cmath>

#include "core/runtime/stats.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

class Values : public GpuTest {};

TEST_F(Values, ADrivenParameterTakesItsDriversValueOnTheFrameItIsComputed) {
    auto& saw = chain().add<LFO>("saw").shape(LfoShape::Saw).frequency(0.7f).amplitude(0.5f).offset(0.5f);
    auto& half = chain().add<Math>("half").op(MathOp::Multiply).a(saw).b(0.5f);
    auto& solid = chain().add<SolidColor>("solid").color({0.0f, 0.0f, 0.0f, 1.0f});
    solid.drive("color", saw, 0).drive("color", half, 2);
    float last = -1.0f;
    for (int f = 0; f < 20; ++f) {
        render();
        const io::Pixels px = read(solid);
        const float* p = px.at(3, 3);
        EXPECT_NEAR(p[0], saw.value(), 2e-3f) << "frame " << f;  // RGBA16F holds 11 bits
        EXPECT_NEAR(p[1], 0.0f, 1e-6f) << "an undriven component keeps its value";
        EXPECT_NEAR(p[2], saw.value() * 0.5f, 2e-3f) << "frame " << f;
        EXPECT_NE(saw.value(), last) << "the saw moves every frame";
        last = saw.value();
    }
}

// A hot reload keeps a stateful value going: a Math smooth of a step carries on from where it
// was (a fresh one would jump straight to the step), and a Logic toggle keeps its side.
TEST_F(Values, AHotReloadKeepsSmoothedValuesAndToggles) {
    const auto build = [](Chain& c) {
        c.add<Math>("smooth").op(MathOp::Smooth).a(1.0f).smoothing(1.0f);
        auto& t = c.add<Logic>("toggle").op(LogicOp::Toggle).b(0.5f);
        auto& solid = c.add<SolidColor>("solid").color({0.0f, 0.0f, 0.0f, 1.0f});
        solid.drive("color", t, 0);
        return &t;
    };
    Logic* t = build(chain());
    chain().get<Math>("smooth").a(0.0f);
    render(2);  // smooth starts at 0
    chain().get<Math>("smooth").a(1.0f);
    t->a(1.0f);  // crosses above b: the toggle turns on
    render(10);
    const float before = chain().get<Math>("smooth").value();
    ASSERT_GT(before, 0.05f);
    ASSERT_LT(before, 0.5f);
    ASSERT_EQ(t->value(), 1.0f);
    auto swapped = engine().replace_chain([&](Context& ctx) -> Result<void> {
        build(ctx.chain())->a(1.0f);  // above b all along: no new crossing
        return {};
    });
    ASSERT_TRUE(swapped.ok()) << swapped.message();
    EXPECT_EQ(swapped->kept, 3u);
    render();
    const float after = chain().get<Math>("smooth").value();
    EXPECT_GT(after, before) << "it goes on rising";
    EXPECT_LT(after, 0.6f) << "a fresh smooth would jump to the step (1)";
    EXPECT_EQ(chain().get<Logic>("toggle").value(), 1.0f) << "the toggle kept its side";
}

TEST_F(Values, RebindingInUpdateEveryFrameRecompilesNothingAndFramesCreateNothing) {
    auto& noise = chain().add<Noise>("noise").scale(4.0f);
    chain().add<LFO>("lfo").frequency(2.0f).amplitude(3.0f).offset(4.0f);
    chain().add<Clock>("clock").bpm(140.0f).output(ClockOutput::Step).steps(3);
    chain().add<Blur>("blur").input(noise);
    chain().add<Switch>("switch").inputs({&noise, "blur"});
    auto update = [](Context& ctx) {
        auto& c = ctx.chain();
        c.get<Blur>("blur").sigma(c.get<LFO>("lfo"));
        c.get<Switch>("switch").index(c.get<Clock>("clock"));
    };
    // Warm-up: every step of the clock once (a tick is 26 frames), so the Switch has bound each
    // pair of inputs it will bind.
    for (int i = 0; i < 90; ++i) ASSERT_TRUE(engine().frame(update).ok());
    const auto compiles = engine().runtime().compiles();
    const auto d = counted_frames(30, update);
    EXPECT_EQ(engine().runtime().compiles(), compiles);
    EXPECT_EQ(d.objects_created, 0u) << d.to_string();
    EXPECT_EQ(d.descriptor_sets_allocated, 0u) << d.to_string();
    EXPECT_EQ(d.descriptor_writes, 0u) << d.to_string();
    EXPECT_EQ(d.submits, 30u) << d.to_string();
    float sigma;
    chain().get<Blur>("blur").param("sigma")->get_floats(&sigma);
    EXPECT_FLOAT_EQ(sigma, chain().get<LFO>("lfo").value());
}

TEST_F(Values, AValueMisusedKeepsTheLastGoodChainRunning) {
    chain().add<Noise>("noise");
    render(2);
    auto& lfo = chain().add<LFO>("lfo");
    chain().add<Blur>("blur").input(lfo);
    auto r = engine().frame();
    EXPECT_FALSE(r.ok());
    EXPECT_NE(r.message().find("value operator"), std::string::npos) << r.message();
    ASSERT_NE(engine().runtime().plan(), nullptr);
    EXPECT_EQ(engine().runtime().plan()->order_string(), "noise") << "the last good chain still runs";
}

}  // namespace
}  // namespace loom::test
