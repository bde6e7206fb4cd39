#include <loom/effects/dither.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    std::int32_t pattern;
    std::int32_t levels;
    float scale;
    std::int32_t monochrome;
};
static_assert(sizeof(Push) == 16);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Dither::kTypeName,
    .category = "retro",
    .summary = "Fewer colour steps with ordered (Bayer 2/4/8) or noise dithering; levels, cell size, "
               "monochrome.",
    .make = make_operator<Dither>,
    .example =
        [](Chain& c) {
            c.add<Dither>("dither").input(effects::example_picture(c)).pattern(DitherPattern::Bayer4).levels(3);
        },
});
}  // namespace

Result<void> Dither::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/dither.comp", 1, sizeof(Push));
}

void Dither::record(graph::RecordContext& ctx) {
    Push p{};
    p.pattern = static_cast<std::int32_t>(pattern_.get());
    p.levels = levels_.get();
    p.scale = scale_.get();
    p.monochrome = static_cast<std::int32_t>(monochrome_.get());
    effects::run_to_output(ctx, *program_, p);
}

}  // namespace loom
