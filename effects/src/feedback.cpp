#include <loom/effects/feedback.hpp>

#include <loom/chain.hpp>
#include <loom/effects/shape.hpp>
#include <loom/effects/transform.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

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

const bool kRegistered = register_operator({
    .type = Feedback::kTypeName,
    .category = "temporal",
    .summary = "The input combined with its own previous frame, faded and transformed: trails, echoes, tunnels.",
    .make = make_operator<Feedback>,
    .example =
        [](Chain& c) {
            auto& dot = c.add<Shape>("dot").scale(0.25f).fill({1.0f, 0.8f, 0.3f, 1.0f});
            c.add<Transform>("moving").input(dot).translate({0.2f, 0.0f});
            c.add<Feedback>("feedback").input("moving").decay(0.9f).rotate(6.0f).scale(0.97f);
        },
    .example_frames = 30,
});
}  // namespace

Result<void> Feedback::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/feedback.comp", 2, sizeof(Push),
                                 static_cast<int>(mode_.get()));
}

void Feedback::record(graph::RecordContext& ctx) {
    const Push p{scale_, translate_, rotate_.get() * effects::kRadiansPerDegree, effects::aspect_of(ctx.extent()),
                 decay_, static_cast<std::int32_t>(mode_.get())};
    // The previous frame outside the image is transparent, so zooming out leaves no smeared edges.
    gpu::Program* program = program_.get(ctx, p.mode);
    if (!program) return;
    ctx.dispatch(*program,
                 {gpu::ImageBinding{&ctx.input(0), gpu::SamplerKind::LinearClamp},
                  gpu::ImageBinding{&ctx.history(), gpu::SamplerKind::LinearBorder}},
                 ctx.output(), &p, sizeof p);
}

}  // namespace loom
