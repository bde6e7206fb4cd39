#include <loom/effects/invert.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    std::int32_t mode;
    float amount;
};
static_assert(sizeof(Push) == 8);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Invert::kTypeName,
    .category = "filter",
    .summary = "Inverted colours, colours and alpha, or brightness only; amount.",
    .make = make_operator<Invert>,
    .example =
        [](Chain& c) {
            c.add<Invert>("invert").input(effects::example_picture(c));
        },
});
}  // namespace

Result<void> Invert::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/invert.comp", 1, sizeof(Push),
                                 static_cast<int>(mode_.get()));
}

void Invert::record(graph::RecordContext& ctx) {
    Push p{};
    p.mode = static_cast<std::int32_t>(mode_.get());
    p.amount = amount_.get();
    effects::run_to_output(ctx, program_, p, p.mode, -1, effects::Reach::AtPixel);
}

}  // namespace loom
