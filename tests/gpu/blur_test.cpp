// The blur of a single bright pixel must be the sampled Gaussian of the requested sigma,
// the same along x and y.
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
};

std::vector<double> sampled_gaussian(double sigma, int radius) {
    std::vector<double> w(static_cast<std::size_t>(2 * radius + 1));
    double sum = 0;
    for (int k = -radius; k <= radius; ++k) sum += w[static_cast<std::size_t>(k + radius)] = std::exp(-k * k / (2 * sigma * sigma));
    for (auto& v : w) v /= sum;
    return w;
}

TEST_F(BlurImpulse, MatchesTheGaussianAndIsSymmetric) {
    for (float sigma : {1.0f, 3.0f, 6.5f}) {
        engine().clear_chain();
        auto& imp = chain().add<Impulse>("impulse").at(32, 32).format(Format::RGBA32F);
        chain().add<Blur>("blur").input(imp).sigma(sigma).format(Format::RGBA32F);
        render();
        auto px = read("blur");
        ASSERT_EQ(px.width, 65u);
        const int radius = static_cast<int>(std::ceil(3.0f * sigma));
        const auto g = sampled_gaussian(sigma, radius);
        const double peak = g[static_cast<std::size_t>(radius)] * g[static_cast<std::size_t>(radius)];
        double total = 0, second_moment = 0;
        for (int y = 0; y < 65; ++y)
            for (int x = 0; x < 65; ++x) {
                const double v = px.at(static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y))[0];
                const int dx = x - 32, dy = y - 32;
                double expect = 0;
                if (std::abs(dx) <= radius && std::abs(dy) <= radius)
                    expect = g[static_cast<std::size_t>(dx + radius)] * g[static_cast<std::size_t>(dy + radius)];
                // Within 0.5% of the peak everywhere (bilinear pair taps are exact up to filtering precision).
                ASSERT_NEAR(v, expect, 0.005 * peak) << "sigma " << sigma << " at " << dx << "," << dy;
                // Symmetric in x and y, and mirror-symmetric.
                const double t = px.at(static_cast<std::uint32_t>(y), static_cast<std::uint32_t>(x))[0];
                ASSERT_NEAR(v, t, 1e-4 * peak + 1e-7) << "x/y asymmetry at " << dx << "," << dy;
                const double m = px.at(static_cast<std::uint32_t>(64 - x), static_cast<std::uint32_t>(y))[0];
                ASSERT_NEAR(v, m, 1e-4 * peak + 1e-7) << "left/right asymmetry at " << dx << "," << dy;
                total += v;
                second_moment += v * dx * dx;
            }
        // Energy is kept, and the spread is that of sigma (truncation at 3 sigma trims ~3%).
        EXPECT_NEAR(total, 1.0, 1e-3) << "sigma " << sigma;
        EXPECT_NEAR(std::sqrt(second_moment / total), sigma, 0.04 * sigma) << "sigma " << sigma;
    }
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
