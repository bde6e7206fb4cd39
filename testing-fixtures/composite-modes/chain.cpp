// Fixture: every blend mode, chained: each Composite blends a gradient onto the previous result.
#include <cmath>
#include <string>

#include <loom/loom.hpp>

using namespace loom;

void setup(Context& ctx) {
    auto& chain = ctx.chain();
    auto& base = chain.add<Noise>("base").type(NoiseType::Value).scale(2.0f).octaves(3);
    auto& ramp = chain.add<Gradient>("ramp").angle(45.0f).color_a({0.1f, 0.2f, 0.9f, 1.0f}).color_b({1.0f, 0.3f, 0.1f, 0.8f});
    auto& ring = chain.add<Gradient>("ring").type(GradientType::Radial).repeat(4.0f);
    ring.color_a({0.9f, 0.9f, 0.2f, 1.0f}).color_b({0.1f, 0.0f, 0.3f, 0.5f});
    const Blend modes[] = {Blend::Over, Blend::Add, Blend::Multiply, Blend::Screen, Blend::Overlay, Blend::Difference};
    Operator* prev = &base;
    int i = 0;
    for (Blend m : modes) {
        Operator& layer = (i % 2) ? static_cast<Operator&>(ring) : static_cast<Operator&>(ramp);
        prev = &chain.add<Composite>("mode" + std::to_string(i++)).inputs({prev, &layer}).mode(m).opacity(0.5f);
    }
}

void update(Context& ctx) { ctx.chain().get<Gradient>("ramp").angle(float(std::fmod(ctx.time() * 20.0, 360.0))); }

LOOM_CHAIN(setup, update)
