#include <loom/effects/lfo.hpp>

#include <cmath>
#include <numbers>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {

// A random value in -1..1 for cycle `k` of `seed` (an integer hash: the same on every machine).
float cycle_value(std::int64_t k, int seed) {
    std::uint32_t h = static_cast<std::uint32_t>(k) * 0x9E3779B1u ^ static_cast<std::uint32_t>(k >> 32) * 0x85EBCA77u ^
                      static_cast<std::uint32_t>(seed) * 0xC2B2AE3Du;
    h ^= h >> 16;
    h *= 0x7FEB352Du;
    h ^= h >> 15;
    h *= 0x846CA68Bu;
    h ^= h >> 16;
    return static_cast<float>(h >> 8) / static_cast<float>(1u << 23) - 1.0f;
}

const bool kRegistered = register_operator({
    .type = LFO::kTypeName,
    .category = "value",
    .summary = "A value that oscillates (sine, triangle, saw, square, smooth noise) to drive parameters.",
    .make = make_operator<LFO>,
    .example =
        [](Chain& c) {
            auto& lfo = c.add<LFO>("lfo").frequency(1.5f).amplitude(1.0f);
            effects::example_trace(c, lfo, -1.0f, 1.0f);
        },
    .example_frames = effects::kTraceFrames,
});

}  // namespace

float LFO::compute(const ValueContext& ctx) {
    cycles_ = effects::running_phase(cycles_, last_time_, ctx.time, double(frequency_.get()), frequency_.driven());
    last_time_ = ctx.time;
    const double x = cycles_ + double(phase_.get());
    const double cycle = std::floor(x);
    const float t = static_cast<float>(x - cycle);  // 0..1 through the cycle
    float w = 0.0f;
    switch (shape_.get()) {
        case LfoShape::Sine: w = std::sin(2.0f * std::numbers::pi_v<float> * t); break;
        case LfoShape::Triangle: w = t < 0.5f ? 4.0f * t - 1.0f : 3.0f - 4.0f * t; break;
        case LfoShape::Saw: w = 2.0f * t - 1.0f; break;
        case LfoShape::Square: w = t < width_.get() ? 1.0f : -1.0f; break;
        case LfoShape::Noise: {
            const auto k = static_cast<std::int64_t>(cycle);
            const float s = t * t * (3.0f - 2.0f * t);
            const float a = cycle_value(k, seed_), b = cycle_value(k + 1, seed_);
            w = a + (b - a) * s;
            break;
        }
    }
    return offset_.get() + amplitude_.get() * w;
}

void LFO::take_over(Operator& old) {
    auto* o = dynamic_cast<LFO*>(&old);
    if (!o) return;
    cycles_ = o->cycles_;
    last_time_ = o->last_time_;
}

}  // namespace loom
