// color-field: two soft blocks of colour floating on a slowly shifting ground, Rothko-like and calm.
#include <algorithm>
#include <cmath>

#include <loom/loom.hpp>

using namespace loom;

void setup(Context& ctx) {
    auto& chain = ctx.chain();
    // Everything here is soft, so it is painted at a quarter of the canvas size and stretched
    // at the end: a sixteenth of the pixels to shade, and hardly a visible difference.
    constexpr float kPaintSize = 0.25f;

    // The ground: very large, slow noise between two close, deep reds.
    auto& ground = chain.add<Noise>("ground")
                       .relative_size(kPaintSize)
                       .scale(0.8f)
                       .octaves(3)
                       .speed(0.03f)
                       .color_a({0.22f, 0.03f, 0.04f, 1.0f})
                       .color_b({0.45f, 0.08f, 0.06f, 1.0f});

    // Two blocks of colour: flat colour cut to a rectangle (Transform with a transparent
    // outside), a wide one above and a lower, darker one below.
    auto& upper_paint =
        chain.add<SolidColor>("upper_paint").relative_size(kPaintSize).color({0.95f, 0.42f, 0.12f, 1.0f});
    auto& lower_paint =
        chain.add<SolidColor>("lower_paint").relative_size(kPaintSize).color({0.42f, 0.1f, 0.22f, 1.0f});
    auto& upper = chain.add<Transform>("upper").input(upper_paint).wrap(Wrap::Transparent);
    auto& lower = chain.add<Transform>("lower").input(lower_paint).wrap(Wrap::Transparent);
    auto& blocks = chain.add<Composite>("blocks").inputs({&ground, &upper, &lower}).mode(Blend::Over);

    // Brush texture: mid-grey noise laid over with Overlay, which lightens and darkens around
    // grey without changing the colours much.
    auto& brush = chain.add<Noise>("brush")
                      .relative_size(kPaintSize)
                      .scale(2.5f)
                      .octaves(4)
                      .speed(0.05f)
                      .seed(3)
                      .color_a({0.3f, 0.3f, 0.3f, 1.0f})
                      .color_b({0.7f, 0.7f, 0.7f, 1.0f});
    auto& painted =
        chain.add<Composite>("painted").inputs({&blocks, &brush}).mode(Blend::Overlay).opacity(0.5f);

    // Soft edges: a blur (its width is set in update(), as it is counted in pixels).
    auto& soft = chain.add<Blur>("soft").input(painted);

    // The hue drifts very slowly (update() sets it).
    auto& drift = chain.add<HSV>("drift").input(soft).saturation(0.9f);

    // Back to the canvas size: a canvas-sized vignette (a radial ramp from white in the middle
    // to grey in the corners) multiplied by the painting, which is stretched to fit.
    auto& vignette = chain.add<Gradient>("vignette")
                         .type(GradientType::Radial)
                         .radius(1.1f)
                         .color_a({1.0f, 1.0f, 1.0f, 1.0f})
                         .color_b({0.6f, 0.6f, 0.6f, 1.0f});
    chain.add<Composite>("out").inputs({&vignette, &drift}).mode(Blend::Multiply);
    chain.output("out");
}

void update(Context& ctx) {
    const auto t = static_cast<float>(ctx.time());
    auto& chain = ctx.chain();

    // The blocks breathe: their size swells and shrinks a little, each at its own slow pace.
    const float swell_upper = 1.0f + 0.03f * std::sin(t * 0.21f);
    const float swell_lower = 1.0f + 0.04f * std::sin(t * 0.17f + 2.0f);
    chain.get<Transform>("upper").scale({0.78f * swell_upper, 0.38f * swell_upper}).translate({0.0f, -0.19f});
    chain.get<Transform>("lower").scale({0.78f * swell_lower, 0.28f * swell_lower}).translate({0.0f, 0.24f});

    // The blur is counted in pixels of the quarter-size painting: 4 of them at 720 lines (16
    // on the canvas), scaled so the edges are equally soft at any canvas size, but never under
    // 2, which would leave the stretched-up painting looking blocky.
    const float lines = static_cast<float>(ctx.canvas().height);
    chain.get<Blur>("soft").sigma(std::max(2.0f, 4.0f * lines / 720.0f));

    // The ground drifts sideways. The hue wanders around the reds, from violet to orange, the
    // sum of two slow swings (three minutes and 70 seconds) so it never quite repeats.
    constexpr float kTau = 6.2831853f;
    chain.get<Noise>("ground").offset({t * 0.02f, 0.0f});
    const float hue = -0.05f + 0.07f * std::sin(kTau * t / 180.0f) + 0.03f * std::sin(kTau * t / 70.0f);
    chain.get<HSV>("drift").hue_shift(hue);
}

LOOM_CHAIN(setup, update)
