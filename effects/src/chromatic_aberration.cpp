#include <loom/effects/chromatic_aberration.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec2 center;
    float amount;
    std::int32_t mode;
    float angle;
    float aspect;
};
static_assert(sizeof(Push) == 24);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = ChromaticAberration::kTypeName,
    .category = "filter",
    .summary = "Red and blue shifted apart from green, radially from a centre or along an angle.",
    .make = make_operator<ChromaticAberration>,
    .example =
        [](Chain& c) {
            c.add<ChromaticAberration>("aberration").input(effects::example_picture(c)).amount(0.1f);
        },
});
}  // namespace

Result<void> ChromaticAberration::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/chromatic_aberration.comp", 1, sizeof(Push),
                                 static_cast<int>(mode_.get()));
}

void ChromaticAberration::record(graph::RecordContext& ctx) {
    Push p{};
    p.center = center_.get();
    p.amount = amount_.get();
    p.mode = static_cast<std::int32_t>(mode_.get());
    p.angle = -angle_.get() * effects::kRadiansPerDegree;
    p.aspect = effects::aspect_of(ctx.extent());
    effects::run_to_output(ctx, program_, p, p.mode);
}

}  // namespace loom
