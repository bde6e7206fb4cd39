// loom/effects/hsv.hpp — HSV: rotate hue (in turns: 0.5 is half way round), scale saturation and
// value. Alpha passes through.
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class HSV final : public OperatorT<HSV> {
public:
    static constexpr const char* kTypeName = "HSV";

    HSV& hue_shift(Drive<float> turns) { hue_shift_.set(turns); return *this; }
    HSV& saturation(Drive<float> v) { saturation_.set(v); return *this; }
    HSV& value(Drive<float> v) { value_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> hue_shift_{this, "hue_shift", 0.0f, -1.0f, 1.0f};
    Param<float> saturation_{this, "saturation", 1.0f, 0.0f, 4.0f};
    Param<float> value_{this, "value", 1.0f, 0.0f, 16.0f};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
