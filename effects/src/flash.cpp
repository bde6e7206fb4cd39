#include <loom/effects/flash.hpp>

#include <cmath>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec4 color;
    float strength;
};
static_assert(sizeof(Push) == 20);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Flash::kTypeName,
    .category = "retro",
    .summary = "A flash towards a colour that fades out: on trigger() or every period seconds.",
    .make = make_operator<Flash>,
    .example =
        [](Chain& c) {
            c.add<Flash>("flash").input(effects::example_picture(c)).period(1.0f).decay(0.1f).color({1.0f, 0.9f, 0.8f, 1.0f});
        },
    .calls = "trigger(): a flash now (from update(), e.g. on a beat)",
});
}  // namespace

Result<void> Flash::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/flash.comp", 1, sizeof(Push));
}

void Flash::record(graph::RecordContext& ctx) {
    const double now = ctx.time();
    if (pending_ || now < last_trigger_) last_trigger_ = now;  // a clock sought back restarts the fade
    pending_ = false;
    double since = now - last_trigger_;
    if (period_.get() > 0.0f) since = std::min(since, std::fmod(now, double(period_.get())));
    Push p{};
    p.color = color_.get();
    p.strength = intensity_.get() * static_cast<float>(std::exp(-since / double(decay_.get())));
    effects::run_to_output(ctx, *program_, p, effects::Reach::AtPixel);
}

}  // namespace loom
