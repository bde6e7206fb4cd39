#include <loom/effects/crt.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec2 texel;
    float curvature;
    float lines;
    float scanlines;
    float mask;
    float glow;
    float brightness;
    float aspect;
};
static_assert(sizeof(Push) == 36);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = CRT::kTypeName,
    .category = "retro",
    .summary = "CRT look: curvature, scanlines, RGB aperture mask, phosphor glow.",
    .make = make_operator<CRT>,
    .example =
        [](Chain& c) {
            c.add<CRT>("crt").input(effects::example_picture(c)).lines(32.0f).curvature(0.25f);
        },
});
}  // namespace

Result<void> CRT::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/crt.comp", 1, sizeof(Push));
}

void CRT::record(graph::RecordContext& ctx) {
    Push p{};
    p.texel = effects::texel_of(ctx.input(0));
    p.curvature = curvature_.get();
    p.lines = lines_.get();
    p.scanlines = scanlines_.get();
    p.mask = mask_.get();
    p.glow = glow_.get();
    p.brightness = brightness_.get();
    p.aspect = effects::aspect_of(ctx.extent());
    effects::run_to_output(ctx, *program_, p);
}

}  // namespace loom
