// loom/effects/threshold.hpp — Threshold: two colours: `color_high` where the chosen channel is
// above `level`, `color_low` below. Channels are read as the image shows over black
// (premultiplied), so a soft transparent edge fades through the level.
//
// `softness` widens the step into a ramp of that width around the level.
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

enum class ThresholdChannel : std::uint8_t { Luminance, Red, Green, Blue, Alpha };
inline constexpr const char* kThresholdChannelLabels[] = {"luminance", "red", "green", "blue", "alpha"};

class Threshold final : public OperatorT<Threshold> {
public:
    static constexpr const char* kTypeName = "Threshold";

    Threshold& level(Drive<float> v) { level_.set(v); return *this; }
    Threshold& softness(Drive<float> v) { softness_.set(v); return *this; }
    Threshold& channel(ThresholdChannel v) { channel_.set(v); return *this; }
    Threshold& color_low(glm::vec4 v) { color_low_.set(v); return *this; }
    Threshold& color_high(glm::vec4 v) { color_high_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> level_{this, "level", 0.5f, -16.0f, 16.0f};
    Param<float> softness_{this, "softness", 0.0f, 0.0f, 16.0f};
    EnumParam<ThresholdChannel> channel_{this, "channel", ThresholdChannel::Luminance, kThresholdChannelLabels};
    Param<glm::vec4> color_low_{this, "color_low", {0.0f, 0.0f, 0.0f, 1.0f}, {0.0f, 0.0f, 0.0f, 0.0f}, {64.0f, 64.0f, 64.0f, 1.0f}};
    Param<glm::vec4> color_high_{this, "color_high", {1.0f, 1.0f, 1.0f, 1.0f}, {0.0f, 0.0f, 0.0f, 0.0f}, {64.0f, 64.0f, 64.0f, 1.0f}};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
