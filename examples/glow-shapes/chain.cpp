// glow-shapes: a neon pinwheel and rings cut from gradients by Level, turning and breathing, with bloom.
#include <cmath>

#include <loom/loom.hpp>

using namespace loom;

void setup(Context& ctx) {
    auto& chain = ctx.chain();

    // The pinwheel: a soft disc (radial ramp, white in the middle) plus a sawtooth around the
    // centre (angular ramp, repeated), cut by Level's contrast into a sharp-edged blade shape.
    // It is drawn at half size, a quarter of the pixels: the glow goes over it anyway.
    auto& disc = chain.add<Gradient>("disc")
                     .type(GradientType::Radial)
                     .relative_size(0.5f)
                     .radius(0.45f)
                     .color_a({1.0f, 1.0f, 1.0f, 1.0f})
                     .color_b({0.0f, 0.0f, 0.0f, 1.0f});
    auto& teeth = chain.add<Gradient>("teeth")
                      .type(GradientType::Angular)
                      .relative_size(0.5f)
                      .repeat(5.0f)
                      .color_a({0.0f, 0.0f, 0.0f, 1.0f})
                      .color_b({0.4f, 0.4f, 0.4f, 1.0f});
    auto& field = chain.add<Composite>("field").inputs({&disc, &teeth}).mode(Blend::Add);
    auto& blade = chain.add<Level>("blade").input(field).brightness(-0.25f).contrast(8.0f);

    // Hollow it out: the same blade, a little smaller and turned a little, taken away.
    auto& core = chain.add<Transform>("core").input(blade).scale(0.8f).rotate(10.0f);
    auto& outline = chain.add<Composite>("outline").inputs({&blade, &core}).mode(Blend::Difference);

    // Rings: a radial ramp repeated three times, raised to the tenth power by Level's gamma so
    // only the top of each ramp stays: thin rings with a glow inside. The ramp's colour is
    // chosen for that: (0.79, 0.95, 1.0) to the tenth is cyan, (0.1, 0.6, 1.0).
    auto& ramp = chain.add<Gradient>("ramp")
                     .type(GradientType::Radial)
                     .radius(0.9f)
                     .repeat(3.0f)
                     .color_b({0.79f, 0.95f, 1.0f, 1.0f});
    auto& rings = chain.add<Level>("rings").input(ramp).gamma(0.1f);

    // Colour: the pinwheel runs from magenta to orange around the centre.
    auto& warm = chain.add<Gradient>("warm")
                     .type(GradientType::Angular)
                     .relative_size(0.5f)
                     .color_a({1.0f, 0.1f, 0.7f, 1.0f})
                     .color_b({1.0f, 0.5f, 0.05f, 1.0f});
    auto& pinwheel = chain.add<Composite>("pinwheel").inputs({&outline, &warm}).mode(Blend::Multiply);

    // Two small copies of the pinwheel circle between the rings. The rings come first in the
    // sum, so it has their (full) size.
    auto& moon_a = chain.add<Transform>("moon_a").input(pinwheel).scale(0.3f).wrap(Wrap::Transparent);
    auto& moon_b = chain.add<Transform>("moon_b").input(pinwheel).scale(0.3f).wrap(Wrap::Transparent);
    auto& shapes =
        chain.add<Composite>("shapes").inputs({&rings, &pinwheel, &moon_a, &moon_b}).mode(Blend::Add);

    // The glow: everything bright spreads wide.
    chain.add<Bloom>("glow").input(shapes).threshold(0.3f).knee(0.7f).intensity(2.0f).radius(0.8f);
    chain.output("glow");
}

void update(Context& ctx) {
    const auto t = static_cast<float>(ctx.time());
    auto& chain = ctx.chain();
    // The pinwheel turns (angles are counter-clockwise) and its blades breathe; the rings swell
    // and shrink; the colours turn the other way.
    chain.get<Gradient>("teeth").angle(t * 25.0f);
    chain.get<Gradient>("disc").radius(0.45f + 0.05f * std::sin(t * 1.1f));
    chain.get<Gradient>("ramp").radius(0.9f + 0.1f * std::sin(t * 0.5f));
    chain.get<Gradient>("warm").angle(-t * 40.0f);

    // The small copies orbit on opposite sides (translate is in canvas widths and heights,
    // so x is divided by the aspect ratio to keep the orbit round), spinning the other way.
    const float aspect = static_cast<float>(ctx.canvas().width) / static_cast<float>(ctx.canvas().height);
    const float orbit = 0.45f;
    const float angle = t * 0.6f;
    chain.get<Transform>("moon_a")
        .translate({orbit * std::cos(angle) / aspect, orbit * std::sin(angle)})
        .rotate(-t * 90.0f);
    chain.get<Transform>("moon_b")
        .translate({-orbit * std::cos(angle) / aspect, -orbit * std::sin(angle)})
        .rotate(-t * 90.0f);
}

LOOM_CHAIN(setup, update)
