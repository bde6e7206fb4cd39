// loom/effects/invert.hpp — Invert: 1 minus the colour (rgb), the colour and alpha as the image
// shows over black (rgba: premultiplied values, transparent black turns opaque white), or only
// the brightness with the hue kept (luminance).
//
// `amount` mixes between the input (0) and the inverted image (1).
#pragma once

#include <loom/effects/mode_program.hpp>
#include <loom/operator.hpp>

namespace loom {

enum class InvertMode : std::uint8_t { Rgb, Rgba, Luminance };
inline constexpr const char* kInvertModeLabels[] = {"rgb", "rgba", "luminance"};

class Invert final : public OperatorT<Invert> {
public:
    static constexpr const char* kTypeName = "Invert";

    Invert& mode(InvertMode v) { mode_.set(v); return *this; }
    Invert& amount(Drive<float> v) { amount_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    EnumParam<InvertMode> mode_{this, "mode", InvertMode::Rgb, kInvertModeLabels};
    Param<float> amount_{this, "amount", 1.0f, 0.0f, 1.0f};
    effects::ModeProgram program_;
};

}  // namespace loom
