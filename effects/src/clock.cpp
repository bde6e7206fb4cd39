#include <loom/effects/clock.hpp>

#include <cmath>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
const bool kRegistered = register_operator({
    .type = Clock::kTypeName,
    .category = "value",
    .summary = "Musical time from a BPM: tick count, phase, a decaying pulse or a sequencer step.",
    .make = make_operator<Clock>,
    .example =
        [](Chain& c) {
            auto& clock = c.add<Clock>("clock").bpm(150.0f).division(ClockDivision::Eighth).output(ClockOutput::Step).steps(4);
            effects::example_trace(c, clock, -0.5f, 3.5f);
        },
    .example_frames = effects::kTraceFrames,
});

// Ticks per beat for each division (a beat is a quarter note).
constexpr double kTicksPerBeat[] = {0.25, 0.5, 1.0, 2.0, 4.0, 8.0};
}  // namespace

float Clock::compute(const ValueContext& ctx) {
    beats_ = effects::running_phase(beats_, last_time_, ctx.time, double(bpm_.get()) / 60.0, bpm_.driven());
    last_time_ = ctx.time;
    const double ticks = (beats_ - double(offset_.get())) * kTicksPerBeat[static_cast<int>(division_.get())];
    const double count = std::floor(ticks);
    const double into = ticks - count;  // 0..1 through the tick
    switch (output_.get()) {
        case ClockOutput::Count: return static_cast<float>(count);
        case ClockOutput::Phase: return static_cast<float>(into);
        case ClockOutput::Pulse: {
            if (ticks < 0.0) return 0.0f;  // before the first tick
            const double seconds_per_tick = 60.0 / double(bpm_.get()) / kTicksPerBeat[static_cast<int>(division_.get())];
            return static_cast<float>(std::exp(-into * seconds_per_tick / double(decay_.get())));
        }
        case ClockOutput::Step: {
            const double n = double(steps_.get());
            return static_cast<float>(count - n * std::floor(count / n));
        }
    }
    return 0.0f;
}

void Clock::take_over(Operator& old) {
    auto* o = dynamic_cast<Clock*>(&old);
    if (!o) return;
    beats_ = o->beats_;
    last_time_ = o->last_time_;
}

}  // namespace loom
