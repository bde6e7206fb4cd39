#include <loom/effects/pixelate.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    float cell;
};
static_assert(sizeof(Push) == 4);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Pixelate::kTypeName,
    .category = "filter",
    .summary = "The image in square blocks of a given size in pixels.",
    .make = make_operator<Pixelate>,
    .example =
        [](Chain& c) {
            c.add<Pixelate>("pixelate").input(effects::example_picture(c)).cell(6.0f);
        },
});
}  // namespace

Result<void> Pixelate::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/pixelate.comp", 1, sizeof(Push));
}

void Pixelate::record(graph::RecordContext& ctx) {
    Push p{};
    p.cell = cell_.get();
    effects::run_to_output(ctx, *program_, p);
}

}  // namespace loom
