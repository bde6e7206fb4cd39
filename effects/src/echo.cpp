#include <loom/effects/echo.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"
#include "effects/src/frame_ring.hpp"

namespace loom {

namespace {
struct Push {
    float decay;
    std::int32_t count;
    std::int32_t spacing;
    std::int32_t mode;
    effects::RingPush ring;
};
static_assert(sizeof(Push) == 28);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Echo::kTypeName,
    .category = "temporal",
    .summary = "The input with copies of its past frames, spaced and fading: ghosts, strobes, motion trails.",
    .make = make_operator<Echo>,
    .example =
        [](Chain& c) {
            auto& motion = effects::example_motion(c);
            c.add<Echo>("echo").input(motion).count(5).spacing(5).decay(0.7f).mode(EchoMode::Max);
        },
    .example_frames = effects::kMotionFrames,
});
}  // namespace

Result<void> Echo::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/echo.comp", 1, sizeof(Push),
                                 static_cast<int>(mode_.get()));
}

void Echo::record(graph::RecordContext& ctx) {
    const int count = count_, spacing = spacing_;
    const auto frames = static_cast<std::uint32_t>((count - 1) * spacing + 1);
    gpu::Image* ring = ring_.push(ctx, 0, frames);
    if (!ring) return;
    const Push p{decay_, count, spacing, static_cast<std::int32_t>(mode_.get()), effects::ring_push(ring_)};
    gpu::Program* program = program_.get(ctx, p.mode);
    if (!program) return;
    ctx.dispatch(*program, {gpu::ImageBinding{ring, gpu::SamplerKind::LinearClamp}}, ctx.output(), &p,
                 sizeof p);
}

}  // namespace loom
