// One golden image per operator (96x64, fixed time), compared with 5/255 and 0.1% tolerance.
#include <loom/operator_registry.hpp>

#include "core/runtime/operator_examples.hpp"
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

// Perlin's two paths, the GPU's (each octave's corner columns folded to planes once per
// workgroup) and the CPU device's (each pixel its own 3D corners), give the same image to float
// rounding: with cells larger than a workgroup (the planes), smaller (each pixel's own corners
// inside the shared path), moving in time and offset.
TEST_F(Golden, NoisePerlinSharedCornersMatchEachPixelsOwn) {
    struct Shared {
        explicit Shared(const char* v) { setenv("LOOM_NOISE_SHARED", v, 1); }
        ~Shared() { unsetenv("LOOM_NOISE_SHARED"); }
    };
    const float scales[] = {3.0f, 40.0f};
    for (float scale : scales) {
        io::Pixels image[2];
        for (int shared = 0; shared < 2; ++shared) {
            Shared path(shared ? "1" : "0");
            engine().clear_chain();
            chain().add<Noise>("n").type(NoiseType::Perlin).scale(scale).octaves(5).speed(0.7f).seed(3).offset(
                {12.3f, -4.5f}).format(Format::RGBA32F);
            engine().clock().seek(100);
            render(1);
            image[shared] = read("n");
        }
        float d = 0.0f, lo = 1.0f, hi = 0.0f;
        for (std::size_t i = 0; i < image[0].rgba.size(); ++i) {
            d = std::max(d, std::abs(image[0].rgba[i] - image[1].rgba[i]));
            lo = std::min(lo, image[1].rgba[i]), hi = std::max(hi, image[1].rgba[i]);
        }
        EXPECT_LT(d, 1e-4f) << "scale " << scale;
        EXPECT_GT(hi - lo, 0.2f) << "scale " << scale << ": noise, not a flat colour";
    }
}

// On a CPU device Perlin takes the shared corners only where the folded ones alone cover every
// pixel (cells wide enough in every octave, no wrap seam inside the image), compiled without the
// per-pixel fallback; elsewhere each pixel computes its own. Either way the image is the
// per-pixel path's to float rounding, the seams included. On a GPU the shared path always runs.
TEST_F(Golden, NoiseFoldsCornersOnlyWhereTheyCoverEveryPixel) {
    struct Case {
        float scale;
        int octaves;
        glm::vec2 offset;
        bool folded;  // on a CPU device
    };
    const Case cases[] = {
        {2.0f, 3, {0.3f, 0.2f}, true},      // octave 2: 15 pixels span 1.875 cells
        {2.0f, 3, {3071.3f, 0.2f}, false},  // octave 0's seam at x = 3072, inside a workgroup
        {2.0f, 3, {767.3f, 0.2f}, false},   // octave 2's: 767.3 * 4 = 3069.2, up to 3081
        {2.0f, 3, {0.3f, 3070.3f}, false},  // octave 0's, along y
        {20.0f, 5, {0.3f, 0.2f}, false},    // cells of a few pixels: the folded 4x4 cannot cover a workgroup
    };
    for (const Case& c : cases) {
        SCOPED_TRACE("scale " + std::to_string(c.scale) + ", offset " + std::to_string(c.offset.x) + ", " +
                     std::to_string(c.offset.y));
        io::Pixels image[2];
        bool shared[2] = {};
        for (int way = 0; way < 2; ++way) {
            if (way == 1) setenv("LOOM_NOISE_SHARED", "0", 1);
            engine().clear_chain();
            auto& n = chain()
                          .add<Noise>("n")
                          .type(NoiseType::Perlin)
                          .scale(c.scale)
                          .octaves(c.octaves)
                          .speed(0.7f)
                          .seed(5)
                          .offset(c.offset)
                          .format(Format::RGBA32F);
            engine().clock().seek(77);
            render(2);
            unsetenv("LOOM_NOISE_SHARED");
            image[way] = read("n");
            shared[way] = n.used_shared_corners();
        }
        EXPECT_EQ(shared[0], engine().device().is_software() ? c.folded : true);
        EXPECT_FALSE(shared[1]);
        float d = 0.0f, lo = 1.0f, hi = 0.0f;
        for (std::size_t i = 0; i < image[0].rgba.size(); ++i) {
            d = std::max(d, std::abs(image[0].rgba[i] - image[1].rgba[i]));
            lo = std::min(lo, image[1].rgba[i]), hi = std::max(hi, image[1].rgba[i]);
        }
        EXPECT_LT(d, 1e-4f);
        EXPECT_GT(hi - lo, 0.2f) << "noise, not a flat colour";
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
    // The chain holds premultiplied alpha; the golden file (like any file) is straight: 0.2.
    EXPECT_TRUE(px.premultiplied);
    EXPECT_NEAR(px.at(50, 30)[0], 0.2f * 0.8f, 1e-3f);
    EXPECT_NEAR(px.at(50, 30)[3], 0.8f, 1e-3f);
    expect_golden(px, "solid_color");
}

// Premultiplied alpha: a blurred white shape on a transparent background stays white at its soft
// edge (straight alpha mixed in the transparent pixels' colour: a dark fringe); Over onto a
// transparent layer keeps the colour; two half-transparent layers give src + dst (1 - a).
TEST_F(Golden, PremultipliedAlphaHasNoDarkFringes) {
    auto& shape = chain().add<Shape>("shape").type(ShapeType::Rectangle).scale(0.4f).fill({1, 1, 1, 1}).background(
        {0.0f, 0.0f, 0.0f, 0.0f});
    chain().add<Blur>("blur").input(shape).sigma(4.0f);
    render();
    const auto px = read("blur");
    int edge_pixels = 0;
    for (std::uint32_t x = 0; x < px.width; ++x) {
        const float* p = px.at(x, px.height / 2);
        if (p[3] < 0.05f || p[3] > 0.95f) continue;
        ++edge_pixels;
        for (int c = 0; c < 3; ++c) EXPECT_NEAR(p[c] / p[3], 1.0f, 0.01f) << "x " << x << " alpha " << p[3];
    }
    EXPECT_GE(edge_pixels, 8);

    engine().clear_chain();
    auto& clear = chain().add<SolidColor>("clear").color({0, 0, 0, 0});
    auto& red = chain().add<SolidColor>("red").color({1, 0, 0, 1});
    chain().add<Composite>("half").inputs({&clear, &red}).opacity(0.5f);
    render();
    const auto half = read("half");
    EXPECT_NEAR(half.at(5, 5)[0], 0.5f, 2e-3f);  // premultiplied: straight red at 50%
    EXPECT_NEAR(half.at(5, 5)[3], 0.5f, 2e-3f);

    engine().clear_chain();
    auto& a = chain().add<SolidColor>("a").color({1, 0, 0, 0.5f});
    auto& b = chain().add<SolidColor>("b").color({0, 0, 1, 0.5f});
    chain().add<Composite>("ab").inputs({&a, &b});
    render();
    const auto ab = read("ab");
    const float want[4] = {0.25f, 0.0f, 0.5f, 0.75f};
    for (int c = 0; c < 4; ++c) EXPECT_NEAR(ab.at(5, 5)[c], want[c], 2e-3f) << "channel " << c;
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

// On odd sizes every level's texel still covers 2x2 of the one above: a centred disc glows the
// same on both sides (misaligned taps drifted the glow towards one corner).
TEST_F(Golden, BloomOnOddSizesStaysCentred) {
    for (Extent size : {Extent{97, 65}, Extent{99, 67}, Extent{96, 64}}) {
        engine().clear_chain();
        chain().add<Shape>("disc").size(size.width, size.height).scale(0.15f).fill({6, 6, 6, 1}).background(
            {0, 0, 0, 1});
        chain().add<Bloom>("b").input("disc").threshold(1.0f).intensity(2.0f).radius(1.0f);
        render();
        const auto px = read("b");
        const std::uint32_t cx = size.width / 2, cy = size.height / 2;
        const bool odd = size.width % 2;
        for (std::uint32_t d : {12u, 18u, 26u}) {
            // The pixel d to the left against the one mirrored to the right (odd: the same distance).
            const float left = px.at(cx - d, cy)[0], right = px.at(cx + d - (odd ? 0 : 1), cy)[0];
            const float up = px.at(cx, cy - d)[0], down = px.at(cx, cy + d - (size.height % 2 ? 0 : 1))[0];
            EXPECT_NEAR(left, right, 0.02f + 0.05f * std::max(left, right)) << size.width << "x" << size.height << " d " << d;
            EXPECT_NEAR(up, down, 0.02f + 0.05f * std::max(up, down)) << size.width << "x" << size.height << " d " << d;
        }
    }
}

// One pixel 64 times too bright (a firefly) adds a faint glow, not a flash: the first step's
// Karis average weighs it like a pixel of brightness 1.
TEST_F(Golden, BloomKeepsAFireflySmall) {
    auto& spot = chain().add<Shape>("spot").type(ShapeType::Rectangle).center({48.5f / 96.0f, 32.5f / 64.0f}).scale(
        1.0f / 64.0f).softness(0.01f).fill({64, 64, 64, 1}).background({0, 0, 0, 1});
    chain().add<Bloom>("b").input(spot).threshold(0.1f).knee(0.0f).intensity(1.0f).radius(1.0f);
    render();
    const auto px = read("b");
    EXPECT_GT(px.at(48, 32)[0], 63.0f);  // the pixel itself is kept
    const float glow = px.at(54, 32)[0];
    std::printf("firefly glow 6 pixels away: %g\n", glow);
    EXPECT_GT(glow, 0.0f);
    EXPECT_LT(glow, 0.02f);
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
    for (int m = 0; m < int(std::size(kBlendLabels)); ++m) {
        engine().clear_chain();
        auto& a = chain().add<Gradient>("a").color_a({0, 0, 0, 1}).color_b({1, 1, 1, 1});
        auto& b = chain().add<Gradient>("b").type(GradientType::Radial).color_a({1, 0.2f, 0.1f, 1}).color_b(
            {0.1f, 0.2f, 1, 0});
        chain().add<Composite>("c").inputs({&a, &b}).mode(static_cast<Blend>(m));
        render();
        expect_golden(read("c"), std::string("composite_") + kBlendLabels[m]);
    }
}

// An odd-sized angular gradient has a pixel at its exact centre, where atan(0, 0) is undefined:
// it takes the start of the ramp. Stops: colours at their positions, end colours held outside.
TEST_F(Golden, GradientCentreAndStops) {
    chain().add<Gradient>("g").type(GradientType::Angular).size(5, 5).color_a({0.25f, 0.5f, 0.75f, 1.0f}).color_b(
        {1, 1, 1, 1});
    render();
    const io::Pixels g = read("g");
    const float* centre = g.at(2, 2);
    EXPECT_NEAR(centre[0], 0.25f, 2e-3f);
    EXPECT_NEAR(centre[2], 0.75f, 2e-3f);

    engine().clear_chain();
    // Left to right over 101 pixels: pixel x sits at t = (x + 0.5) / 101.
    chain().add<Gradient>("s").size(101, 1).stop(0, 0.2f, {1, 0, 0, 1}).stop(1, 0.5f, {0, 1, 0, 1}).stop(
        2, 0.8f, {0, 0, 1, 1});
    render();
    const auto px = read("s");
    EXPECT_NEAR(px.at(5, 0)[0], 1.0f, 2e-3f);     // before the first stop: its colour
    EXPECT_NEAR(px.at(50, 0)[1], 1.0f, 2e-3f);    // on the middle stop
    EXPECT_NEAR(px.at(35, 0)[0], 0.5f, 0.02f);    // half way between the first two
    EXPECT_NEAR(px.at(35, 0)[1], 0.5f, 0.02f);
    EXPECT_NEAR(px.at(95, 0)[2], 1.0f, 2e-3f);    // after the last: its colour
    EXPECT_NEAR(px.at(95, 0)[1], 0.0f, 2e-3f);
}

// The modes against their formulas at one pixel (backdrop a, layer b, both opaque).
TEST_F(Golden, BlendModesFollowTheirFormulas) {
    const glm::vec3 a{0.2f, 0.5f, 0.9f}, b{0.6f, 0.3f, 0.5f};
    auto soft = [](float x, float y) {
        const float d = x <= 0.25f ? ((16 * x - 12) * x + 4) * x : std::sqrt(x);
        return y <= 0.5f ? x - (1 - 2 * y) * x * (1 - x) : x + (2 * y - 1) * (d - x);
    };
    auto hard = [](float x, float y) { return y <= 0.5f ? 2 * x * y : 1 - 2 * (1 - x) * (1 - y); };
    struct Case { Blend mode; glm::vec3 want; };
    const Case cases[] = {
        {Blend::Lighten, glm::max(a, b)},
        {Blend::Darken, glm::min(a, b)},
        {Blend::HardLight, {hard(a.x, b.x), hard(a.y, b.y), hard(a.z, b.z)}},
        {Blend::SoftLight, {soft(a.x, b.x), soft(a.y, b.y), soft(a.z, b.z)}},
        {Blend::ColorDodge, glm::min(a / (1.0f - b), glm::vec3(1.0f))},
        {Blend::ColorBurn, 1.0f - glm::min((1.0f - a) / b, glm::vec3(1.0f))},
        {Blend::Subtract, glm::max(a - b, glm::vec3(0.0f))},
        {Blend::Divide, a / b},
    };
    for (const Case& c : cases) {
        engine().clear_chain();
        auto& x = chain().add<SolidColor>("a").color({a, 1.0f});
        auto& y = chain().add<SolidColor>("b").color({b, 1.0f});
        chain().add<Composite>("c").inputs({&x, &y}).mode(c.mode);
        render();
        const auto px = read("c");
        for (int i = 0; i < 3; ++i)
            EXPECT_NEAR(px.at(10, 10)[i], c.want[i], 2e-3f) << kBlendLabels[int(c.mode)] << " channel " << i;
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

// Every registered operator's example chain (the chain behind its docs/OPERATORS.md thumbnail)
// against tests/golden/op_<name>.png.
class OperatorExample : public GpuTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(OperatorExample, MatchesItsGolden) {
    const OperatorInfo* info = find_operator_info(GetParam());
    ASSERT_NE(info, nullptr);
    auto px = runtime::render_operator_example(engine(), *info);
    ASSERT_TRUE(px.ok()) << px.message();
    expect_golden(*px, "op_" + runtime::operator_file_name(info->type));
}

std::vector<std::string> example_types() {
    std::vector<std::string> types;
    for (const OperatorInfo* info : registered_operators())
        if (info->example) types.emplace_back(info->type);
    return types;
}

INSTANTIATE_TEST_SUITE_P(Golden, OperatorExample, ::testing::ValuesIn(example_types()),
                         [](const ::testing::TestParamInfo<std::string>& i) { return i.param; });

}  // namespace
}  // namespace loom::test
