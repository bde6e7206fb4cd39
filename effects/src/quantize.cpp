#include <loom/effects/quantize.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec4 color_0;
    glm::vec4 color_1;
    glm::vec4 color_2;
    glm::vec4 color_3;
    std::int32_t mode;
    std::int32_t levels;
    std::int32_t palette_size;
};
static_assert(sizeof(Push) == 76);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Quantize::kTypeName,
    .category = "retro",
    .summary = "Colours snapped to a 2-4 colour palette (nearest) or to N steps per channel.",
    .make = make_operator<Quantize>,
    .example =
        [](Chain& c) {
            c.add<Quantize>("quantize").input(effects::example_picture(c));
        },
});
}  // namespace

Result<void> Quantize::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/quantize.comp", 1, sizeof(Push),
                                 static_cast<int>(mode_.get()));
}

void Quantize::record(graph::RecordContext& ctx) {
    Push p{};
    p.color_0 = color_0_.get();
    p.color_1 = color_1_.get();
    p.color_2 = color_2_.get();
    p.color_3 = color_3_.get();
    p.mode = static_cast<std::int32_t>(mode_.get());
    p.levels = levels_.get();
    p.palette_size = palette_size_.get();
    effects::run_to_output(ctx, program_, p, p.mode, -1, effects::Reach::AtPixel);
}

}  // namespace loom
