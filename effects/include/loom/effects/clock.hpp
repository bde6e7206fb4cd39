// loom/effects/clock.hpp — Clock: musical time from `bpm`, to drive parameters in step with a beat.
//
// A tick is one `division` of a beat (a quarter note is one beat; a bar is four). `output`:
// count (whole ticks since time 0: 0, 1, 2, ...), phase (0..1 through the current tick: a ramp),
// pulse (1 at each tick, falling as exp(-t / decay)), step (count modulo `steps`: a sequencer's
// position). Ticks start at `offset` beats. Like LFO, it follows the clock's time, so frame N has
// the same value however a render started; while `bpm` is driven the beats run on by
// bpm x dt each frame instead (no jump when it changes).
#pragma once

#include <loom/value.hpp>

namespace loom {

enum class ClockDivision : std::uint8_t { Bar, Half, Quarter, Eighth, Sixteenth, ThirtySecond };
inline constexpr const char* kClockDivisionLabels[] = {"bar", "1/2", "1/4", "1/8", "1/16", "1/32"};
enum class ClockOutput : std::uint8_t { Count, Phase, Pulse, Step };
inline constexpr const char* kClockOutputLabels[] = {"count", "phase", "pulse", "step"};

class Clock final : public ValueOperatorT<Clock> {
public:
    static constexpr const char* kTypeName = "Clock";

    Clock& bpm(Drive<float> v) { bpm_.set(v); return *this; }
    Clock& division(ClockDivision v) { division_.set(v); return *this; }
    Clock& output(ClockOutput v) { output_.set(v); return *this; }
    Clock& steps(Drive<int> v) { steps_.set(v); return *this; }
    Clock& decay(Drive<float> seconds) { decay_.set(seconds); return *this; }
    Clock& offset(Drive<float> beats) { offset_.set(beats); return *this; }

    bool depends_on_past() const override { return bpm_.driven(); }

    void take_over(Operator& old) override;

protected:
    float compute(const ValueContext& ctx) override;

private:
    Param<float> bpm_{this, "bpm", 120.0f, 1.0f, 999.0f};
    EnumParam<ClockDivision> division_{this, "division", ClockDivision::Quarter, kClockDivisionLabels};
    EnumParam<ClockOutput> output_{this, "output", ClockOutput::Count, kClockOutputLabels};
    Param<int> steps_{this, "steps", 4, 1, 1024};
    Param<float> decay_{this, "decay", 0.1f, 0.001f, 60.0f};
    Param<float> offset_{this, "offset", 0.0f, -1.0e6f, 1.0e6f};
    double beats_ = 0.0;       // the running beat count while bpm is driven
    double last_time_ = -1.0;  // the clock at the last evaluation (-1: none)
};

}  // namespace loom
