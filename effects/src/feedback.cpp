#include <loom/effects/feedback.hpp>

#include "effects/src/effect_util.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec2 scale;
    glm::vec2 translate;
    float rotate;
    float aspect;
    float decay;
    std::int32_t mode;
};
}  // namespace

Result<void> Feedback::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/feedback.comp", 2, sizeof(Push));
}

void Feedback::record(graph::RecordContext& ctx) {
    const Push p{scale_, translate_, rotate_.get() * effects::kRadiansPerDegree, effects::aspect_of(ctx.extent()),
                 decay_, static_cast<std::int32_t>(mode_.get())};
    // The previous frame outside the image is transparent, so zooming out leaves no smeared edges.
    ctx.dispatch(*program_,
             {gpu::ImageBinding{&ctx.input(0), gpu::SamplerKind::LinearClamp},
              gpu::ImageBinding{&ctx.history(), gpu::SamplerKind::LinearBorder}},
             ctx.output(), &p, sizeof p);
}

}  // namespace loom
