// Value operators without a GPU: what LFO, Math, Logic and Clock compute, how a parameter is
// driven (and stops being driven), and how the plan orders values and rejects their misuse.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>
#include <string>

#include <loom/loom.hpp>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "core/graph/plan.hpp"

using namespace loom;

namespace {

graph::CompileEnv env() { return graph::CompileEnv{{64, 36}, 16384}; }

// The value of `v` at `time` (fixed 60 fps steps for dt).
float at(ValueOperator& v, double time) {
    v.evaluate(ValueContext{time, 1.0f / 60.0f, static_cast<std::uint64_t>(time * 60.0)});
    return v.value();
}

TEST(Value, LfoShapesFollowTheirFormulas) {
    LFO lfo;
    lfo.frequency(1.0f).amplitude(2.0f).offset(1.0f);
    EXPECT_NEAR(at(lfo, 0.25), 3.0f, 1e-5f);  // sine peak: 1 + 2
    EXPECT_NEAR(at(lfo, 0.75), -1.0f, 1e-5f);
    lfo.shape(LfoShape::Triangle);
    EXPECT_NEAR(at(lfo, 0.0), -1.0f, 1e-5f);
    EXPECT_NEAR(at(lfo, 0.5), 3.0f, 1e-5f);
    EXPECT_NEAR(at(lfo, 0.25), 1.0f, 1e-5f);
    lfo.shape(LfoShape::Saw).offset(0.0f).amplitude(1.0f);
    EXPECT_NEAR(at(lfo, 0.25), -0.5f, 1e-5f);
    EXPECT_NEAR(at(lfo, 2.75), 0.5f, 1e-5f);
    lfo.shape(LfoShape::Square).width(0.25f);
    EXPECT_EQ(at(lfo, 0.2), 1.0f);
    EXPECT_EQ(at(lfo, 0.3), -1.0f);
    lfo.phase(0.5f);  // half a cycle later
    EXPECT_EQ(at(lfo, 0.7), 1.0f);
}

TEST(Value, ADrivenFrequencyChangesTheRateWithoutJumps) {
    LFO fm, carrier;
    fm.frequency(0.5f).amplitude(0.5f).offset(1.0f);  // 0.5 .. 1.5 Hz
    carrier.frequency(fm);
    float prev = 0.0f;
    for (int f = 0; f <= 6020; ++f) {  // past 100 s, where frequency x time would jump by a cycle a frame
        at(fm, f / 60.0);
        carrier.param("frequency")->apply_drivers();
        const float v = at(carrier, f / 60.0);
        if (f > 0) {
            ASSERT_LT(std::fabs(v - prev), 2.0f * 3.1416f * 1.5f / 60.0f + 1e-3f) << "frame " << f;
        }
        prev = v;
    }
    EXPECT_TRUE(carrier.depends_on_past());
    EXPECT_FALSE(fm.depends_on_past());
}

TEST(Value, LfoNoiseIsSmoothDeterministicAndInRange) {
    LFO a, b;
    a.shape(LfoShape::Noise).frequency(3.0f).seed(7);
    b.shape(LfoShape::Noise).frequency(3.0f).seed(7);
    float prev = at(a, 0.0);
    bool varied = false;
    for (int f = 1; f < 600; ++f) {
        const double t = f / 60.0;
        const float v = at(a, t);
        EXPECT_EQ(v, at(b, t)) << "the same seed gives the same values";
        EXPECT_LE(std::fabs(v), 1.0f);
        EXPECT_LT(std::fabs(v - prev), 0.3f) << "no jumps at frame " << f;
        varied = varied || std::fabs(v - prev) > 1e-3f;
        prev = v;
    }
    EXPECT_TRUE(varied);
    b.seed(8);
    EXPECT_NE(at(a, 1.3), at(b, 1.3));
}

TEST(Value, MathOperations) {
    Math m;
    auto run = [&](MathOp op, float a, float b) {
        m.op(op).a(a).b(b);
        return at(m, 0.0);
    };
    EXPECT_EQ(run(MathOp::Add, 2, 3), 5.0f);
    EXPECT_EQ(run(MathOp::Subtract, 2, 3), -1.0f);
    EXPECT_EQ(run(MathOp::Multiply, 2, 3), 6.0f);
    EXPECT_EQ(run(MathOp::Divide, 3, 2), 1.5f);
    EXPECT_EQ(run(MathOp::Divide, 3, 0), 0.0f);
    EXPECT_EQ(run(MathOp::Min, 2, 3), 2.0f);
    EXPECT_EQ(run(MathOp::Max, 2, 3), 3.0f);
    EXPECT_EQ(run(MathOp::Power, 2, 3), 8.0f);
    EXPECT_EQ(run(MathOp::Power, -1, 0.5f), 0.0f);  // not a real number
    EXPECT_EQ(run(MathOp::Modulo, -1, 4), 3.0f);
    EXPECT_EQ(run(MathOp::Modulo, 5, 0), 0.0f);
    EXPECT_EQ(run(MathOp::Abs, -2, 0), 2.0f);
    m.to(-1.0f, 1.0f);
    EXPECT_EQ(run(MathOp::Clamp, 5, 0), 1.0f);
    m.from(0.0f, 10.0f).to(100.0f, 200.0f);
    EXPECT_EQ(run(MathOp::Remap, 2.5f, 0), 125.0f);
    EXPECT_EQ(run(MathOp::Remap, 20.0f, 0), 300.0f) << "remap does not clamp";
}

TEST(Value, MathSmoothStartsAtItsInputAndFollowsWithItsLag) {
    Math m;
    m.op(MathOp::Smooth).a(0.0f).smoothing(0.5f);
    EXPECT_EQ(at(m, 0.0), 0.0f);
    m.a(1.0f);
    float v = 0.0f;
    for (int f = 1; f <= 30; ++f) v = at(m, f / 60.0);  // half a second: one time constant
    EXPECT_NEAR(v, 1.0f - std::exp(-1.0f), 0.01f);
    for (int f = 31; f <= 600; ++f) v = at(m, f / 60.0);
    EXPECT_NEAR(v, 1.0f, 1e-3f);
}

TEST(Value, LogicComparesTogglesAndTriggers) {
    Logic l;
    auto run = [&](LogicOp op, float a, float b) {
        l.op(op).a(a).b(b);
        return at(l, 0.0);
    };
    EXPECT_EQ(run(LogicOp::Greater, 2, 1), 1.0f);
    EXPECT_EQ(run(LogicOp::Less, 2, 1), 0.0f);
    l.tolerance(0.1f);
    EXPECT_EQ(run(LogicOp::Equal, 1.05f, 1), 1.0f);
    l.range(0.0f, 1.0f);
    EXPECT_EQ(run(LogicOp::InRange, 1.0f, 0), 1.0f);
    EXPECT_EQ(run(LogicOp::InRange, 1.1f, 0), 0.0f);
    EXPECT_EQ(run(LogicOp::And, 1, 0), 0.0f);
    EXPECT_EQ(run(LogicOp::Or, 1, 0), 1.0f);
    EXPECT_EQ(run(LogicOp::Not, 0, 0), 1.0f);

    Logic t, g;
    t.op(LogicOp::Toggle).b(0.5f);
    g.op(LogicOp::Trigger).b(0.5f);
    const float a[] = {0, 1, 1, 0, 0, 1, 0};
    const float toggle[] = {0, 1, 1, 1, 1, 0, 0};
    const float trigger[] = {0, 1, 0, 0, 0, 1, 0};
    for (int i = 0; i < 7; ++i) {
        t.a(a[i]);
        g.a(a[i]);
        EXPECT_EQ(at(t, i / 60.0), toggle[i]) << "frame " << i;
        EXPECT_EQ(at(g, i / 60.0), trigger[i]) << "frame " << i;
    }
    Logic high;
    high.op(LogicOp::Trigger).a(1.0f).b(0.5f);
    EXPECT_EQ(at(high, 0.0), 0.0f) << "already high on the first frame is not a rise";
}

TEST(Value, ClockCountsPhasesPulsesAndSteps) {
    Clock c;
    c.bpm(120.0f);  // two beats a second; quarter notes
    EXPECT_EQ(at(c, 1.0), 2.0f);
    EXPECT_EQ(at(c, 1.26), 2.0f);
    c.division(ClockDivision::Eighth);
    EXPECT_EQ(at(c, 1.0), 4.0f);
    c.output(ClockOutput::Phase).division(ClockDivision::Quarter);
    EXPECT_NEAR(at(c, 1.25), 0.5f, 1e-5f);
    c.output(ClockOutput::Step).steps(4);
    EXPECT_EQ(at(c, 2.5), 1.0f);  // tick 5 of a 4-step sequence
    c.output(ClockOutput::Pulse).decay(0.1f);
    EXPECT_NEAR(at(c, 1.0), 1.0f, 1e-5f);
    EXPECT_NEAR(at(c, 1.1), std::exp(-1.0f), 1e-4f);
    c.output(ClockOutput::Count).division(ClockDivision::Bar).offset(1.0f);
    EXPECT_EQ(at(c, 2.5), 1.0f);  // (5 beats - 1) / 4
}

struct NotANumber final : ValueOperatorT<NotANumber> {
    static constexpr const char* kTypeName = "NotANumber";
    float compute(const ValueContext&) override { return std::nanf(""); }
};

TEST(Value, EvaluateKeepsAHistoryAndNeverPassesANaN) {
    NotANumber nan;
    EXPECT_EQ(at(nan, 0.0), 0.0f);
    LFO saw;
    saw.shape(LfoShape::Saw).frequency(1.0f);
    for (int f = 0; f < ValueOperator::kHistory + 10; ++f) at(saw, f / 1000.0);
    float h[ValueOperator::kHistory];
    ASSERT_EQ(saw.history(h), ValueOperator::kHistory);
    EXPECT_NEAR(h[ValueOperator::kHistory - 1], saw.value(), 1e-6f);
    EXPECT_NEAR(h[0], 2.0f * 10.0f / 1000.0f - 1.0f, 1e-5f) << "oldest first";
}

TEST(Drive, SetterTakesAValueOrAValueOperatorAndTheLastCallWins) {
    Chain c;
    auto& noise = c.add<Noise>("noise");
    auto& lfo = c.add<LFO>("lfo").amplitude(3.0f).offset(5.0f);
    auto& blur = c.add<Blur>("blur").input(noise).sigma(lfo);
    ParamBase& sigma = *blur.param("sigma");
    EXPECT_TRUE(sigma.driven());
    EXPECT_EQ(sigma.driver(), &lfo);
    const auto v = c.version();
    blur.sigma(lfo);  // update() may repeat it every frame: no recompile
    EXPECT_EQ(c.version(), v);
    at(lfo, 0.25);
    sigma.apply_drivers();
    EXPECT_FLOAT_EQ(static_cast<Param<float>&>(sigma).get(), 8.0f);
    blur.sigma(2.0f);
    EXPECT_FALSE(sigma.driven());
    EXPECT_GT(c.version(), v) << "the plan's list of driven operators changes";
    EXPECT_FLOAT_EQ(static_cast<Param<float>&>(sigma).get(), 2.0f);
}

TEST(Drive, OneComponentAndUnknownNamesOrComponents) {
    Chain c;
    auto& lfo = c.add<LFO>("lfo").offset(0.25f).amplitude(0.0f);
    auto& shape = c.add<Shape>("dot").center({0.5f, 0.5f});
    shape.drive("center", lfo, 1);
    ParamBase& center = *shape.param("center");
    EXPECT_EQ(center.driver(0), nullptr);
    EXPECT_EQ(center.driver(1), &lfo);
    at(lfo, 0.0);
    center.apply_drivers();
    float v[2];
    center.get_floats(v);
    EXPECT_EQ(v[0], 0.5f);
    EXPECT_EQ(v[1], 0.25f);
    try {
        shape.drive("centre", lfo);
        FAIL() << "no throw";
    } catch (const ChainError& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("no parameter 'centre'"), std::string::npos) << m;
        EXPECT_NE(m.find("center"), std::string::npos) << m;  // the names there are
    }
    EXPECT_THROW(shape.drive("center", lfo, 2), ChainError);
}

TEST(Drive, ADrivenValueOutOfRangeIsClampedWithOneWarning) {
    Chain c;
    auto& lfo = c.add<LFO>("lfo").amplitude(100.0f);
    auto& blur = c.add<Blur>("blur").sigma(lfo);
    ParamBase& sigma = *blur.param("sigma");
    auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64);
    spdlog::default_logger()->sinks().push_back(sink);
    for (int f = 0; f < 120; ++f) {
        at(lfo, f / 60.0);
        sigma.apply_drivers();
        float s;
        sigma.get_floats(&s);
        EXPECT_GE(s, 0.0f);
        EXPECT_LE(s, 64.0f);
    }
    spdlog::default_logger()->sinks().pop_back();
    EXPECT_GT(sigma.clamp_count(), 10u);  // two swings beyond the range, every clamp counted
    const auto lines = sink->last_formatted();
    ASSERT_EQ(lines.size(), 1u) << "one warning while the LFO drives";
    EXPECT_NE(lines[0].find("blur.sigma"), std::string::npos) << lines[0];
    EXPECT_NE(lines[0].find("driven by 'lfo'"), std::string::npos) << lines[0];

}

TEST(Plan, ValuesComeDriversFirstAndAreNeitherStepsNorCulled) {
    Chain c;
    auto& mix = c.add<Math>("mix");
    auto& noise = c.add<Noise>("noise");
    auto& slow = c.add<LFO>("slow");
    auto& fast = c.add<LFO>("fast").frequency(slow);
    mix.a(slow).b(fast);
    c.add<Blur>("blur").input(noise).sigma(mix);
    c.add<LFO>("unused");
    auto p = graph::compile(c, env());
    ASSERT_TRUE(p.ok()) << p.message();
    EXPECT_EQ(p->order_string(), "noise -> blur") << "the default output is the last image operator";
    std::string order;
    for (const ValueOperator* v : p->values) order += v->name() + " ";
    EXPECT_EQ(order, "slow fast mix unused ");
    EXPECT_TRUE(p->culled.empty());
    ASSERT_EQ(p->driven.size(), 1u);
    EXPECT_EQ(p->driven[0]->name(), "blur");
}

TEST(Plan, ValueMisuseIsAnErrorThatSaysWhatToDo) {
    {
        Chain c;
        auto& lfo = c.add<LFO>("lfo");
        c.add<Blur>("blur").input(lfo);
        auto p = graph::compile(c, env());
        ASSERT_FALSE(p.ok());
        EXPECT_NE(p.message().find("'lfo' (LFO), a value operator, which has no image"), std::string::npos) << p.message();
        EXPECT_NE(p.message().find(".drive(\"sigma\", lfo)"), std::string::npos) << p.message();
    }
    {
        Chain c;
        c.add<Noise>("noise");
        c.add<LFO>("lfo");
        c.output("lfo");
        auto p = graph::compile(c, env());
        ASSERT_FALSE(p.ok());
        EXPECT_NE(p.message().find("output 'lfo' (LFO) is a value operator"), std::string::npos) << p.message();
    }
    {
        Chain c;
        c.add<LFO>("lfo");
        auto p = graph::compile(c, env());
        ASSERT_FALSE(p.ok());
        EXPECT_NE(p.message().find("only value operators (lfo)"), std::string::npos) << p.message();
    }
    {
        Chain c, other;
        auto& lfo = other.add<LFO>("lfo");
        c.add<Noise>("noise").scale(lfo);
        auto p = graph::compile(c, env());
        ASSERT_FALSE(p.ok());
        EXPECT_NE(p.message().find("not in this chain"), std::string::npos) << p.message();
    }
}

TEST(Plan, ValuesDrivingEachOtherInACycleAreNamed) {
    Chain c;
    c.add<Noise>("noise");
    auto& a = c.add<Math>("a");
    auto& b = c.add<Math>("b");
    auto& d = c.add<Math>("d");
    a.a(b);
    b.a(d);
    d.b(b);
    auto p = graph::compile(c, env());
    ASSERT_FALSE(p.ok());
    // Each parameter is named with the operator driving it: b.a takes d, d.b takes b.
    EXPECT_NE(p.message().find("cycle: b.a <- d.b <- b"), std::string::npos) << p.message();
    Chain s;
    s.add<Noise>("noise");
    auto& self = s.add<Math>("self");
    self.a(self);
    auto q = graph::compile(s, env());
    ASSERT_FALSE(q.ok());
    EXPECT_NE(q.message().find("drives its own parameter 'a'"), std::string::npos) << q.message();
}

}  // namespace

namespace {

// The blue-noise tile of Dither: every threshold once, and even at every scale (the means of
// 4x4 blocks spread far less than white noise's 0.072).
TEST(BlueNoise, EveryThresholdOnceAndEvenlySpread) {
    const auto& t = blue_noise_tile();
    constexpr int n = kBlueNoiseSize;
    ASSERT_EQ(t.size(), std::size_t(n * n));
    std::vector<float> sorted = t;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i < n * n; ++i) ASSERT_FLOAT_EQ(sorted[i], (float(i) + 0.5f) / float(n * n));
    // The spread of the 4x4 blocks' means, for the tile and for the same thresholds shuffled
    // (white noise).
    auto spread = [&](const std::vector<float>& v) {
        double sum = 0.0, sum2 = 0.0;
        int blocks = 0;
        for (int by = 0; by < n; by += 4)
            for (int bx = 0; bx < n; bx += 4) {
                double m = 0.0;
                for (int y = 0; y < 4; ++y)
                    for (int x = 0; x < 4; ++x) m += v[(by + y) * n + bx + x];
                m /= 16.0;
                sum += m, sum2 += m * m, ++blocks;
            }
        const double mean = sum / blocks;
        return std::sqrt(sum2 / blocks - mean * mean);
    };
    std::vector<float> white = t;
    std::uint32_t state = 7u;
    for (int i = n * n - 1; i > 0; --i) {
        state = state * 1664525u + 1013904223u;
        std::swap(white[i], white[(state >> 8) % std::uint32_t(i + 1)]);
    }
    EXPECT_LT(spread(t), 0.5 * spread(white)) << "blue " << spread(t) << ", white " << spread(white);
    EXPECT_EQ(&blue_noise_tile(), &t) << "made once";
}

}  // namespace
