// shader-warp: a project's own compute shader (warp.comp) as an operator. Noise is pushed
// around by a flow field the shader computes, tinted, then given a soft glow. Edit warp.comp
// while `loom run examples/shader-warp --watch` runs: it reloads on save.
#include <cmath>

#include <loom/loom.hpp>

using namespace loom;

void setup(Context& ctx) {
    auto& chain = ctx.chain();
    auto& noise = chain.add<Noise>("noise")
                      .type(NoiseType::Simplex)
                      .scale(2.5f)
                      .octaves(4)
                      .speed(0.1f)
                      .color_a({0.02f, 0.02f, 0.08f, 1.0f})
                      .color_b({0.9f, 0.95f, 1.0f, 1.0f});
    auto& rings = chain.add<Gradient>("rings").type(GradientType::Radial).color_a({0, 0, 0, 1}).color_b({1, 1, 1, 1});
    auto& warp = chain.add<Shader>("warp").file("warp.comp").inputs({&noise, &rings});
    // Each value is a name in warp.comp and a parameter in the editor.
    warp.value("strength", 0.08f, 0.0f, 0.3f)
        .value("swirl", 6.0f, 0.0f, 20.0f)
        .value("tint", glm::vec3(1.0f, 0.55f, 0.25f), glm::vec3(0.0f), glm::vec3(2.0f));
    chain.add<Bloom>("glow").input(warp).threshold(0.6f).intensity(0.8f);
    chain.output("glow");
}

void update(Context& ctx) {
    // A slow breath in the strength of the flow.
    const float breath = 0.5f + 0.5f * static_cast<float>(std::sin(ctx.time() * 0.7));
    ctx.chain().get<Shader>("warp").set("strength", 0.04f + 0.08f * breath);
}

LOOM_CHAIN(setup, update)
