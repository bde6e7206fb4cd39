// loom/effects/scanlines.hpp — Scanlines: dark horizontal lines across the input, as on a CRT.
//
// `count` lines per canvas height, each dark for `thickness` of its height, darkened by `strength`;
// `speed` scrolls them (lines per second).
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class Scanlines final : public OperatorT<Scanlines> {
public:
    static constexpr const char* kTypeName = "Scanlines";

    Scanlines& count(Drive<float> v) { count_.set(v); return *this; }
    Scanlines& thickness(Drive<float> v) { thickness_.set(v); return *this; }
    Scanlines& strength(Drive<float> v) { strength_.set(v); return *this; }
    Scanlines& speed(Drive<float> v) { speed_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> count_{this, "count", 120.0f, 1.0f, 4096.0f};
    Param<float> thickness_{this, "thickness", 0.5f, 0.0f, 1.0f};
    Param<float> strength_{this, "strength", 0.5f, 0.0f, 1.0f};
    Param<float> speed_{this, "speed", 0.0f, -1000.0f, 1000.0f};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
