// loom/effects/time_machine.hpp — TimeMachine: each pixel from its own moment of the recent past.
//
// Input 0 is the picture, input 1 a time map: where the map is black the pixel is from this
// frame, where it is white from `frames` - 1 frames ago (times `amount`; `invert` swaps black
// and white), in between blended from the two frames around that age. A gradient as the map
// gives a slit-scan; noise gives a melting, rippling past. Keeps `frames` frames of input 0 at
// its size and format; after a start or a resize it fills up frame by frame.
#pragma once

#include <loom/effects/frame_ring.hpp>
#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class TimeMachine final : public OperatorT<TimeMachine> {
public:
    static constexpr const char* kTypeName = "TimeMachine";

    TimeMachine& frames(Drive<int> v) { frames_.set(v); return *this; }
    TimeMachine& amount(Drive<float> v) { amount_.set(v); return *this; }
    TimeMachine& invert(Drive<bool> v) { invert_.set(v); return *this; }

    int min_inputs() const override { return 2; }
    int max_inputs() const override { return 2; }
    bool depends_on_past() const override { return true; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<int> frames_{this, "frames", 60, 2, 128};
    Param<float> amount_{this, "amount", 1.0f, 0.0f, 1.0f};
    Param<bool> invert_{this, "invert", false, false, true};
    effects::FrameRing ring_;
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
