// Programs whose shader picks its path by a mode (effects::ModeProgram): compiled in on a CPU
// device, branching on a GPU; and point operators reading a same-size input texel for texel.
#include <cmath>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

struct Specialize {
    explicit Specialize(const char* v) { setenv("LOOM_SPECIALIZE", v, 1); }
    ~Specialize() { unsetenv("LOOM_SPECIALIZE"); }
};

float max_diff(const io::Pixels& a, const io::Pixels& b) {
    if (a.rgba.size() != b.rgba.size()) return INFINITY;
    float d = 0.0f;
    for (std::size_t i = 0; i < a.rgba.size(); ++i)
        d = std::max(d, std::abs(a.rgba[i] - b.rgba[i]));
    return d;
}

// A chain whose operator "op" runs in mode `mode`; `modes` of them.
struct ModeCase {
    const char* name;
    int modes;
    std::function<void(Chain&, int)> build;
};

std::vector<ModeCase> mode_cases() {
    auto layers = [](Chain& c) -> std::pair<Operator*, Operator*> {
        auto& a = c.add<Gradient>("a").color_a({0.9f, 0.2f, 0.1f, 1.0f}).color_b({0.1f, 0.4f, 0.95f, 0.6f});
        auto& b = c.add<Noise>("b")
                      .scale(6.0f)
                      .octaves(2)
                      .speed(1.3f)
                      .color_a({0.0f, 0.1f, 0.0f, 0.3f})
                      .color_b({0.8f, 0.7f, 0.2f, 0.9f});
        return {&a, &b};
    };
    return {
        {"Composite of 2", 14,
         [=](Chain& c, int m) {
             auto [a, b] = layers(c);
             c.add<Composite>("op").inputs({a, b}).mode(Blend(m)).opacity(0.8f).format(Format::RGBA32F);
         }},
        {"Composite of 3", 14,
         [=](Chain& c, int m) {
             auto [a, b] = layers(c);
             auto& p = c.add<Pattern>("p").type(PatternType::Dots).scale(5.0f);
             c.add<Composite>("op").inputs({a, b, &p}).mode(Blend(m)).format(Format::RGBA32F);
         }},
        {"Noise", 4,
         [](Chain& c, int m) {
             c.add<Noise>("op").type(NoiseType(m)).scale(4.0f).octaves(3).speed(0.4f).format(Format::RGBA32F);
         }},
        {"Gradient", 4,
         [](Chain& c, int m) { c.add<Gradient>("op").type(GradientType(m)).format(Format::RGBA32F); }},
        {"Pattern", 4,
         [](Chain& c, int m) {
             c.add<Pattern>("op").type(PatternType(m)).scale(7.0f).format(Format::RGBA32F);
         }},
        {"Shape", 8,
         [](Chain& c, int m) { c.add<Shape>("op").type(ShapeType(m)).sides(6).format(Format::RGBA32F); }},
        {"Invert", 3,
         [=](Chain& c, int m) {
             c.add<Invert>("op").input(*layers(c).second).mode(InvertMode(m)).format(Format::RGBA32F);
         }},
        {"Mirror", 5,
         [=](Chain& c, int m) {
             c.add<Mirror>("op").input(*layers(c).second).mode(MirrorMode(m)).format(Format::RGBA32F);
         }},
        {"Crop", 2,
         [=](Chain& c, int m) {
             c.add<Crop>("op")
                 .input(*layers(c).second)
                 .rect({0.1f, 0.2f, 0.5f, 0.4f})
                 .mode(CropMode(m))
                 .format(Format::RGBA32F);
         }},
        {"Quantize", 2,
         [=](Chain& c, int m) {
             c.add<Quantize>("op").input(*layers(c).first).mode(QuantizeMode(m)).format(Format::RGBA32F);
         }},
        {"Lookup", 2,
         [=](Chain& c, int m) {
             auto [a, b] = layers(c);
             c.add<Lookup>("op").inputs({a, b}).mode(LookupMode(m)).format(Format::RGBA32F);
         }},
        {"ChromaticAberration", 2,
         [=](Chain& c, int m) {
             c.add<ChromaticAberration>("op")
                 .input(*layers(c).second)
                 .amount(0.03f)
                 .mode(AberrationMode(m))
                 .format(Format::RGBA32F);
         }},
        {"Feedback", 3,
         [=](Chain& c, int m) {
             c.add<Feedback>("op")
                 .input(*layers(c).second)
                 .mode(FeedbackMode(m))
                 .decay(0.8f)
                 .format(Format::RGBA32F);
         }},
        {"Dither", 5,
         [=](Chain& c, int m) {
             c.add<Dither>("op")
                 .input(*layers(c).first)
                 .pattern(DitherPattern(m))
                 .levels(3)
                 .format(Format::RGBA32F);
         }},
        {"Displace", 4,
         [=](Chain& c, int m) {
             auto [a, b] = layers(c);
             c.add<Displace>("op").inputs({a, b}).amount(0.4f).wrap(Wrap(m)).format(Format::RGBA32F);
         }},
        {"Downsample", 2,
         [=](Chain& c, int m) {
             c.add<Downsample>("op")
                 .input(*layers(c).second)
                 .filter(DownsampleFilter(m))
                 .size(29, 17)
                 .format(Format::RGBA32F);
         }},
        {"Echo", 3,
         [=](Chain& c, int m) {
             c.add<Echo>("op")
                 .input(*layers(c).second)
                 .count(3)
                 .spacing(2)
                 .mode(EchoMode(m))
                 .format(Format::RGBA32F);
         }},
    };
}

}  // namespace

// Every mode of every such operator gives the same image with the mode compiled in (a CPU
// device's way) as with one program that branches on it (a GPU's), over a few frames (Feedback
// and Echo read earlier ones); and the modes differ from each other, so the comparison sees them.
TEST_F(GpuTest, ModesCompiledInGiveTheImagesOfTheProgramThatBranches) {
    for (const ModeCase& mc : mode_cases()) {
        std::vector<io::Pixels> branching;
        for (int specialize = 0; specialize < 2; ++specialize) {
            Specialize way(specialize ? "1" : "0");
            for (int m = 0; m < mc.modes; ++m) {
                SCOPED_TRACE(std::string(mc.name) + ", mode " + std::to_string(m) +
                             (specialize ? ", compiled in" : ""));
                engine().clear_chain();
                mc.build(chain(), m);
                chain().output("op");
                engine().clock().seek(30);
                render(5);
                ASSERT_FALSE(chain().find("op")->failed()) << chain().find("op")->error();
                io::Pixels image = read("op");
                if (!specialize) {
                    for (int k = 0; k < m; ++k)
                        if (max_diff(image, branching[std::size_t(k)]) == 0.0f)
                            ADD_FAILURE() << "modes " << k << " and " << m << " give the same image";
                    branching.push_back(std::move(image));
                } else {
                    EXPECT_LT(max_diff(image, branching[std::size_t(m)]), 1e-4f);
                }
            }
        }
    }
}

// Compiled in, a mode first used while the chain runs builds its pipeline in that frame, once;
// a mode used before builds nothing and allocates nothing. Branching, a mode change builds
// nothing. Without the validation layer, whose bookkeeping allocates in every vkCmd* call.
TEST_F(GpuTest, AModeFirstUsedWhileRunningBuildsItsPipelineOnce) {
    auto cfg = test_config();
    cfg.device.validation = false;
    ASSERT_NO_FATAL_FAILURE(restart(cfg));
    io::Pixels screen[2];
    for (int specialize = 0; specialize < 2; ++specialize) {
        SCOPED_TRACE(specialize ? "compiled in" : "branching");
        Specialize way(specialize ? "1" : "0");
        engine().clear_chain();
        auto& a = chain().add<Gradient>("a");
        auto& b = chain().add<Pattern>("b");
        auto& op = chain().add<Composite>("op").inputs({&a, &b}).mode(Blend::Over).format(Format::RGBA32F);
        chain().output("op");
        render(3);
        op.mode(Blend::Screen);
        EXPECT_EQ(counted_frames(1).pipelines_created, specialize ? 1u : 0u);
        EXPECT_EQ(counted_frames(2).pipelines_created, 0u);
        op.mode(Blend::Over);
        const auto back = counted_frames(2);
        EXPECT_EQ(back.pipelines_created, 0u);
        EXPECT_EQ(back.objects_created, 0u);
#ifndef LOOM_SANITIZE  // sanitizer builds keep ASan's operator new: allocations are not counted
        EXPECT_EQ(back.heap_allocations, 0u) << back.to_string();
#endif
        op.mode(Blend::Screen);
        EXPECT_EQ(counted_frames(1).pipelines_created, 0u);
        screen[specialize] = read(op);
    }
    EXPECT_LT(max_diff(screen[0], screen[1]), 1e-4f) << "the mode built while running is the one asked for";
}

// A point operator reads an input of the output's size texel for texel, and one of another size
// resampled (bilinear): a 4x4 checker under a 96x64 Level rises in small steps, not in jumps.
TEST_F(GpuTest, PointOperatorsResampleAnInputOfAnotherSize) {
    auto& small = chain()
                      .add<Pattern>("small")
                      .type(PatternType::Checker)
                      .scale(2.0f)
                      .softness(0.0f)
                      .size(4, 4)
                      .format(Format::RGBA32F);
    auto& big = chain().add<Level>("big").input(small).size(96, 64).format(Format::RGBA32F);
    auto& same = chain().add<Pattern>("same").type(PatternType::Checker).scale(9.0f).format(Format::RGBA32F);
    auto& copy = chain().add<Level>("copy").input(same).format(Format::RGBA32F);
    chain().add<Composite>("out").inputs({&big, &copy}).mode(Blend::Add);
    chain().output("out");
    render(1);
    auto steepest = [](const io::Pixels& p) {
        float d = 0.0f;
        for (std::uint32_t y = 0; y < p.height; ++y)
            for (std::uint32_t x = 0; x + 1 < p.width; ++x) {
                const std::size_t i = (std::size_t(y) * p.width + x) * 4;
                d = std::max(d, std::abs(p.rgba[i + 4] - p.rgba[i]));
            }
        return d;
    };
    ASSERT_GT(steepest(read("small")), 0.5f) << "the checker's cells differ";
    EXPECT_LT(steepest(read("big")), 0.15f) << "upscaled bilinear: 24 pixels a cell, no jumps";
    EXPECT_LT(max_diff(read("copy"), read("same")), 1e-6f) << "the same size is read texel for texel";
}

}  // namespace loom::test
