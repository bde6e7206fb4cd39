// Offline rendering: frame N is the same image whichever range it is rendered in.
#include <map>

#include "core/runtime/offline_render.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

class Render : public GpuTest {};

void build_history_chain(Chain& c) {
    auto& disc = c.add<Gradient>("disc").type(GradientType::Radial).radius(0.1f).color_a({1, 0.8f, 0.3f, 1}).color_b(
        {0, 0, 0, 1});
    c.add<Feedback>("trail").input(disc).decay(0.9f).scale(1.03f);
}

void build_plain_chain(Chain& c) {
    auto& n = c.add<Noise>("noise").scale(3.0f).octaves(3).speed(1.0f);
    c.add<Blur>("blur").input(n).sigma(1.5f);
}

void move_disc(Context& ctx) {
    if (auto* g = ctx.chain().find_as<Gradient>("disc")) g->center({0.2f + 0.05f * float(ctx.frame()), 0.5f});
}

std::map<std::uint64_t, io::Pixels> render_frames(runtime::Engine& e, ProjectFn update, runtime::RenderRange range) {
    std::map<std::uint64_t, io::Pixels> frames;
    auto r = runtime::render_range(e, update, range, [&](std::uint64_t f, const io::Pixels& px) -> Result<void> {
        frames[f] = px;
        return {};
    });
    EXPECT_TRUE(r.ok()) << r.message();
    return frames;
}

TEST_F(Render, HistoryChainsArePrerolledSoRangesMatchAFullRun) {
    build_history_chain(chain());
    auto full = render_frames(engine(), move_disc, {0, 9});
    ASSERT_EQ(full.size(), 10u);
    ASSERT_NO_FATAL_FAILURE(restart(test_config()));
    build_history_chain(chain());
    auto part = render_frames(engine(), move_disc, {6, 9});
    ASSERT_EQ(part.size(), 4u);
    for (std::uint64_t f = 6; f <= 9; ++f) {
        auto c = io::compare(part[f], full[f], 0.0f);
        EXPECT_EQ(c.failing_pixels, 0u) << "frame " << f;
    }
    EXPECT_EQ(engine().frames_rendered(), 10u);  // frames 0..5 were pre-rolled
    // Without the pre-roll the trail would differ: the check above can fail.
    ASSERT_NO_FATAL_FAILURE(restart(test_config()));
    build_history_chain(chain());
    auto skipped = render_frames(engine(), move_disc, {6, 9, runtime::Preroll::Never});
    EXPECT_GT(io::compare(skipped[6], full[6], 0.0f).failing_pixels, 0u);
}

// The same for chains whose past lives elsewhere than in a history image: an Echo's ring of frames,
// a Logic toggle, an LFO whose frequency another LFO drives.
TEST_F(Render, RingsAndStatefulValuesArePrerolledToo) {
    auto build = [](Chain& c) {
        auto& fm = c.add<LFO>("fm").frequency(0.5f).amplitude(0.5f).offset(3.0f);
        auto& wobble = c.add<LFO>("wobble").frequency(fm).amplitude(0.2f).offset(0.5f);
        auto& gate = c.add<Logic>("gate").op(LogicOp::Toggle).a(wobble).b(0.6f);
        auto& disc = c.add<Gradient>("disc").type(GradientType::Radial).radius(0.1f).color_b({0, 0, 0, 1});
        disc.drive("center", wobble, 0).drive("color_a", gate, 2);
        c.add<Echo>("echo").input(disc).count(3).spacing(2);
    };
    build(chain());
    auto full = render_frames(engine(), nullptr, {0, 40});
    ASSERT_NO_FATAL_FAILURE(restart(test_config()));
    build(chain());
    auto part = render_frames(engine(), nullptr, {36, 40});
    for (std::uint64_t f = 36; f <= 40; ++f) EXPECT_EQ(io::compare(part[f], full[f], 0.0f).failing_pixels, 0u) << f;
    EXPECT_EQ(engine().frames_rendered(), 41u) << "frames 0..35 pre-rolled";
}

TEST_F(Render, ChainsWithoutHistorySeekStraightToTheRange) {
    build_plain_chain(chain());
    auto full = render_frames(engine(), nullptr, {0, 7});
    ASSERT_NO_FATAL_FAILURE(restart(test_config()));
    build_plain_chain(chain());
    auto part = render_frames(engine(), nullptr, {5, 7});
    for (std::uint64_t f = 5; f <= 7; ++f) EXPECT_EQ(io::compare(part[f], full[f], 0.0f).failing_pixels, 0u) << f;
    EXPECT_EQ(engine().frames_rendered(), 4u);  // frame 0 (to compile) and 5, 6, 7
    // Different frames really differ (the noise moves with time).
    EXPECT_GT(io::compare(full[5], full[6], 0.0f).failing_pixels, 0u);
}

TEST_F(Render, AnEmptyRangeIsAClearError) {
    build_plain_chain(chain());
    auto r = runtime::render_range(engine(), nullptr, {9, 3},
                                   [](std::uint64_t, const io::Pixels&) -> Result<void> { return {}; });
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find("9-3 is empty"), std::string::npos) << r.message();
}

}  // namespace
}  // namespace loom::test
