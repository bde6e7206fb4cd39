// Downsample (and Dither, a neighbour among the retro operators): box is the exact area average of the input pixels each output pixel covers (also
// for ratios that are not whole numbers), nearest is one input pixel.
#include <cmath>

#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

class DownsampleTest : public GpuTest {};

TEST_F(DownsampleTest, BoxIsTheAreaAverageOfTheFootprint) {
    auto& noise = chain().add<Noise>("noise").scale(20.0f).size(96, 64).format(Format::RGBA32F);
    chain().add<Downsample>("down").input(noise).size(28, 18).format(Format::RGBA32F);
    render();
    const io::Pixels in = read("noise");
    const io::Pixels out = read("down");
    ASSERT_EQ(out.width, 28u);
    const double rx = 96.0 / 28.0, ry = 64.0 / 18.0;
    double worst = 0.0;
    for (std::uint32_t oy = 0; oy < out.height; ++oy)
        for (std::uint32_t ox = 0; ox < out.width; ++ox) {
            const double x0 = ox * rx, x1 = x0 + rx, y0 = oy * ry, y1 = y0 + ry;
            double sum = 0.0, total = 0.0;
            for (int y = int(std::floor(y0)); y < int(std::ceil(y1)) && y < 64; ++y)
                for (int x = int(std::floor(x0)); x < int(std::ceil(x1)) && x < 96; ++x) {
                    const double w = (std::min(x1, x + 1.0) - std::max(x0, double(x))) *
                                     (std::min(y1, y + 1.0) - std::max(y0, double(y)));
                    sum += w * in.at(std::uint32_t(x), std::uint32_t(y))[0];
                    total += w;
                }
            worst = std::max(worst, std::fabs(sum / total - out.at(ox, oy)[0]));
        }
    EXPECT_LT(worst, 1e-4) << "largest difference from the area average";
}

TEST_F(DownsampleTest, OnePixelCheckerBecomesGreyWithBoxAndStaysBlackOrWhiteWithNearest) {
    auto& checker = chain().add<Pattern>("checker").size(64, 64).scale(64.0f).softness(0.0f);
    auto& down = chain().add<Downsample>("down").input(checker).factor(4.0f);
    render();
    const io::Pixels box = read("down");
    ASSERT_EQ(box.width, 16u);
    for (std::uint32_t y = 0; y < 16; ++y)
        for (std::uint32_t x = 0; x < 16; ++x) ASSERT_NEAR(box.at(x, y)[0], 0.5f, 0.01f) << x << "," << y;
    down.filter(DownsampleFilter::Nearest);
    render();
    const io::Pixels nearest = read("down");
    for (std::uint32_t y = 0; y < 16; ++y)
        for (std::uint32_t x = 0; x < 16; ++x) {
            const float v = nearest.at(x, y)[0];
            ASSERT_TRUE(v < 0.01f || v > 0.99f) << x << "," << y << ": " << v;
        }
}

// Dithering a flat grey to black and white keeps its brightness: with blue noise (the tile, once
// uploaded) as with Bayer, the share of white pixels is the grey.
TEST_F(DownsampleTest, DitherKeepsAFlatGreysBrightnessWithEveryPattern) {
    auto& grey = chain().add<SolidColor>("grey").size(128, 128).color({0.3f, 0.3f, 0.3f, 1.0f});
    auto& d = chain().add<Dither>("d").input(grey).levels(2);
    for (DitherPattern p : {DitherPattern::Bayer8, DitherPattern::Noise, DitherPattern::BlueNoise}) {
        d.pattern(p);
        render();
        const io::Pixels px = read(d);
        std::size_t white = 0;
        for (std::uint32_t y = 0; y < px.height; ++y)
            for (std::uint32_t x = 0; x < px.width; ++x) white += px.at(x, y)[0] > 0.5f;
        EXPECT_NEAR(double(white) / double(px.width * px.height), 0.3, 0.01) << kDitherPatternLabels[int(p)];
    }
}

}  // namespace
}  // namespace loom::test
