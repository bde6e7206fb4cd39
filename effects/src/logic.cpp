#include <loom/effects/logic.hpp>

#include <cmath>

#include <loom/chain.hpp>
#include <loom/effects/lfo.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/examples.hpp"

namespace loom {

namespace {
const bool kRegistered = register_operator({
    .type = Logic::kTypeName,
    .category = "value",
    .summary = "1 or 0: compare, in range, and/or/not, a toggle or a one-frame trigger on a rising value.",
    .make = make_operator<Logic>,
    .example =
        [](Chain& c) {
            auto& wave = c.add<LFO>("wave").frequency(1.5f);
            auto& gate = c.add<Logic>("gate").op(LogicOp::Toggle).a(wave).b(0.5f);
            effects::example_trace(c, gate, -0.5f, 1.5f);
        },
    .example_frames = effects::kTraceFrames,
});
}  // namespace

float Logic::compute(const ValueContext&) {
    const float a = a_.get(), b = b_.get();
    const bool above = a > b;
    const bool rose = started_ && above && !above_;
    above_ = above;
    started_ = true;
    switch (op_.get()) {
        case LogicOp::Greater: return a > b ? 1.0f : 0.0f;
        case LogicOp::Less: return a < b ? 1.0f : 0.0f;
        case LogicOp::Equal: return std::fabs(a - b) <= tolerance_.get() ? 1.0f : 0.0f;
        case LogicOp::InRange: {
            const glm::vec2 r = range_;
            return a >= std::min(r.x, r.y) && a <= std::max(r.x, r.y) ? 1.0f : 0.0f;
        }
        case LogicOp::And: return a >= 0.5f && b >= 0.5f ? 1.0f : 0.0f;
        case LogicOp::Or: return a >= 0.5f || b >= 0.5f ? 1.0f : 0.0f;
        case LogicOp::Not: return a < 0.5f ? 1.0f : 0.0f;
        case LogicOp::Toggle:
            if (rose) state_ = !state_;
            return state_ ? 1.0f : 0.0f;
        case LogicOp::Trigger: return rose ? 1.0f : 0.0f;
    }
    return 0.0f;
}

void Logic::take_over(Operator& old) {
    auto* o = dynamic_cast<Logic*>(&old);
    if (!o) return;
    above_ = o->above_;
    started_ = o->started_;
    state_ = o->state_;
}

}  // namespace loom
