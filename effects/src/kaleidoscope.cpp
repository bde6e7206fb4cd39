#include <loom/effects/kaleidoscope.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec2 center;
    std::int32_t segments;
    float angle;
    float zoom;
    float aspect;
};
static_assert(sizeof(Push) == 24);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Kaleidoscope::kTypeName,
    .category = "filter",
    .summary = "The image folded into mirrored wedges around a centre; segments, angle, zoom.",
    .make = make_operator<Kaleidoscope>,
    .example =
        [](Chain& c) {
            c.add<Kaleidoscope>("kaleidoscope").input(effects::example_picture(c)).segments(8).angle(10.0f).zoom(1.3f);
        },
});
}  // namespace

Result<void> Kaleidoscope::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/kaleidoscope.comp", 1, sizeof(Push));
}

void Kaleidoscope::record(graph::RecordContext& ctx) {
    Push p{};
    p.center = center_.get();
    p.segments = segments_.get();
    p.angle = -angle_.get() * effects::kRadiansPerDegree;
    p.zoom = zoom_.get();
    p.aspect = effects::aspect_of(ctx.extent());
    effects::run_to_output(ctx, *program_, p);
}

}  // namespace loom
