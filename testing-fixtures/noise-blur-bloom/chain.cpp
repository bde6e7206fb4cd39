// Fixture: noise, blurred, glowing, screened over the original.
#include <loom/loom.hpp>

using namespace loom;

void setup(Context& ctx) {
    auto& chain = ctx.chain();
    auto& noise = chain.add<Noise>("noise").scale(5.0f).octaves(5).speed(0.3f);
    noise.color_a({0.0f, 0.0f, 0.03f, 1.0f}).color_b({0.25f, 0.6f, 1.0f, 1.0f});
    auto& blur = chain.add<Blur>("blur").input(noise).sigma(3.0f);
    auto& glow = chain.add<Bloom>("glow").input(blur).threshold(0.55f).knee(0.3f).intensity(3.0f).radius(0.9f);
    chain.add<Composite>("out").inputs({&noise, &glow}).mode(Blend::Screen);
}

void update(Context& ctx) { ctx.chain().get<Noise>("noise").offset({float(ctx.time() * 0.1), 0.0f}); }

LOOM_CHAIN(setup, update)
