#include <loom/effects/blur.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include <cmath>

#include "core/gpu/format.hpp"
#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec2 direction;
    float sigma;
    std::int32_t radius;
};

const bool kRegistered = register_operator({
    .type = Blur::kTypeName,
    .category = "filter",
    .summary = "Gaussian blur, separable in two passes; sigma in pixels.",
    .make = make_operator<Blur>,
    .example =
        [](Chain& c) {
            c.add<Blur>("blur").input(effects::example_picture(c)).sigma(3.0f);
        },
});
}  // namespace

Result<void> Blur::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/blur.comp", 1, sizeof(Push));
}

void Blur::record(graph::RecordContext& ctx) {
    const Extent e = ctx.extent();
    const float sigma = sigma_;
    // Three sigma holds 99.7% of the weight; beyond it the taps change nothing visible.
    const std::int32_t radius = sigma < 0.05f ? 0 : static_cast<std::int32_t>(std::ceil(3.0f * sigma));
    // The middle (horizontally blurred) image has the output's size and format.
    gpu::Image* mid = ctx.scratch(0, e, ctx.output().format(), "blur.horizontal");
    if (!mid) return;
    gpu::Image& in = ctx.input(0);
    // The horizontal pass reads the input at the output's resolution (the input may differ in size).
    const Push h{{1.0f / float(e.width), 0.0f}, sigma, radius};
    ctx.dispatch(*program_, {gpu::ImageBinding{&in, gpu::SamplerKind::LinearClamp}}, *mid, &h, sizeof h);
    const Push v{{0.0f, 1.0f / float(e.height)}, sigma, radius};
    ctx.dispatch(*program_, {gpu::ImageBinding{mid, gpu::SamplerKind::LinearClamp}}, ctx.output(), &v, sizeof v);
}

}  // namespace loom
