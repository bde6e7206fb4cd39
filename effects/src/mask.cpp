#include <loom/effects/mask.hpp>

#include <loom/chain.hpp>
#include <loom/effects/shape.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    std::int32_t source;
    std::int32_t invert;
    float amount;
};
static_assert(sizeof(Push) == 12);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Mask::kTypeName,
    .category = "filter",
    .summary = "Alpha of the image multiplied by a second image's alpha, luminance or red; "
               "invertible.",
    .make = make_operator<Mask>,
    .example =
        [](Chain& c) {
            auto& picture = effects::example_picture(c);
            auto& disc = c.add<Shape>("disc").scale(0.8f).softness(12.0f);
            c.add<Mask>("mask").inputs({&picture, &disc}).source(MaskSource::Alpha);
        },
});
}  // namespace

Result<void> Mask::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/mask.comp", 2, sizeof(Push));
}

void Mask::record(graph::RecordContext& ctx) {
    Push p{};
    p.source = static_cast<std::int32_t>(source_.get());
    p.invert = static_cast<std::int32_t>(invert_.get());
    p.amount = amount_.get();
    effects::run_to_output(ctx, *program_, p, effects::Reach::AtPixel);
}

}  // namespace loom
