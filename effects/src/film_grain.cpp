#include <loom/effects/film_grain.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    float amount;
    float grain_size;
    std::int32_t colored;
    std::int32_t seed;
    std::int32_t frame;
};
static_assert(sizeof(Push) == 20);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = FilmGrain::kTypeName,
    .category = "retro",
    .summary = "Animated grain: amount, grain size in pixels, colour or mono, seed.",
    .make = make_operator<FilmGrain>,
    .example =
        [](Chain& c) {
            c.add<FilmGrain>("grain").input(effects::example_picture(c)).amount(0.35f).grain_size(2.0f);
        },
});
}  // namespace

Result<void> FilmGrain::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/film_grain.comp", 1, sizeof(Push));
}

void FilmGrain::record(graph::RecordContext& ctx) {
    Push p{};
    p.amount = amount_.get();
    p.grain_size = grain_size_.get();
    p.colored = static_cast<std::int32_t>(colored_.get());
    p.seed = seed_.get();
    p.frame = static_cast<std::int32_t>(ctx.frame() % 1000003u);
    effects::run_to_output(ctx, *program_, p, effects::Reach::AtPixel);
}

}  // namespace loom
