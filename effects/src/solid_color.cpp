#include <loom/effects/solid_color.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
const bool kRegistered = register_operator({
    .type = SolidColor::kTypeName,
    .category = "generator",
    .summary = "One colour everywhere.",
    .make = make_operator<SolidColor>,
    .example =
        [](Chain& c) {
            c.add<SolidColor>("solid").color({0.9f, 0.4f, 0.2f, 1.0f});
        },
    .example_frames = 1,
});
}  // namespace

Result<void> SolidColor::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/solid_color.comp", 0, sizeof(glm::vec4));
}

void SolidColor::record(graph::RecordContext& ctx) {
    const glm::vec4 c = color_;
    effects::run_to_output(ctx, *program_, c);
}

}  // namespace loom
