#include <loom/effects/downsample.hpp>

#include <loom/chain.hpp>
#include <loom/effects/transform.hpp>
#include <loom/operator_registry.hpp>
#include <spdlog/spdlog.h>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    std::int32_t filter;
};
static_assert(sizeof(Push) == 4);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Downsample::kTypeName,
    .category = "retro",
    .summary = "The input at a lower resolution: each pixel the exact average of what it covers, or nearest.",
    .make = make_operator<Downsample>,
    .example =
        [](Chain& c) {
            auto& picture = effects::example_picture(c);
            c.add<Downsample>("downsample").input(picture).factor(8.0f);
        },
    .calls = "factor(n)",
});
}  // namespace

Downsample& Downsample::factor(float n) {
    if (!(n >= 1.0f)) {
        spdlog::warn("Downsample '{}': factor {:g} would not make the image smaller; using 1. Fix: a factor of 2 "
                     "halves each side, 4 quarters it.", name(), n);
        n = 1.0f;
    }
    return relative_size(1.0f / n);
}

Result<void> Downsample::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/downsample.comp", 1, sizeof(Push),
                                 static_cast<int>(filter_.get()));
}

void Downsample::record(graph::RecordContext& ctx) {
    const Push p{static_cast<std::int32_t>(filter_.get())};
    gpu::Program* program = program_.get(ctx, p.filter);
    if (!program) return;
    ctx.dispatch(*program, {gpu::ImageBinding{&ctx.input(0), gpu::SamplerKind::NearestClamp}}, ctx.output(),
                 &p, sizeof p);
}

}  // namespace loom
