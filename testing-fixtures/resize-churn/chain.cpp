// Fixture: a chain with private images (blur, bloom levels) and history, for the resize churn:
// the watch changes the canvas every few frames and every count must come back.
#include <loom/loom.hpp>

using namespace loom;

void setup(Context& ctx) {
    auto& chain = ctx.chain();
    auto& noise = chain.add<Noise>("noise").scale(3.0f).octaves(3).speed(0.5f);
    auto& blur = chain.add<Blur>("blur").input(noise).sigma(2.0f);
    auto& glow = chain.add<Bloom>("glow").input(blur).threshold(0.5f);
    auto& half = chain.add<HSV>("half").input(glow).relative_size(0.5f).hue_shift(0.3f);
    auto& trail = chain.add<Feedback>("trail").input(half).decay(0.6f);
    chain.add<Composite>("out").inputs({&glow, &trail}).mode(Blend::Screen);
}

LOOM_CHAIN(setup, nullptr)
