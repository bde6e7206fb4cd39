#include <loom/effects/crop.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec4 rect;
    std::int32_t mode;
};
static_assert(sizeof(Push) == 20);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Crop::kTypeName,
    .category = "filter",
    .summary = "A rectangle of the image, filling the output or kept in place with the rest "
               "transparent.",
    .make = make_operator<Crop>,
    .example =
        [](Chain& c) {
            c.add<Crop>("crop").input(effects::example_picture(c)).rect({0.3f, 0.25f, 0.7f, 0.75f});
        },
});
}  // namespace

Result<void> Crop::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/crop.comp", 1, sizeof(Push),
                                 static_cast<int>(mode_.get()));
}

void Crop::record(graph::RecordContext& ctx) {
    Push p{};
    p.rect = rect_.get();
    p.mode = static_cast<std::int32_t>(mode_.get());
    effects::run_to_output(ctx, program_, p, p.mode);
}

}  // namespace loom
