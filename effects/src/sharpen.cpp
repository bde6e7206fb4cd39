#include <loom/effects/sharpen.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec2 radius;
    float amount;
};
static_assert(sizeof(Push) == 12);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Sharpen::kTypeName,
    .category = "filter",
    .summary = "Unsharp-mask sharpening; amount and radius in pixels.",
    .make = make_operator<Sharpen>,
    .example =
        [](Chain& c) {
            c.add<Sharpen>("sharpen").input(effects::example_picture(c)).amount(2.0f).radius(1.5f);
        },
});
}  // namespace

Result<void> Sharpen::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/sharpen.comp", 1, sizeof(Push));
}

void Sharpen::record(graph::RecordContext& ctx) {
    Push p{};
    p.radius = radius_.get() * effects::texel_of(ctx.input(0));
    p.amount = amount_.get();
    effects::run_to_output(ctx, *program_, p);
}

}  // namespace loom
