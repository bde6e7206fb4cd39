// One golden image per operator (96x64, fixed time), compared with 5/255 and 0.1% tolerance.
#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

class Golden : public GpuTest {};

// A colourful, deterministic source for the filters to work on.
Gradient& source(Chain& c) {
    return c.add<Gradient>("src").type(GradientType::Angular).color_a({1.0f, 0.1f, 0.0f, 1.0f}).color_b(
        {0.0f, 0.3f, 1.0f, 1.0f});
}

TEST_F(Golden, NoiseTypes) {
    const NoiseType types[] = {NoiseType::Perlin, NoiseType::Simplex, NoiseType::Worley, NoiseType::Value};
    const char* names[] = {"noise_perlin", "noise_simplex", "noise_worley", "noise_value"};
    for (int i = 0; i < 4; ++i) {
        engine().clear_chain();
        chain().add<Noise>("n").type(types[i]).scale(3.0f).octaves(3).speed(0.5f).seed(7).color_b(
            {1.0f, 0.8f, 0.4f, 1.0f});
        render(3);  // time 2/60: the speed moves the pattern
        expect_golden(read("n"), names[i]);
    }
}

// The noises repeat exactly every 3072 units on each axis, which keeps every lattice coordinate
// in range (huge offsets) and makes the time wrap invisible: a pan by the period, and the time
// at which z has moved by the period, give the frame they started from.
TEST_F(Golden, NoiseIsPeriodicSoOffsetsAndTimeWrapWithoutAPop) {
    auto max_diff = [](const io::Pixels& a, const io::Pixels& b) {
        float d = 0;
        for (std::size_t i = 0; i < a.rgba.size(); ++i) d = std::max(d, std::abs(a.rgba[i] - b.rgba[i]));
        return d;
    };
    const NoiseType types[] = {NoiseType::Perlin, NoiseType::Simplex, NoiseType::Worley, NoiseType::Value};
    for (NoiseType type : types) {
        engine().clear_chain();
        // 60 fps fixed step: frame 3600 is t = 60 s, where z = speed * t = 3072 wraps to 0.
        auto& n = chain().add<Noise>("n").type(type).scale(3.0f).octaves(3).speed(51.2f).seed(7);
        engine().clock().seek(0);
        render(1);
        const io::Pixels start = read("n");
        n.offset({3072.0f, -6144.0f});
        engine().clock().seek(0);
        render(1);
        EXPECT_LT(max_diff(start, read("n")), 2.0f / 255.0f) << "offset by the period, type " << int(type);
        n.offset({0.0f, 0.0f});
        engine().clock().seek(3600);
        render(1);
        EXPECT_LT(max_diff(start, read("n")), 2.0f / 255.0f) << "time wrap, type " << int(type);
        engine().clock().seek(1800);
        render(1);
        EXPECT_GT(max_diff(start, read("n")), 0.1f) << "the pattern does not move, type " << int(type);
        // The largest offset the parameter takes still renders noise, not a flat colour.
        n.offset({1.0e6f, -1.0e6f});
        render(1);
        const io::Pixels far = read("n");
        float lo = 1, hi = 0;
        for (std::size_t i = 0; i < far.rgba.size(); i += 4) lo = std::min(lo, far.rgba[i]), hi = std::max(hi, far.rgba[i]);
        EXPECT_GT(hi - lo, 0.2f) << "type " << int(type);
    }
}

TEST_F(Golden, SolidColor) {
    chain().add<SolidColor>("c").color({0.2f, 0.4f, 0.6f, 0.8f});
    render();
    auto px = read("c");
    EXPECT_NEAR(px.at(50, 30)[0], 0.2f, 1e-3f);
    EXPECT_NEAR(px.at(50, 30)[3], 0.8f, 1e-3f);
    expect_golden(px, "solid_color");
}

TEST_F(Golden, GradientTypes) {
    const GradientType types[] = {GradientType::Linear, GradientType::Radial, GradientType::Angular};
    const char* names[] = {"gradient_linear", "gradient_radial", "gradient_angular"};
    for (int i = 0; i < 3; ++i) {
        engine().clear_chain();
        chain().add<Gradient>("g").type(types[i]).angle(30.0f).color_a({0, 0, 0, 1}).color_b({1, 0.5f, 0.2f, 1});
        render();
        expect_golden(read("g"), names[i]);
    }
}

TEST_F(Golden, Blur) {
    auto& s = source(chain());
    chain().add<Blur>("b").input(s).sigma(3.0f);
    render();
    expect_golden(read("b"), "blur");
}

TEST_F(Golden, Bloom) {
    // A small HDR disc on black: the glow must spread around it, and nothing glows elsewhere.
    chain().add<Gradient>("disc").type(GradientType::Radial).radius(0.12f).color_a({4, 3, 2, 1}).color_b({0, 0, 0, 1});
    chain().add<Level>("sharp").input("disc").contrast(8.0f).brightness(-0.5f);
    chain().add<Bloom>("b").input("sharp").threshold(1.0f).intensity(2.0f).radius(1.0f);
    render();
    auto px = read("b");
    EXPECT_GT(px.at(48, 32)[0], 1.0f);     // the disc itself stays HDR bright
    EXPECT_GT(px.at(48 + 22, 32)[0], 0.01f);  // glow outside the disc
    EXPECT_LT(px.at(2, 2)[0], 0.05f);      // far corners stay dark
    expect_golden(px, "bloom");
}

TEST_F(Golden, HsvAndLevel) {
    auto& s = source(chain());
    chain().add<HSV>("h").input(s).hue_shift(0.25f).saturation(0.6f).value(1.2f);
    chain().add<Level>("l").input(s).brightness(0.1f).contrast(1.5f).gamma(2.0f);
    chain().add<Composite>("both").inputs({"h", "l"}).mode(Blend::Over).opacity(0.0f);
    render();
    expect_golden(read("h"), "hsv");
    expect_golden(read("l"), "level");
}

TEST_F(Golden, CompositeModes) {
    const Blend modes[] = {Blend::Over, Blend::Add, Blend::Multiply, Blend::Screen, Blend::Overlay, Blend::Difference};
    const char* names[] = {"composite_over",    "composite_add",     "composite_multiply",
                           "composite_screen",  "composite_overlay", "composite_difference"};
    for (int i = 0; i < 6; ++i) {
        engine().clear_chain();
        auto& a = chain().add<Gradient>("a").color_a({0, 0, 0, 1}).color_b({1, 1, 1, 1});
        auto& b = chain().add<Gradient>("b").type(GradientType::Radial).color_a({1, 0.2f, 0.1f, 1}).color_b(
            {0.1f, 0.2f, 1, 0});
        chain().add<Composite>("c").inputs({&a, &b}).mode(modes[i]);
        render();
        expect_golden(read("c"), names[i]);
    }
}

TEST_F(Golden, TransformWrapModes) {
    const Wrap wraps[] = {Wrap::Clamp, Wrap::Repeat, Wrap::Mirror, Wrap::Transparent};
    const char* names[] = {"transform_clamp", "transform_repeat", "transform_mirror", "transform_transparent"};
    for (int i = 0; i < 4; ++i) {
        engine().clear_chain();
        auto& s = source(chain());
        chain().add<Transform>("t").input(s).scale(0.5f).rotate(30.0f).translate({0.1f, 0.0f}).wrap(wraps[i]);
        render();
        expect_golden(read("t"), names[i]);
    }
}

TEST_F(Golden, FeedbackTrails) {
    // A bright disc drifting right leaves a fading trail.
    auto& g = chain().add<Gradient>("disc").type(GradientType::Radial).radius(0.15f).color_a({1, 1, 1, 1}).color_b(
        {0, 0, 0, 0});
    chain().add<Feedback>("fb").input(g).decay(0.8f).mode(FeedbackMode::Max);
    for (int f = 0; f < 8; ++f) {
        chain().get<Gradient>("disc").center({0.2f + 0.07f * float(f), 0.5f});
        render();
    }
    expect_golden(read("fb"), "feedback");
}

}  // namespace
}  // namespace loom::test
