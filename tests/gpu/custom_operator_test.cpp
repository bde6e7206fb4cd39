// A project's own operator class through loom/custom_operator.hpp (no Vulkan): build, run,
// scratch images, and every mistake a failure with a message instead of a crash.

#include <cmath>
#include <functional>
#include <string>

#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

constexpr const char* kPosterize = R"(#version 460
#include "common/pass.glsl"
layout(set = 0, binding = 1) uniform sampler2D u_input;
layout(push_constant) uniform Push { float levels; };
vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 c = texelFetch(u_input, pixel, 0);
    return vec4(floor(c.rgb * levels) / levels, c.a);
}
)";

// Posterizes its input in two passes through a scratch image (to use one), or does what the
// test's `mistake` says instead.
class Posterize final : public CustomOperator<Posterize> {
public:
    static constexpr const char* kTypeName = "Posterize";
    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> build(BuildContext& b) override { return b.program(program_, "posterize.comp", 1, sizeof(float)); }
    void run(PassContext& p) override {
        if (mistake) return mistake(p, program_);
        const float levels = levels_;
        ImageRef half = p.scratch(0, p.extent(), Format::RGBA16F);
        p.dispatch(program_, {p.input(0).sampled(Sampling::Nearest)}, half, levels);
        p.dispatch(program_, {half}, p.output(), levels);
    }
    std::function<void(PassContext&, const ProgramRef&)> mistake;

private:
    Param<float> levels_{this, "levels", 4.0f, 2.0f, 32.0f};
    ProgramRef program_;
};

class CustomOp : public ProjectFolderTest {
protected:
    void SetUp() override {
        ProjectFolderTest::SetUp();
        write("posterize.comp", kPosterize);
    }
};

TEST_F(CustomOp, RunsItsProgramsAndCreatesNothingOnceWarm) {
    chain().add<Gradient>("grad").color_a({0, 0, 0, 1}).color_b({1, 1, 1, 1});
    auto& post = chain().add<Posterize>("post").input("grad");
    render(3);
    ASSERT_FALSE(post.failed()) << post.error();
    const auto px = read("post");
    for (std::uint32_t x = 0; x < px.width; x += 7) {
        const float v = px.at(x, 10)[0];
        EXPECT_NEAR(v * 4.0f, std::round(v * 4.0f), 1e-3f) << "x " << x << ": " << v << " is not a multiple of 1/4";
    }
    const auto before = runtime::take_snapshot(engine().device().counters());
    render(10);
    const auto d = runtime::FrameCounters::between(before, runtime::take_snapshot(engine().device().counters()));
    EXPECT_EQ(d.objects_created, 0u) << d.to_string();
    EXPECT_EQ(d.descriptor_writes, 0u) << d.to_string();
}

// Two passes writing the same scratch image in a row: the second waits for the first with a
// write-after-write barrier of its own (the layer's synchronization validation does not report
// two compute writes in a row, so the barrier is counted: one more than with a single write).
TEST_F(CustomOp, PassesWritingOneImageInARowAreOrdered) {
    chain().add<Gradient>("grad");
    auto& post = chain().add<Posterize>("post").input("grad");
    auto barriers_with = [&](int writes) {
        post.mistake = [writes](PassContext& p, const ProgramRef& pr) {
            ImageRef s = p.scratch(0, p.extent());
            for (int i = 0; i < writes; ++i) p.dispatch(pr, {p.input(0)}, s, 4.0f);
            p.dispatch(pr, {s}, p.output(), 8.0f);
        };
        render(3);
        EXPECT_FALSE(post.failed()) << post.error();
        return engine().stats().last().barriers;
    };
    const auto one = barriers_with(1);
    EXPECT_EQ(barriers_with(2), one + 1);
    EXPECT_EQ(barriers_with(3), one + 2);
}

TEST_F(CustomOp, MistakesFailTheOperatorWithAMessage) {
    struct Case {
        std::function<void(PassContext&, const ProgramRef&)> mistake;
        std::string says;
    };
    const Case cases[] = {
        {[](PassContext& p, const ProgramRef& pr) { p.dispatch(pr, {p.input(2)}, p.output(), 1.0f); },
         "input(2): the operator has 1 input(s)"},
        {[](PassContext& p, const ProgramRef& pr) { p.dispatch(pr, {p.input(0)}, p.output(), 1.0); },
         "with 8 push bytes; it was built for 4"},
        {[](PassContext& p, const ProgramRef& pr) { p.dispatch(pr, {}, p.output(), 1.0f); },
         "with 0 input(s); it was built for 1"},
        {[](PassContext& p, const ProgramRef& pr) { p.dispatch(pr, {p.output()}, p.output(), 1.0f); },
         "is also the target"},
        {[](PassContext& p, const ProgramRef& pr) { p.dispatch(pr, {p.output()}, p.input(0), 1.0f); },
         "the target must be output() or a scratch image"},
        {[](PassContext& p, const ProgramRef& pr) { p.dispatch(pr, {p.history()}, p.output(), 1.0f); },
         "keeps no previous frame"},
        {[](PassContext& p, const ProgramRef&) { p.dispatch(ProgramRef{}, {p.input(0)}, p.output()); },
         "the program was not built"},
        {[](PassContext& p, const ProgramRef& pr) { p.dispatch(pr, {p.input(0)}, p.scratch(0, {0, 4}), 1.0f); },
         "scratch(0): a size of 0x4"},
    };
    for (const auto& c : cases) {
        engine().clear_chain();
        chain().add<SolidColor>("src");
        auto& post = chain().add<Posterize>("post").input("src");
        post.mistake = c.mistake;
        ASSERT_TRUE(engine().frame().ok());
        EXPECT_TRUE(post.failed()) << c.says;
        EXPECT_NE(post.error().find(c.says), std::string::npos) << post.error();
    }
}

}  // namespace
}  // namespace loom::test
