// Fixture: the whole chain is built again every few frames through the hot-reload path (a new
// chain from setup(), each operator handing its images to its successor, the old chain retired);
// objects, GPU bytes and heap must come back to where they were.
#include <cmath>

#include <loom/loom.hpp>

using namespace loom;

void setup(Context& ctx) {
    auto& chain = ctx.chain();
    auto& noise = chain.add<Noise>("noise").type(NoiseType::Worley).scale(4.0f).octaves(2);
    auto& xf = chain.add<Transform>("xf").input(noise).rotate(15.0f).wrap(Wrap::Mirror);
    auto& blur = chain.add<Blur>("blur").input(xf).sigma(1.5f);
    auto& trail = chain.add<Feedback>("trail").input(blur).decay(0.7f);
    chain.add<Level>("out").input(trail).contrast(1.2f);
}

void update(Context& ctx) { ctx.chain().get<Transform>("xf").rotate(float(std::fmod(ctx.time() * 45.0, 360.0))); }

LOOM_CHAIN(setup, update)
