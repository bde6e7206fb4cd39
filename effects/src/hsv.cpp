#include <loom/effects/hsv.hpp>

#include "effects/src/effect_util.hpp"

namespace loom {

namespace {
struct Push {
    float hue_shift, saturation, value;
};
}  // namespace

Result<void> HSV::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/hsv.comp", 1, sizeof(Push));
}

void HSV::record(graph::RecordContext& ctx) {
    effects::run_to_output(ctx, *program_, Push{hue_shift_, saturation_, value_});
}

}  // namespace loom
