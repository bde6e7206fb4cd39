// Compiling chains without a GPU: order, cycles, unknown inputs, culling, sizes, barriers.
#include <gtest/gtest.h>

#include <loom/loom.hpp>

#include "core/graph/plan.hpp"

using namespace loom;
using graph::CompileEnv;

namespace {
CompileEnv env(std::uint32_t w = 1280, std::uint32_t h = 720) { return CompileEnv{{w, h}, 16384}; }
std::string names(const graph::Plan& p) { return p.order_string(); }
}  // namespace

TEST(Plan, OrderIsTopologicalWithInsertionOrderBreakingTies) {
    Chain c;
    auto& a = c.add<Noise>("a");
    auto& b = c.add<Noise>("b");
    auto& blur_b = c.add<Blur>("blur_b").input(b);
    auto& blur_a = c.add<Blur>("blur_a").input(a);
    c.add<Composite>("out").inputs({&blur_a, &blur_b});
    c.output("out");
    auto p = graph::compile(c, env());
    ASSERT_TRUE(p.ok()) << p.message();
    EXPECT_EQ(names(*p), "a -> b -> blur_b -> blur_a -> out");
    // The same chain compiles the same way every time.
    for (int i = 0; i < 5; ++i) EXPECT_EQ(names(*graph::compile(c, env())), names(*p));
}

TEST(Plan, InputsByNameResolveAndReadersComeAfterTheirInputs) {
    Chain c;
    c.add<Blur>("blur").input("noise");  // named before it exists
    c.add<Noise>("noise");
    c.output("blur");
    auto p = graph::compile(c, env());
    ASSERT_TRUE(p.ok()) << p.message();
    EXPECT_EQ(names(*p), "noise -> blur");
}

TEST(Plan, UnknownInputNamesTheOperatorTheNameAndTheKnownOnes) {
    Chain c;
    c.add<Noise>("noise");
    c.add<Blur>("blur").input("nosie");
    auto p = graph::compile(c, env());
    ASSERT_FALSE(p.ok());
    EXPECT_NE(p.message().find("'blur' (Blur)"), std::string::npos) << p.message();
    EXPECT_NE(p.message().find("'nosie'"), std::string::npos) << p.message();
    EXPECT_NE(p.message().find("operators: noise, blur"), std::string::npos) << p.message();
    EXPECT_NE(p.message().find("Fix:"), std::string::npos) << p.message();
}

TEST(Plan, CycleErrorNamesTheCycle) {
    Chain c;
    c.add<Noise>("noise");
    c.add<Composite>("a").inputs({"noise", "c"});
    c.add<Blur>("b").input("a");
    c.add<Blur>("c").input("b");
    c.output("c");
    auto p = graph::compile(c, env());
    ASSERT_FALSE(p.ok());
    EXPECT_NE(p.message().find("cycle"), std::string::npos) << p.message();
    EXPECT_NE(p.message().find("a -> c -> b -> a"), std::string::npos) << p.message();
    EXPECT_NE(p.message().find("history(op)"), std::string::npos) << p.message();
}

TEST(Plan, SelfInputIsACycleButHistoryIsNot) {
    Chain c;
    auto& blur = c.add<Blur>("blur");
    blur.input(blur);
    auto p = graph::compile(c, env());
    ASSERT_FALSE(p.ok());
    EXPECT_NE(p.message().find("uses itself"), std::string::npos) << p.message();

    Chain d;
    auto& n = d.add<Noise>("noise");
    auto& mix = d.add<Composite>("mix");
    mix.inputs({&n, history(mix)});
    auto q = graph::compile(d, env());
    ASSERT_TRUE(q.ok()) << q.message();
    ASSERT_EQ(q->history_sources.size(), 1u);
    EXPECT_EQ(q->history_sources[0], &mix);
}

TEST(Plan, CullsWhatTheOutputDoesNotNeed) {
    Chain c;
    auto& n = c.add<Noise>("noise");
    c.add<Blur>("unused").input(n);
    c.add<Noise>("orphan");
    auto& h = c.add<HSV>("hsv").input(n);
    c.output(h);
    auto p = graph::compile(c, env());
    ASSERT_TRUE(p.ok()) << p.message();
    EXPECT_EQ(names(*p), "noise -> hsv");
    ASSERT_EQ(p->culled.size(), 2u);
    EXPECT_EQ(p->culled[0]->name(), "unused");
    EXPECT_EQ(p->culled[1]->name(), "orphan");
}

TEST(Plan, TheViewedOperatorIsCookedWithItsInputs) {
    Chain c;
    auto& n = c.add<Noise>("noise");
    auto& side = c.add<Noise>("side");
    c.add<Blur>("unused").input(side);
    c.add<HSV>("hsv").input(n);
    c.output("hsv");
    auto e = env();
    e.viewed = "unused";
    auto p = graph::compile(c, e);
    ASSERT_TRUE(p.ok()) << p.message();
    EXPECT_EQ(names(*p), "noise -> side -> unused -> hsv");
    EXPECT_TRUE(p->culled.empty());
    e.viewed = "not-in-the-chain";  // a stale name views nothing
    p = graph::compile(c, e);
    ASSERT_TRUE(p.ok()) << p.message();
    EXPECT_EQ(names(*p), "noise -> hsv");
    EXPECT_EQ(p->culled.size(), 2u);
}

TEST(Plan, OutputDefaultsToTheLastAddedAndMustExist) {
    Chain c;
    c.add<Noise>("noise");
    c.add<HSV>("hsv").input("noise");
    auto p = graph::compile(c, env());
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->output->name(), "hsv");
    c.output("missing");
    auto q = graph::compile(c, env());
    ASSERT_FALSE(q.ok());
    EXPECT_NE(q.message().find("'missing'"), std::string::npos) << q.message();
}

TEST(Plan, RelativeSizesFollowTheFirstInput) {
    Chain c;
    auto& n = c.add<Noise>("noise").size(1000, 600);
    auto& half = c.add<Blur>("half").input(n).relative_size(0.5f);
    auto& quarter = c.add<Blur>("quarter").input(half).relative_size(0.5f);
    auto& twice = c.add<HSV>("twice").input(quarter).relative_size(2.0f);
    auto& canvas = c.add<Noise>("canvas");
    c.add<Composite>("out").inputs({&twice, &canvas});
    auto p = graph::compile(c, env(1280, 720));
    ASSERT_TRUE(p.ok()) << p.message();
    EXPECT_EQ(p->step_of(&n)->extent, (Extent{1000, 600}));
    EXPECT_EQ(p->step_of(&half)->extent, (Extent{500, 300}));
    EXPECT_EQ(p->step_of(&quarter)->extent, (Extent{250, 150}));
    EXPECT_EQ(p->step_of(&twice)->extent, (Extent{500, 300}));
    EXPECT_EQ(p->step_of(&canvas)->extent, (Extent{1280, 720}));  // no input: the canvas
    EXPECT_EQ(p->step_of(c.find("out"))->extent, (Extent{500, 300}));
}

TEST(Plan, ZeroAndOversizedSizesAreErrorsNamingTheOperatorAndTheLimit) {
    Chain c;
    c.add<Noise>("noise").size(0, 100);
    auto p = graph::compile(c, env());
    ASSERT_FALSE(p.ok());
    EXPECT_NE(p.message().find("'noise' (Noise) has size 0x100"), std::string::npos) << p.message();

    Chain d;
    d.add<Noise>("big").size(20000, 100);
    auto q = graph::compile(d, env());
    ASSERT_FALSE(q.ok());
    EXPECT_NE(q.message().find("20000x100"), std::string::npos) << q.message();
    EXPECT_NE(q.message().find("16384"), std::string::npos) << q.message();

    Chain e;
    auto& n = e.add<Noise>("n").size(4, 4);
    e.add<Blur>("tiny").input(n).relative_size(0.1f);
    auto r = graph::compile(e, env());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find("gives 0x0"), std::string::npos) << r.message();

    Chain f;
    f.add<Noise>("neg").relative_size(-1.0f);
    EXPECT_FALSE(graph::compile(f, env()).ok());
}

TEST(Plan, ArityAndNamesAreChecked) {
    Chain c;
    c.add<Blur>("blur");  // needs one input
    auto p = graph::compile(c, env());
    ASSERT_FALSE(p.ok());
    EXPECT_NE(p.message().find("takes 1 input but has 0"), std::string::npos) << p.message();

    Chain d;
    d.add<Noise>("x");
    d.add<Noise>("x");
    auto q = graph::compile(d, env());
    ASSERT_FALSE(q.ok());
    EXPECT_NE(q.message().find("two operators are named 'x'"), std::string::npos) << q.message();

    Chain e;
    auto p2 = graph::compile(e, env());
    EXPECT_FALSE(p2.ok());

    Chain f;
    auto& n = f.add<Noise>("n");
    f.add<Composite>("gap").input(2, n);  // inputs 0 and 1 never set
    auto r = graph::compile(f, env());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find("input 0 is not set"), std::string::npos) << r.message();
}

TEST(Plan, BarriersSampleInputsAndWriteOutputs) {
    Chain c;
    auto& n = c.add<Noise>("noise");
    auto& b = c.add<Blur>("blur").input(n);
    auto& f = c.add<Feedback>("fb").input(b);
    c.output(f);
    auto p = graph::compile(c, env());
    ASSERT_TRUE(p.ok()) << p.message();
    const auto& blur = *p->step_of(&b);
    ASSERT_EQ(blur.uses.size(), 2u);
    EXPECT_EQ(blur.uses[0].op, &n);
    EXPECT_EQ(blur.uses[0].usage, gpu::ImageUsage::SampledRead);
    EXPECT_EQ(blur.uses[1].op, &b);
    EXPECT_EQ(blur.uses[1].usage, gpu::ImageUsage::StorageWrite);
    // Feedback reads its own previous frame: a history source, with a sampled history use.
    const auto& fb = *p->step_of(&f);
    EXPECT_TRUE(fb.history_source);
    ASSERT_EQ(fb.uses.size(), 3u);
    EXPECT_TRUE(fb.uses[1].history);
    EXPECT_EQ(fb.uses[1].op, &f);
    EXPECT_EQ(p->history_sources.size(), 1u);
}

TEST(Plan, ChainVersionBumpsOnStructuralChangesOnly) {
    Chain c;
    auto& n = c.add<Noise>("noise");
    const auto v0 = c.version();
    n.scale(8.0f);  // a parameter: no recompile
    EXPECT_EQ(c.version(), v0);
    n.size(64, 64);
    EXPECT_GT(c.version(), v0);
    const auto v1 = c.version();
    n.size(64, 64);  // unchanged
    EXPECT_EQ(c.version(), v1);
    n.format(Format::RGBA8);
    EXPECT_GT(c.version(), v1);
}

TEST(Chain, GetThrowsAClearErrorFindReturnsNull) {
    Chain c;
    c.add<Noise>("noise");
    EXPECT_NO_THROW(c.get<Noise>("noise"));
    EXPECT_EQ(c.find_as<Blur>("noise"), nullptr);
    try {
        c.get<Blur>("noise");
        FAIL() << "expected ChainError";
    } catch (const ChainError& e) {
        EXPECT_NE(std::string(e.what()).find("is a Noise, not a Blur"), std::string::npos) << e.what();
    }
    try {
        c.get<Noise>("nois");
        FAIL() << "expected ChainError";
    } catch (const ChainError& e) {
        EXPECT_NE(std::string(e.what()).find("no operator named 'nois'"), std::string::npos) << e.what();
    }
}
