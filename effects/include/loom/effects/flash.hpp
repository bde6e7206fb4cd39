// loom/effects/flash.hpp — Flash: the input flashed towards `color` after each trigger(), fading
// out exponentially: `decay` is the time constant (37% of the flash is left after `decay` seconds).
//
// trigger() (from update(), e.g. on a beat) starts a flash at the frame's time; `period` > 0 also
// flashes every `period` seconds. `intensity` is the flash's peak.
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class Flash final : public OperatorT<Flash> {
public:
    static constexpr const char* kTypeName = "Flash";

    Flash& decay(Drive<float> v) { decay_.set(v); return *this; }
    Flash& period(Drive<float> v) { period_.set(v); return *this; }
    Flash& intensity(Drive<float> v) { intensity_.set(v); return *this; }
    Flash& color(glm::vec4 v) { color_.set(v); return *this; }
    // Starts a flash at this frame's time.
    Flash& trigger() { pending_ = true; return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> decay_{this, "decay", 0.25f, 0.001f, 60.0f};
    Param<float> period_{this, "period", 0.0f, 0.0f, 3600.0f};
    Param<float> intensity_{this, "intensity", 1.0f, 0.0f, 1.0f};
    Param<glm::vec4> color_{this, "color", {1.0f, 1.0f, 1.0f, 1.0f}, {0.0f, 0.0f, 0.0f, 0.0f}, {64.0f, 64.0f, 64.0f, 1.0f}};
    bool pending_ = false;
    double last_trigger_ = -1.0e9;  // time of the last trigger(), seconds
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
