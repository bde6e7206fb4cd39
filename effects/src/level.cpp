#include <loom/effects/level.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    float brightness, contrast, gamma, opacity;
};

const bool kRegistered = register_operator({
    .type = Level::kTypeName,
    .category = "filter",
    .summary = "Brightness, contrast, gamma and opacity.",
    .make = make_operator<Level>,
    .example =
        [](Chain& c) {
            c.add<Level>("level").input(effects::example_picture(c)).brightness(0.1f).contrast(1.6f).gamma(1.4f);
        },
});
}  // namespace

Result<void> Level::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/level.comp", 1, sizeof(Push));
}

void Level::record(graph::RecordContext& ctx) {
    effects::run_to_output(ctx, *program_, Push{brightness_, contrast_, gamma_, opacity_},
                           effects::Reach::AtPixel);
}

}  // namespace loom
