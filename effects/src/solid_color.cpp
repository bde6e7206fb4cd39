#include <loom/effects/solid_color.hpp>

#include "effects/src/effect_util.hpp"

namespace loom {

Result<void> SolidColor::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/solid_color.comp", 0, sizeof(glm::vec4));
}

void SolidColor::record(graph::RecordContext& ctx) {
    const glm::vec4 c = color_;
    effects::run_to_output(ctx, *program_, c);
}

}  // namespace loom
