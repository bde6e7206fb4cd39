#include <loom/effects/mirror.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec2 center;
    std::int32_t mode;
};
static_assert(sizeof(Push) == 12);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Mirror::kTypeName,
    .category = "filter",
    .summary = "One half of the image reflected onto the other (left, right, top, bottom) or one "
               "quarter onto four.",
    .make = make_operator<Mirror>,
    .example =
        [](Chain& c) {
            c.add<Mirror>("mirror").input(effects::example_picture(c)).mode(MirrorMode::Quad).center({0.4f, 0.45f});
        },
});
}  // namespace

Result<void> Mirror::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/mirror.comp", 1, sizeof(Push),
                                 static_cast<int>(mode_.get()));
}

void Mirror::record(graph::RecordContext& ctx) {
    Push p{};
    p.center = center_.get();
    p.mode = static_cast<std::int32_t>(mode_.get());
    effects::run_to_output(ctx, program_, p, p.mode);
}

}  // namespace loom
