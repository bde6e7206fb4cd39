// feedback-spiral: three orbiting, colour-cycling dots whose trails zoom and twist into a spiral.
#include <cmath>
#include <string>

#include <loom/loom.hpp>

using namespace loom;

namespace {

constexpr float kTau = 6.2831853f;
constexpr int kDots = 3;

// A bright, saturated colour on the colour wheel at `turns` (0..1 is once round).
glm::vec4 wheel(float turns) {
    auto channel = [turns](float offset) { return 0.55f + 0.45f * std::cos(kTau * (turns - offset)); };
    return {channel(0.0f), channel(1.0f / 3.0f), channel(2.0f / 3.0f), 1.0f};
}

std::string dot_name(int i) {
    return "dot" + std::to_string(i);
}

}  // namespace

void setup(Context& ctx) {
    auto& chain = ctx.chain();
    // The source: three soft dots (radial gradients, bright centre fading to black), added up.
    auto& dots = chain.add<Composite>("dots").mode(Blend::Add);
    for (int i = 0; i < kDots; ++i) {
        auto& dot = chain.add<Gradient>(dot_name(i))
                        .type(GradientType::Radial)
                        .radius(0.035f)
                        .color_b({0.0f, 0.0f, 0.0f, 1.0f});
        dots.input(static_cast<std::size_t>(i), dot);
    }
    // Each frame the previous frame is zoomed in a little, turned a few degrees and faded, so
    // whatever the dots leave behind streams outwards along spiral arms.
    auto& trails = chain.add<Feedback>("trails")
                       .input(dots)
                       .mode(FeedbackMode::Max)
                       .decay(0.98f)
                       .scale(1.025f)
                       .rotate(4.0f);
    // A touch of glow on the dots and the freshest trails.
    chain.add<Bloom>("glow").input(trails).threshold(0.45f).knee(0.6f).intensity(0.9f).radius(0.6f);
    chain.output("glow");
}

void update(Context& ctx) {
    const auto t = static_cast<float>(ctx.time());
    auto& chain = ctx.chain();

    // The dots circle the centre, evenly spaced, on a slowly breathing radius; their colours
    // are a third of the wheel apart and all drift round it.
    const float orbit = 0.10f + 0.05f * std::sin(t * 0.5f);
    const float aspect = static_cast<float>(ctx.canvas().width) / static_cast<float>(ctx.canvas().height);
    for (int i = 0; i < kDots; ++i) {
        const float phase = static_cast<float>(i) / kDots;
        const float angle = t * 1.1f + kTau * phase;  // against the twist below
        chain.get<Gradient>(dot_name(i))
            .center({0.5f + orbit * std::cos(angle) / aspect, 0.5f + orbit * std::sin(angle)})
            .color_a(wheel(t * 0.1f + phase));
    }

    // The twist slowly tightens and relaxes (1 to 5 degrees a frame), winding and unwinding the arms.
    chain.get<Feedback>("trails").rotate(3.0f + 2.0f * std::sin(t * 0.2f + 1.2f));
}

LOOM_CHAIN(setup, update)
