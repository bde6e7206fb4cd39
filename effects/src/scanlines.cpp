#include <loom/effects/scanlines.hpp>

#include <algorithm>
#include <cmath>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    float count;
    float thickness;
    float strength;
    float speed;
    float pixel;
};
static_assert(sizeof(Push) == 20);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Scanlines::kTypeName,
    .category = "retro",
    .summary = "Horizontal dark lines: count, thickness, strength, scrolling speed.",
    .make = make_operator<Scanlines>,
    .example =
        [](Chain& c) {
            c.add<Scanlines>("scanlines").input(effects::example_picture(c)).count(20.0f).strength(0.7f);
        },
});
}  // namespace

Result<void> Scanlines::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/scanlines.comp", 1, sizeof(Push));
}

void Scanlines::record(graph::RecordContext& ctx) {
    Push p{};
    p.count = count_.get();
    p.thickness = thickness_.get();
    p.strength = strength_.get();
    p.speed = static_cast<float>(std::fmod(speed_.get() * ctx.time(), 1.0));
    p.pixel = count_.get() / float(std::max(ctx.extent().height, 1u));
    effects::run_to_output(ctx, *program_, p, effects::Reach::AtPixel);
}

}  // namespace loom
