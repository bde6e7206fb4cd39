#include <loom/effects/hsv.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    float hue_shift, saturation, value;
};

const bool kRegistered = register_operator({
    .type = HSV::kTypeName,
    .category = "filter",
    .summary = "Hue rotated (in turns), saturation and value scaled.",
    .make = make_operator<HSV>,
    .example =
        [](Chain& c) {
            c.add<HSV>("hsv").input(effects::example_picture(c)).hue_shift(0.3f).saturation(0.7f);
        },
});
}  // namespace

Result<void> HSV::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/hsv.comp", 1, sizeof(Push));
}

void HSV::record(graph::RecordContext& ctx) {
    effects::run_to_output(ctx, *program_, Push{hue_shift_, saturation_, value_}, effects::Reach::AtPixel);
}

}  // namespace loom
