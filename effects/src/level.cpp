#include <loom/effects/level.hpp>

#include "effects/src/effect_util.hpp"

namespace loom {

namespace {
struct Push {
    float brightness, contrast, gamma, opacity;
};
}  // namespace

Result<void> Level::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/level.comp", 1, sizeof(Push));
}

void Level::record(graph::RecordContext& ctx) {
    effects::run_to_output(ctx, *program_, Push{brightness_, contrast_, gamma_, opacity_});
}

}  // namespace loom
