// hello-noise: coloured fractal noise, its hue drifting over time.
#include <cmath>

#include <loom/loom.hpp>

using namespace loom;

void setup(Context& ctx) {
    auto& chain = ctx.chain();
    auto& noise = chain.add<Noise>("noise")
                      .type(NoiseType::Simplex)
                      .scale(3.0f)
                      .octaves(5)
                      .speed(0.25f)
                      .color_a({0.05f, 0.0f, 0.15f, 1.0f})
                      .color_b({1.0f, 0.55f, 0.1f, 1.0f});
    chain.add<HSV>("color").input(noise).saturation(1.3f);
    chain.output("color");
}

void update(Context& ctx) {
    ctx.chain().get<HSV>("color").hue_shift(static_cast<float>(std::fmod(ctx.time() * 0.05, 1.0)));
}

LOOM_CHAIN(setup, update)
