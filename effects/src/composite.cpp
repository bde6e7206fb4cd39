#include <loom/effects/composite.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    std::int32_t count;
    std::int32_t mode;
    float opacity;
};

const bool kRegistered = register_operator({
    .type = Composite::kTypeName,
    .category = "composite",
    .summary = "Layers blended in order onto the first: over, add, multiply, screen, overlay, difference, lighten, darken, hard/soft light, dodge, burn, subtract, divide.",
    .make = make_operator<Composite>,
    .example =
        [](Chain& c) {
            auto& picture = effects::example_picture(c);
            auto& noise = effects::example_noise(c);
            c.add<Composite>("composite").inputs({&picture, &noise}).mode(Blend::SoftLight);
        },
});
}  // namespace

Result<void> Composite::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/composite.comp", kMaxInputs, sizeof(Push));
}

void Composite::record(graph::RecordContext& ctx) {
    // The program always has 8 bindings; slots past the inputs repeat the first one (unread).
    gpu::ImageBinding b[kMaxInputs];
    const std::uint32_t n = ctx.input_count();
    for (std::uint32_t i = 0; i < kMaxInputs; ++i) b[i] = {&ctx.input(i < n ? i : 0), gpu::SamplerKind::LinearClamp};
    const Push p{static_cast<std::int32_t>(n), static_cast<std::int32_t>(mode_.get()), opacity_};
    ctx.dispatch(*program_, std::span<const gpu::ImageBinding>(b, kMaxInputs), ctx.output(), &p, sizeof p);
}

}  // namespace loom
