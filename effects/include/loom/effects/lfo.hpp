// loom/effects/lfo.hpp — LFO: a value that oscillates, to drive parameters (blur.sigma(lfo)).
//
// value = offset + amplitude * wave(frequency * time + phase), with wave in -1..1:
// sine, triangle, saw (rising), square (high for `width` of each cycle) or noise (a smooth
// random walk through one random value per cycle, from `seed`). The phase is frequency x time,
// so frame N has the same value however a render started; while the frequency is driven by
// another value operator the phase instead runs on by frequency x dt each frame (no jump when it
// changes; `loom render` then pre-rolls from frame 0). Setting a new frequency from code jumps.
#pragma once

#include <loom/value.hpp>

namespace loom {

enum class LfoShape : std::uint8_t { Sine, Triangle, Saw, Square, Noise };
inline constexpr const char* kLfoShapeLabels[] = {"sine", "triangle", "saw", "square", "noise"};

class LFO final : public ValueOperatorT<LFO> {
public:
    static constexpr const char* kTypeName = "LFO";

    LFO& shape(LfoShape v) { shape_.set(v); return *this; }
    LFO& frequency(Drive<float> hertz) { frequency_.set(hertz); return *this; }
    LFO& amplitude(Drive<float> v) { amplitude_.set(v); return *this; }
    LFO& offset(Drive<float> v) { offset_.set(v); return *this; }
    LFO& phase(Drive<float> cycles) { phase_.set(cycles); return *this; }
    LFO& width(Drive<float> v) { width_.set(v); return *this; }
    LFO& seed(Drive<int> v) { seed_.set(v); return *this; }

    bool depends_on_past() const override { return frequency_.driven(); }

    void take_over(Operator& old) override;

protected:
    float compute(const ValueContext& ctx) override;

private:
    EnumParam<LfoShape> shape_{this, "shape", LfoShape::Sine, kLfoShapeLabels};
    Param<float> frequency_{this, "frequency", 1.0f, 0.0f, 1000.0f};
    Param<float> amplitude_{this, "amplitude", 1.0f, -1.0e6f, 1.0e6f};
    Param<float> offset_{this, "offset", 0.0f, -1.0e6f, 1.0e6f};
    Param<float> phase_{this, "phase", 0.0f, -1000.0f, 1000.0f};
    Param<float> width_{this, "width", 0.5f, 0.0f, 1.0f};
    Param<int> seed_{this, "seed", 1, 0, 1 << 30};
    double cycles_ = 0.0;      // the running phase while the frequency is driven
    double last_time_ = -1.0;  // the clock at the last evaluation (-1: none)
};

}  // namespace loom
