#include <loom/effects/vignette.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec4 color;
    float radius;
    float softness;
    float strength;
    float roundness;
    float aspect;
};
static_assert(sizeof(Push) == 36);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Vignette::kTypeName,
    .category = "filter",
    .summary = "Edges darkened or tinted towards a colour; radius, softness, roundness.",
    .make = make_operator<Vignette>,
    .example =
        [](Chain& c) {
            c.add<Vignette>("vignette").input(effects::example_picture(c)).radius(0.5f).softness(0.7f);
        },
});
}  // namespace

Result<void> Vignette::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/vignette.comp", 1, sizeof(Push));
}

void Vignette::record(graph::RecordContext& ctx) {
    Push p{};
    p.color = color_.get();
    p.radius = radius_.get();
    p.softness = softness_.get();
    p.strength = strength_.get();
    p.roundness = roundness_.get();
    p.aspect = effects::aspect_of(ctx.extent());
    effects::run_to_output(ctx, *program_, p, effects::Reach::AtPixel);
}

}  // namespace loom
