// loom/effects/composite.hpp — Composite: 1 to 8 inputs, each layer blended in order onto the
// first with one mode: Over (alpha), Add, Multiply, Screen, Overlay, Difference, Lighten, Darken,
// HardLight, SoftLight, ColorDodge, ColorBurn, Subtract, Divide. `opacity` scales how much of each
// layer is applied. Sized like the first input. The modes that are defined on [0, 1] (screen,
// overlay, the lights, dodge, burn) clamp their operands; add, subtract, multiply, divide,
// lighten, darken and difference keep HDR values.
#pragma once

#include <loom/effects/mode_program.hpp>
#include <loom/operator.hpp>

namespace loom {

enum class Blend : std::uint8_t {
    Over, Add, Multiply, Screen, Overlay, Difference,
    Lighten, Darken, HardLight, SoftLight, ColorDodge, ColorBurn, Subtract, Divide
};
inline constexpr const char* kBlendLabels[] = {"over",    "add",        "multiply",    "screen",     "overlay",
                                               "difference", "lighten", "darken",    "hard_light", "soft_light",
                                               "color_dodge", "color_burn", "subtract", "divide"};

class Composite final : public OperatorT<Composite> {
public:
    static constexpr const char* kTypeName = "Composite";
    static constexpr int kMaxInputs = 8;

    Composite& mode(Blend v) { mode_.set(v); return *this; }
    Composite& opacity(Drive<float> v) { opacity_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return kMaxInputs; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    EnumParam<Blend> mode_{this, "mode", Blend::Over, kBlendLabels};
    Param<float> opacity_{this, "opacity", 1.0f, 0.0f, 1.0f};
    effects::ModeProgram program_;
};

}  // namespace loom
