#include <loom/effects/frame_cache.hpp>

#include <algorithm>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"
#include "effects/src/frame_ring.hpp"

namespace loom {

namespace {
struct Push {
    float delay;
    effects::RingPush ring;
};
static_assert(sizeof(Push) == 16);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = FrameCache::kTypeName,
    .category = "temporal",
    .summary = "The last N frames of its input; shows the one `delay` frames ago (fractional delays blend).",
    .make = make_operator<FrameCache>,
    .example =
        [](Chain& c) {
            auto& motion = effects::example_motion(c);
            c.add<FrameCache>("cache").input(motion).frames(30).delay(20.0f);
        },
    .example_frames = effects::kMotionFrames,
});
}  // namespace

Result<void> FrameCache::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/frame_cache.comp", 1, sizeof(Push));
}

void FrameCache::record(graph::RecordContext& ctx) {
    const auto frames = static_cast<std::uint32_t>(frames_.get());
    gpu::Image* ring = ring_.push(ctx, 0, frames);
    if (!ring) return;
    const Push p{std::min(delay_.get(), float(frames - 1)), effects::ring_push(ring_)};
    ctx.dispatch(*program_, {gpu::ImageBinding{ring, gpu::SamplerKind::LinearClamp}}, ctx.output(), &p, sizeof p);
}

}  // namespace loom
