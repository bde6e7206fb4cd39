// The blur of a single bright pixel must be the Gaussian (or box) of the requested size, the
// same along x and y, with every method.
#include <cmath>

#include "tests/gpu/gpu_test.hpp"
#include "tests/gpu/test_ops.hpp"

namespace loom::test {
namespace {

class BlurImpulse : public GpuTest {
protected:
    void SetUp() override {
        auto cfg = test_config({65, 65});
        cfg.shader_roots.push_back(test_shader_dir());
        ASSERT_NO_FATAL_FAILURE(restart(cfg));
    }
    // Makes `name` the chain's output, renders a frame and reads it.
    io::Pixels output_image(const char* name) {
        chain().output(name);
        render();
        return read(name);
    }
};

// The normalised Gaussian of `sigma` sampled at -radius..radius (`radius` 0: untruncated).
double gaussian_at(double sigma, int radius, int k) {
    if (radius > 0 && std::abs(k) > radius) return 0.0;
    const int r = radius > 0 ? radius : int(std::ceil(12 * sigma));
    double sum = 0;
    for (int i = -r; i <= r; ++i) sum += std::exp(-i * i / (2 * sigma * sigma));
    return std::exp(-k * k / (2 * sigma * sigma)) / sum;
}

// Every method against the Gaussian: the convolution takes the taps to 3 sigma, so it is the
// sampled Gaussian cut there (within 0.5% of the peak); the lines' recursive Gaussian is the
// untruncated one (Deriche's fit: within 0.5% of the peak); each is within 1.3% of the peak of
// the other, which is what the cut at 3 sigma leaves out.
TEST_F(BlurImpulse, MatchesTheGaussianAndIsSymmetric) {
    for (BlurMethod method : {BlurMethod::Convolution, BlurMethod::Lines})
        for (float sigma : {1.0f, 3.0f, 6.5f, 9.0f}) {
            SCOPED_TRACE(std::string(method == BlurMethod::Lines ? "lines" : "convolution") + ", sigma " +
                         std::to_string(sigma));
            engine().clear_chain();
            auto& imp = chain().add<Impulse>("impulse").at(32, 32).format(Format::RGBA32F);
            chain().add<Blur>("blur").input(imp).sigma(sigma).method(method).format(Format::RGBA32F);
            render();
            auto px = read("blur");
            ASSERT_EQ(px.width, 65u);
            const int cut = static_cast<int>(std::ceil(3.0f * sigma));
            // Lines only take over from the convolution beyond a radius of 2.
            const int radius = method == BlurMethod::Lines && cut > 2 ? 0 : cut;
            const double peak = gaussian_at(sigma, radius, 0) * gaussian_at(sigma, radius, 0);
            double total = 0, second_moment = 0;
            for (int y = 0; y < 65; ++y)
                for (int x = 0; x < 65; ++x) {
                    const double v = px.at(static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y))[0];
                    const int dx = x - 32, dy = y - 32;
                    const double expect = gaussian_at(sigma, radius, dx) * gaussian_at(sigma, radius, dy);
                    ASSERT_NEAR(v, expect, 0.005 * peak) << "at " << dx << "," << dy;
                    const double other = gaussian_at(sigma, radius ? 0 : cut, dx) * gaussian_at(sigma, radius ? 0 : cut, dy);
                    ASSERT_NEAR(v, other, 0.013 * peak) << "against the other method at " << dx << "," << dy;
                    // Symmetric in x and y, and mirror-symmetric.
                    const double t = px.at(static_cast<std::uint32_t>(y), static_cast<std::uint32_t>(x))[0];
                    ASSERT_NEAR(v, t, 1e-4 * peak + 1e-7) << "x/y asymmetry at " << dx << "," << dy;
                    const double m = px.at(static_cast<std::uint32_t>(64 - x), static_cast<std::uint32_t>(y))[0];
                    ASSERT_NEAR(v, m, 1e-3 * peak + 1e-7) << "left/right asymmetry at " << dx << "," << dy;
                    total += v;
                    second_moment += v * dx * dx;
                }
            // Energy is kept, and the spread is that of sigma (the cut at 3 sigma trims ~3%).
            EXPECT_NEAR(total, 1.0, 2e-3);
            EXPECT_NEAR(std::sqrt(second_moment / total), sigma, 0.04 * sigma);
        }
}

// A box of radius r is the mean of the (2r + 1)^2 pixels around each one, with either method.
TEST_F(BlurImpulse, BoxIsTheMeanOfItsSquare) {
    for (BlurMethod method : {BlurMethod::Convolution, BlurMethod::Lines})
        for (int r : {1, 5, 12}) {
            SCOPED_TRACE(std::string(method == BlurMethod::Lines ? "lines" : "convolution") + ", radius " +
                         std::to_string(r));
            engine().clear_chain();
            auto& imp = chain().add<Impulse>("impulse").at(32, 32).format(Format::RGBA32F);
            chain().add<Blur>("blur").input(imp).shape(BlurShape::Box).radius(r).method(method).format(
                Format::RGBA32F);
            render();
            auto px = read("blur");
            const double w = 1.0 / ((2 * r + 1) * (2 * r + 1));
            for (int y = 0; y < 65; ++y)
                for (int x = 0; x < 65; ++x) {
                    const bool inside = std::abs(x - 32) <= r && std::abs(y - 32) <= r;
                    ASSERT_NEAR(px.at(std::uint32_t(x), std::uint32_t(y))[0], inside ? w : 0.0, 1e-3 * w)
                        << "at " << x - 32 << "," << y - 32;
                }
        }
}

// Lines longer than a chunk (128 pixels, walked with a warm-up beyond it) and sigmas past the
// chunked walk (two walks with the causal sums in between) against the convolution.
TEST_F(BlurImpulse, LongLinesAndLargeSigmasAgreeWithTheConvolution) {
    for (float sigma : {10.0f, 30.0f}) {
        SCOPED_TRACE("sigma " + std::to_string(sigma));
        engine().clear_chain();
        auto& src = chain().add<Pattern>("src").format(Format::RGBA16F).size(301, 203);
        chain().add<Blur>("conv").input(src).sigma(sigma).method(BlurMethod::Convolution).format(Format::RGBA16F);
        chain().add<Blur>("lines").input(src).sigma(sigma).method(BlurMethod::Lines).format(Format::RGBA16F);
        const auto a = output_image("conv"), b = output_image("lines");
        ASSERT_EQ(a.width, 301u);
        float worst = 0;
        for (std::uint32_t y = 0; y < a.height; ++y)
            for (std::uint32_t x = 0; x < a.width; ++x)
                for (int k = 0; k < 4; ++k) worst = std::max(worst, std::abs(a.at(x, y)[k] - b.at(x, y)[k]));
        // What the cut at 3 sigma leaves out of a black and white pattern: under 1%.
        EXPECT_LE(worst, 0.01f);
    }
}

// On a picture, with clamped edges, an 8-bit output and an input of another size, the two
// methods give the same image (an input of another size is always convolved).
TEST_F(BlurImpulse, MethodsAgreeOnAPicture) {
    for (bool resample : {false, true}) {
        SCOPED_TRACE(resample ? "input of another size" : "input of the same size");
        engine().clear_chain();
        auto& src = chain().add<Pattern>("src").format(Format::RGBA8);
        if (resample) src.size(40, 30);
        chain().add<Blur>("conv").input(src).sigma(5.0f).method(BlurMethod::Convolution).format(Format::RGBA8).size(65, 65);
        chain().add<Blur>("lines").input(src).sigma(5.0f).method(BlurMethod::Lines).format(Format::RGBA8).size(65, 65);
        chain().add<Blur>("box-conv").input(src).shape(BlurShape::Box).radius(6).method(BlurMethod::Convolution)
            .size(65, 65);
        chain().add<Blur>("box-lines").input(src).shape(BlurShape::Box).radius(6).method(BlurMethod::Lines)
            .size(65, 65);
        const auto a = output_image("conv"), b = output_image("lines"), c = output_image("box-conv"), d = output_image("box-lines");
        float worst = 0, worst_box = 0;
        for (std::uint32_t y = 0; y < 65; ++y)
            for (std::uint32_t x = 0; x < 65; ++x)
                for (int k = 0; k < 4; ++k) {
                    worst = std::max(worst, std::abs(a.at(x, y)[k] - b.at(x, y)[k]));
                    worst_box = std::max(worst_box, std::abs(c.at(x, y)[k] - d.at(x, y)[k]));
                }
        // Same size: one 8-bit step for the cut at 3 sigma, rounding only for the box. An input
        // of another size is resampled by the convolution's bilinear taps with either method.
        EXPECT_LE(worst, resample ? 0.5f / 255.0f : 1.5f / 255.0f);
        EXPECT_LE(worst_box, 0.5f / 255.0f);
    }
}

// Tiles (16-bit pixels) against the sampled Gaussian cut at 3 sigma, like the convolution, on an
// image of several tiles each way (64 pixels along the axis, 32 lines) with the impulse beside
// a tile's edge and the image's last tiles partial.
TEST_F(BlurImpulse, TilesMatchTheGaussian) {
    for (float sigma : {0.5f, 1.0f, 3.0f, 6.5f, 9.0f})
        for (int at : {63, 64, 97}) {
            SCOPED_TRACE("tiles, sigma " + std::to_string(sigma) + ", impulse at " + std::to_string(at));
            engine().clear_chain();
            auto& imp = chain().add<Impulse>("impulse").at(at, at).format(Format::RGBA16F).size(161, 150);
            auto& blur = chain().add<Blur>("blur").input(imp).sigma(sigma).method(BlurMethod::Tiles).format(
                Format::RGBA16F);
            render();
            ASSERT_EQ(blur.used_method(), BlurMethod::Tiles);
            auto px = read("blur");
            const int radius = static_cast<int>(std::ceil(3.0f * sigma));
            const double peak = gaussian_at(sigma, radius, 0) * gaussian_at(sigma, radius, 0);
            double total = 0;
            for (std::uint32_t y = 0; y < px.height; ++y)
                for (std::uint32_t x = 0; x < px.width; ++x) {
                    const int dx = int(x) - at, dy = int(y) - at;
                    const double v = px.at(x, y)[0];
                    ASSERT_NEAR(v, gaussian_at(sigma, radius, dx) * gaussian_at(sigma, radius, dy), 0.005 * peak)
                        << "at " << dx << "," << dy;
                    total += v;
                }
            EXPECT_NEAR(total, 1.0, 2e-3);
        }
}

// A box by tiles is the mean of its square (to the rounding of two 16-bit passes).
TEST_F(BlurImpulse, TilesBoxIsTheMeanOfItsSquare) {
    for (int r : {1, 5, 12, 27}) {
        SCOPED_TRACE("tiles, radius " + std::to_string(r));
        engine().clear_chain();
        auto& imp = chain().add<Impulse>("impulse").at(70, 40).format(Format::RGBA16F).size(140, 100);
        auto& blur = chain().add<Blur>("blur").input(imp).shape(BlurShape::Box).radius(r).method(BlurMethod::Tiles)
                         .format(Format::RGBA16F);
        render();
        ASSERT_EQ(blur.used_method(), BlurMethod::Tiles);
        auto px = read("blur");
        const double w = 1.0 / ((2 * r + 1) * (2 * r + 1));
        for (std::uint32_t y = 0; y < px.height; ++y)
            for (std::uint32_t x = 0; x < px.width; ++x) {
                const bool inside = std::abs(int(x) - 70) <= r && std::abs(int(y) - 40) <= r;
                ASSERT_NEAR(px.at(x, y)[0], inside ? w : 0.0, 2e-3 * w) << "at " << int(x) - 70 << "," << int(y) - 40;
            }
    }
}

// On a picture with clamped edges, tiles and the convolution give the same image in 8 and 16
// bits; where tiles do not apply (32-bit pixels, an input of another size, a radius past what a
// tile holds) the convolution runs instead.
TEST_F(BlurImpulse, TilesAgreeWithTheConvolution) {
    for (Format format : {Format::RGBA8, Format::RGBA16F})
        for (float sigma : {2.0f, 8.0f}) {
            SCOPED_TRACE(std::string(format_name(format)) + ", sigma " + std::to_string(sigma));
            engine().clear_chain();
            auto& src = chain().add<Pattern>("src").format(format).size(301, 203);
            chain().add<Blur>("conv").input(src).sigma(sigma).method(BlurMethod::Convolution).format(format);
            auto& tiles = chain().add<Blur>("tiles").input(src).sigma(sigma).method(BlurMethod::Tiles).format(format);
            const auto a = output_image("conv"), b = output_image("tiles");
            ASSERT_EQ(tiles.used_method(), BlurMethod::Tiles);
            ASSERT_EQ(a.width, 301u);
            float worst = 0;
            for (std::uint32_t y = 0; y < a.height; ++y)
                for (std::uint32_t x = 0; x < a.width; ++x)
                    for (int k = 0; k < 4; ++k) worst = std::max(worst, std::abs(a.at(x, y)[k] - b.at(x, y)[k]));
            EXPECT_LE(worst, format == Format::RGBA8 ? 1.5f / 255.0f : 2e-3f);  // one 8-bit step of rounding
        }
    engine().clear_chain();
    auto& wide = chain().add<Pattern>("wide").format(Format::RGBA32F);
    auto& small = chain().add<Pattern>("small").format(Format::RGBA8).size(40, 30);
    auto& a = chain().add<Blur>("a").input(wide).sigma(3.0f).method(BlurMethod::Tiles).format(Format::RGBA8);
    auto& b = chain().add<Blur>("b").input(small).sigma(3.0f).method(BlurMethod::Tiles).size(65, 65);
    auto& c = chain().add<Blur>("c").input(small).sigma(60.0f).method(BlurMethod::Tiles);
    auto& d = chain().add<Blur>("d").input(small).sigma(3.0f).method(BlurMethod::Tiles);
    for (const char* name : {"a", "b", "c", "d"}) {
        chain().output(name);
        render();
    }
    EXPECT_EQ(a.used_method(), BlurMethod::Convolution);
    EXPECT_EQ(b.used_method(), BlurMethod::Convolution);
    EXPECT_EQ(c.used_method(), BlurMethod::Convolution);
    EXPECT_EQ(d.used_method(), BlurMethod::Tiles);
}

TEST_F(BlurImpulse, ZeroSigmaPassesThrough) {
    auto& imp = chain().add<Impulse>("impulse").at(10, 20).format(Format::RGBA32F);
    chain().add<Blur>("blur").input(imp).sigma(0.0f).format(Format::RGBA32F);
    render();
    auto px = read("blur");
    EXPECT_FLOAT_EQ(px.at(10, 20)[0], 1.0f);
    EXPECT_FLOAT_EQ(px.at(11, 20)[0], 0.0f);
}

}  // namespace
}  // namespace loom::test
