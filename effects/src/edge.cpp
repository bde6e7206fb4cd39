#include <loom/effects/edge.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec4 color;
    glm::vec2 texel;
    float strength;
    float show_input;
};
static_assert(sizeof(Push) == 32);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Edge::kTypeName,
    .category = "filter",
    .summary = "Sobel edges of the luminance, in a colour, on black or over the image.",
    .make = make_operator<Edge>,
    .example =
        [](Chain& c) {
            c.add<Edge>("edge").input(effects::example_picture(c)).strength(2.0f).color({0.4f, 1.0f, 0.8f, 1.0f});
        },
});
}  // namespace

Result<void> Edge::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/edge.comp", 1, sizeof(Push));
}

void Edge::record(graph::RecordContext& ctx) {
    Push p{};
    p.color = color_.get();
    p.texel = effects::texel_of(ctx.input(0));
    p.strength = strength_.get();
    p.show_input = show_input_.get();
    effects::run_to_output(ctx, *program_, p);
}

}  // namespace loom
