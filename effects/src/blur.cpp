#include <loom/effects/blur.hpp>

#include <cmath>

#include "core/gpu/format.hpp"
#include "effects/src/effect_util.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec2 direction;
    float sigma;
    std::int32_t radius;
};
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
