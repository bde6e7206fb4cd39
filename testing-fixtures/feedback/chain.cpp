// Fixture: a bright disc circling, leaving a zooming, rotating trail (history input).
#include <cmath>

#include <loom/loom.hpp>

using namespace loom;

void setup(Context& ctx) {
    auto& chain = ctx.chain();
    auto& disc = chain.add<Gradient>("disc").type(GradientType::Radial).radius(0.06f);
    disc.color_a({1.0f, 0.8f, 0.3f, 1.0f}).color_b({0, 0, 0, 1});
    auto& trail = chain.add<Feedback>("trail").input(disc).decay(0.93f).scale(1.02f).rotate(2.0f);
    chain.add<Level>("out").input(trail).gamma(1.4f);
}

void update(Context& ctx) {
    const float t = float(ctx.time());
    ctx.chain().get<Gradient>("disc").center({0.5f + 0.3f * std::cos(t * 2.0f), 0.5f + 0.3f * std::sin(t * 2.0f)});
}

LOOM_CHAIN(setup, update)
