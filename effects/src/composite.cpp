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
    // The mode and the number of layers pick the code path (compiled in on a CPU device).
    return effects::make_program(ctx, program_, "effects/composite.comp", kMaxInputs, sizeof(Push),
                                 static_cast<int>(mode_.get()), static_cast<int>(input_refs().size()));
}

void Composite::record(graph::RecordContext& ctx) {
    // The program always has 8 bindings; slots past the inputs repeat the first one (unread).
    gpu::ImageBinding b[kMaxInputs];
    const std::uint32_t n = ctx.input_count();
    // Each layer is read at the pixel's own uv: texel for texel where it has the output's size.
    for (std::uint32_t i = 0; i < kMaxInputs; ++i) {
        gpu::Image& layer = ctx.input(i < n ? i : 0);
        b[i] = {&layer, effects::sampler_for(layer, ctx.output(), effects::Reach::AtPixel)};
    }
    const Push p{static_cast<std::int32_t>(n), static_cast<std::int32_t>(mode_.get()), opacity_};
    gpu::Program* program = program_.get(ctx, p.mode, p.count);
    if (!program) return;
    ctx.dispatch(*program, std::span<const gpu::ImageBinding>(b, kMaxInputs), ctx.output(), &p, sizeof p);
}

}  // namespace loom
