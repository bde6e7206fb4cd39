#include <loom/effects/time_machine.hpp>

#include <loom/chain.hpp>
#include <loom/effects/gradient.hpp>
#include <loom/effects/lfo.hpp>
#include <loom/effects/transform.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"
#include "effects/src/frame_ring.hpp"

namespace loom {

namespace {
struct Push {
    float amount;
    std::int32_t invert;
    float span;  // the oldest age the map reaches: frames - 1
    effects::RingPush ring;
};
static_assert(sizeof(Push) == 24);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = TimeMachine::kTypeName,
    .category = "temporal",
    .summary = "Each pixel from its own moment of the last N frames, by a time map (black now, white oldest).",
    .make = make_operator<TimeMachine>,
    .example =
        [](Chain& c) {
            // A turning picture, the top rows from a second ago, the bottom ones from now: twisted.
            auto& picture = effects::example_picture(c);
            auto& spin = c.add<LFO>("spin").shape(LfoShape::Saw).frequency(0.5f).amplitude(90.0f);
            auto& turning = c.add<Transform>("turning").input(picture).rotate(spin);
            auto& map = c.add<Gradient>("time_map").angle(90.0f);  // black at the bottom, white at the top
            c.add<TimeMachine>("time_machine").inputs({&turning, &map}).frames(60);
        },
    .example_frames = effects::kMotionFrames,
});
}  // namespace

Result<void> TimeMachine::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/time_machine.comp", 2, sizeof(Push));
}

void TimeMachine::record(graph::RecordContext& ctx) {
    const auto frames = static_cast<std::uint32_t>(frames_.get());
    gpu::Image* ring = ring_.push(ctx, 0, frames);
    if (!ring) return;
    const Push p{amount_, invert_ ? 1 : 0, float(frames - 1), effects::ring_push(ring_)};
    ctx.dispatch(*program_,
                 {gpu::ImageBinding{ring, gpu::SamplerKind::LinearClamp},
                  gpu::ImageBinding{&ctx.input(1), gpu::SamplerKind::LinearClamp}},
                 ctx.output(), &p, sizeof p);
}

}  // namespace loom
