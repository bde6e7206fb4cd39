// Particles and PointSprites (both draw sprites): particles go where their closed-form paths say (a straight ray with no spread, gravity
// or wander), count 0 draws nothing, and a count driven every frame creates nothing.
#include "core/runtime/stats.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

class ParticlesTest : public GpuTest {};

// The box of the pixels brighter than `t` in red: {x0, y0, x1, y1}, or all -1.
std::array<int, 4> lit_box(const io::Pixels& px, float t = 0.05f) {
    std::array<int, 4> b{-1, -1, -1, -1};
    for (std::uint32_t y = 0; y < px.height; ++y)
        for (std::uint32_t x = 0; x < px.width; ++x)
            if (px.at(x, y)[0] > t) {
                if (b[0] < 0) b = {int(x), int(y), int(x), int(y)};
                b[0] = std::min(b[0], int(x)), b[1] = std::min(b[1], int(y));
                b[2] = std::max(b[2], int(x)), b[3] = std::max(b[3], int(y));
            }
    return b;
}

TEST_F(ParticlesTest, WithNoSpreadGravityOrWanderTheyFlyAlongOneRay) {
    // 160x90: the emitter at uv (0.25, 0.5) is pixel (40, 45); 0.5 heights a second for up to
    // 1 s is up to 45 pixels.
    auto& p = chain().add<Particles>("p").size(160, 90).count(400).position({0.25f, 0.5f}).spread(0.0f).direction(
        0.0f).speed(0.5f).speed_variation(0.0f).gravity({0.0f, 0.0f}).drag(0.0f).turbulence(0.0f).life(1.0f)
        .life_variation(0.0f).size_start(0.03f).size_end(0.03f).color_start({1, 0, 0, 1}).color_end({1, 0, 0, 1});
    render(3);
    auto b = lit_box(read(p));
    ASSERT_GE(b[0], 0) << "nothing drawn";
    EXPECT_GE(b[0], 40 - 3) << "right of the emitter";
    EXPECT_LE(b[2], 40 + 45 + 3);
    EXPECT_GT(b[2] - b[0], 30) << "spread along the ray";
    EXPECT_GE(b[1], 45 - 3) << "on the emitter's row";
    EXPECT_LE(b[3], 45 + 2);
    p.direction(90.0f);  // up: the same ray turned, x stays
    render();
    b = lit_box(read(p));
    EXPECT_GE(b[0], 40 - 3);
    EXPECT_LE(b[2], 40 + 2);
    EXPECT_LE(b[1], 45 - 30) << "it rises";
    EXPECT_LE(b[3], 45 + 3);
    p.direction(0.0f).gravity({0.0f, 1.0f});  // falling: below the row now
    render();
    b = lit_box(read(p));
    EXPECT_GT(b[3], 45 + 10) << "gravity pulls them down (uv +y)";
    p.look(ParticleLook::Point).gravity({0.0f, 0.0f});  // one pixel each, on the same ray
    render();
    b = lit_box(read(p));
    ASSERT_GE(b[0], 0) << "no points drawn";
    EXPECT_GE(b[0], 40 - 1);
    EXPECT_GT(b[2] - b[0], 30);
    EXPECT_GE(b[1], 45 - 1);
    EXPECT_LE(b[3], 45 + 1);
    p.count(0);
    render();
    EXPECT_EQ(lit_box(read(p))[0], -1) << "count 0: the background only";
}

// Points that are added up go through a compute splat where the device has float atomics;
// points drawn over each other are drawn. Both put each particle in the same pixel, and the
// splat's sums and coverage are what additive blending gives: ten particles on one pixel (no
// speed) add their colour and cover 1 - 0.8^10 of a transparent background.
TEST_F(ParticlesTest, PointsAddedInComputeLandWhereDrawnPointsDo) {
    if (!engine().device().has_image_float_atomic_add()) GTEST_SKIP() << "no float atomics: points are drawn";
    auto& p = chain().add<Particles>("p").size(160, 90).count(300).emitter(Emitter::Box).emitter_size({1.6f, 0.9f})
        .position({0.5f, 0.5f}).speed(0.0f).speed_variation(0.0f).gravity({0.0f, 0.0f}).turbulence(0.0f).life(
            600.0f).look(ParticleLook::Point).color_start({1, 1, 1, 1}).color_end({1, 1, 1, 1}).background({0, 0, 0, 1});
    p.blend(SpriteBlend::Over);  // a life of 600 s: nobody is born again between these frames
    render();
    const auto drawn = read(p);
    p.blend(SpriteBlend::Add);
    render();
    const auto added = read(p);
    // Rasterisation snaps a point to a fraction of a pixel first, so one on a pixel's edge may
    // land in the pixel next door: every lit pixel of one needs a lit pixel within 1 in the other.
    auto lit_near = [](const io::Pixels& px, int x, int y) {
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
                const int u = x + dx, v = y + dy;
                if (u >= 0 && v >= 0 && u < 160 && v < 90 && px.at(u, v)[0] > 0.5f) return true;
            }
        return false;
    };
    int lit = 0, same = 0, unmatched = 0;
    for (int y = 0; y < 90; ++y)
        for (int x = 0; x < 160; ++x) {
            const bool a = drawn.at(x, y)[0] > 0.5f, b = added.at(x, y)[0] > 0.5f;
            lit += a;
            same += a && b;
            unmatched += (a && !lit_near(added, x, y)) + (b && !lit_near(drawn, x, y));
        }
    EXPECT_GT(lit, 250);
    EXPECT_GT(same, lit * 9 / 10);
    EXPECT_EQ(unmatched, 0);

    p.count(10).emitter(Emitter::Point).color_start({1, 0.5f, 0.25f, 0.2f}).color_end({1, 0.5f, 0.25f, 0.2f})
        .background({0, 0, 0, 0});
    render();
    const io::Pixels px = read(p);
    const float* c = px.at(80, 45);
    const float want[4] = {2.0f, 1.0f, 0.5f, 1.0f - std::pow(0.8f, 10.0f)};
    for (int i = 0; i < 4; ++i) EXPECT_NEAR(c[i], want[i], 2e-3f) << "channel " << i;
}

TEST_F(ParticlesTest, ADrivenCountCreatesNothing) {
    auto& lfo = chain().add<LFO>("n").frequency(2.0f).amplitude(5000.0f).offset(5000.0f);
    auto& p = chain().add<Particles>("p").count(lfo);
    for (ParticleLook look : {ParticleLook::Sprite, ParticleLook::Point}) {  // points: the compute splat
        p.look(look);
        render(3);
        const auto d = counted_frames(20);
        EXPECT_EQ(d.objects_created, 0u) << d.to_string();
        EXPECT_EQ(d.descriptor_writes, 0u) << d.to_string();
        EXPECT_EQ(d.pipelines_created, 0u) << d.to_string();
    }
}

}  // namespace
}  // namespace loom::test

namespace loom::test {
namespace {

class PointSpritesTest : public GpuTest {};

TEST_F(PointSpritesTest, OneSpritePerCellInTheInputsColourSizedByLuminance) {
    // 80x40, 4 columns: 2 rows of 20-pixel cells, centres at (10 + 20i, 10 + 20j).
    auto& half = chain().add<SolidColor>("half").size(80, 40).color({0.5f, 0.5f, 0.5f, 1.0f});
    auto& s = chain().add<PointSprites>("s").input(half).columns(4).dot_size(0.5f).size_by(SpriteSize::None)
                  .background({0, 0, 0, 1});
    render();
    io::Pixels px = read(s);
    for (int j = 0; j < 2; ++j)
        for (int i = 0; i < 4; ++i) {
            EXPECT_NEAR(px.at(std::uint32_t(10 + 20 * i), std::uint32_t(10 + 20 * j))[0], 0.5f, 0.05f) << i << "," << j;
            EXPECT_LT(px.at(std::uint32_t(20 * i), std::uint32_t(10 + 20 * j))[0], 0.01f) << "between sprites";
        }
    // dot_size 1: radius 10 (the half cell). Sized by luminance (0.5) as well: radius 5.
    s.dot_size(1.0f);
    render();
    px = read(s);
    EXPECT_GT(px.at(14, 10)[0], 0.05f) << "radius 10: lit 4 pixels out";
    s.size_by(SpriteSize::Luminance);
    render();
    px = read(s);
    EXPECT_LT(px.at(17, 10)[0], 0.01f) << "radius 5: dark 7 pixels out";
    EXPECT_GT(px.at(10, 10)[0], 0.3f);
}

}  // namespace
}  // namespace loom::test
