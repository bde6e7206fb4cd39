#include <loom/effects/barrel_distortion.hpp>

#include <loom/chain.hpp>
#include <loom/effects/pattern.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"

namespace loom {

namespace {
struct Push {
    float k1;
    float k2;
    float zoom;
    float aspect;
};
static_assert(sizeof(Push) == 16);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = BarrelDistortion::kTypeName,
    .category = "filter",
    .summary = "Barrel or pincushion lens distortion (k1, k2) with zoom; outside is transparent.",
    .make = make_operator<BarrelDistortion>,
    .example =
        [](Chain& c) {
            auto& grid = c.add<Pattern>("grid").type(PatternType::Grid).scale(8.0f).width(0.12f).color_a(
                {0.1f, 0.1f, 0.2f, 1.0f}).color_b({0.9f, 0.8f, 0.4f, 1.0f});
            c.add<BarrelDistortion>("barrel").input(grid).k1(0.4f).zoom(1.25f);
        },
});
}  // namespace

Result<void> BarrelDistortion::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/barrel_distortion.comp", 1, sizeof(Push));
}

void BarrelDistortion::record(graph::RecordContext& ctx) {
    Push p{};
    p.k1 = k1_.get();
    p.k2 = k2_.get();
    p.zoom = zoom_.get();
    p.aspect = effects::aspect_of(ctx.extent());
    effects::run_to_output(ctx, *program_, p);
}

}  // namespace loom
