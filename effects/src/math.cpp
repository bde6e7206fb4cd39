#include <loom/effects/math.hpp>

#include <cmath>

#include <loom/chain.hpp>
#include <loom/effects/lfo.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/examples.hpp"

namespace loom {

namespace {
const bool kRegistered = register_operator({
    .type = Math::kTypeName,
    .category = "value",
    .summary = "A value from a and b: add, subtract, multiply, divide (0 for a / 0), min, max, power, modulo, "
               "abs, clamp (into to), remap (from onto to), smooth.",
    .make = make_operator<Math>,
    .example =
        [](Chain& c) {
            auto& slow = c.add<LFO>("slow").frequency(0.7f).amplitude(0.6f);
            auto& fast = c.add<LFO>("fast").shape(LfoShape::Square).frequency(4.0f).amplitude(0.3f);
            auto& sum = c.add<Math>("sum").op(MathOp::Add).a(slow).b(fast);
            effects::example_trace(c, sum, -1.0f, 1.0f);
        },
    .example_frames = effects::kTraceFrames,
});
}  // namespace

float Math::compute(const ValueContext& ctx) {
    const float a = a_.get(), b = b_.get();
    switch (op_.get()) {
        case MathOp::Add: return a + b;
        case MathOp::Subtract: return a - b;
        case MathOp::Multiply: return a * b;
        case MathOp::Divide: return b == 0.0f ? 0.0f : a / b;
        case MathOp::Min: return std::min(a, b);
        case MathOp::Max: return std::max(a, b);
        case MathOp::Power: {
            const float p = std::pow(a, b);
            return std::isfinite(p) ? p : 0.0f;
        }
        case MathOp::Modulo: {
            if (b == 0.0f) return 0.0f;
            const float m = std::fmod(a, b);
            return m != 0.0f && (m < 0.0f) != (b < 0.0f) ? m + b : m;
        }
        case MathOp::Abs: return std::fabs(a);
        case MathOp::Clamp: {
            const glm::vec2 r = to_;
            return std::clamp(a, std::min(r.x, r.y), std::max(r.x, r.y));
        }
        case MathOp::Remap: {
            const glm::vec2 f = from_, t = to_;
            const float span = f.y - f.x;
            const float u = span == 0.0f ? 0.0f : (a - f.x) / span;
            return t.x + (t.y - t.x) * u;
        }
        case MathOp::Smooth: {
            const float tau = smoothing_.get();
            if (!started_ || tau <= 0.0f) {
                smoothed_ = a;
            } else {
                smoothed_ += (a - smoothed_) * (1.0f - std::exp(-std::max(ctx.dt, 0.0f) / tau));
            }
            started_ = true;
            return smoothed_;
        }
    }
    return 0.0f;
}

void Math::take_over(Operator& old) {
    auto* o = dynamic_cast<Math*>(&old);
    if (!o) return;
    smoothed_ = o->smoothed_;
    started_ = o->started_;
}

}  // namespace loom
