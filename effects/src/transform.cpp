#include <loom/effects/transform.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec2 scale;
    glm::vec2 translate;
    glm::vec2 pivot;
    float rotate;
    float aspect;
};

gpu::SamplerKind sampler_for(Wrap w) {
    switch (w) {
        case Wrap::Repeat: return gpu::SamplerKind::LinearRepeat;
        case Wrap::Mirror: return gpu::SamplerKind::LinearMirror;
        case Wrap::Transparent: return gpu::SamplerKind::LinearBorder;
        case Wrap::Clamp: break;
    }
    return gpu::SamplerKind::LinearClamp;
}
const bool kRegistered = register_operator({
    .type = Transform::kTypeName,
    .category = "filter",
    .summary = "Scale, rotate and translate about a pivot; clamp, repeat, mirror or transparent outside.",
    .make = make_operator<Transform>,
    .example =
        [](Chain& c) {
            c.add<Transform>("transform").input(effects::example_picture(c)).scale(0.6f).rotate(25.0f).wrap(Wrap::Mirror);
        },
});
}  // namespace

Result<void> Transform::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/transform.comp", 1, sizeof(Push));
}

void Transform::record(graph::RecordContext& ctx) {
    glm::vec2 s = scale_;
    // A zero scale would divide by zero in the shader; keep the sign, floor the magnitude.
    for (int i = 0; i < 2; ++i)
        if (std::abs(s[i]) < 1e-4f) s[i] = s[i] < 0 ? -1e-4f : 1e-4f;
    const Push p{s, translate_, pivot_, rotate_.get() * effects::kRadiansPerDegree, effects::aspect_of(ctx.extent())};
    ctx.dispatch(*program_, {gpu::ImageBinding{&ctx.input(0), sampler_for(wrap_)}}, ctx.output(), &p, sizeof p);
}

}  // namespace loom
