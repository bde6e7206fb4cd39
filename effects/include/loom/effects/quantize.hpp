// loom/effects/quantize.hpp — Quantize: every pixel replaced by the nearest of a palette of two to
// four colours, or reduced to `levels` steps per channel.
//
// Palette: `palette_size` colours color_0..color_3, nearest by distance in RGB.
#pragma once

#include <loom/effects/mode_program.hpp>
#include <loom/operator.hpp>

namespace loom {

enum class QuantizeMode : std::uint8_t { Palette, Levels };
inline constexpr const char* kQuantizeModeLabels[] = {"palette", "levels"};

class Quantize final : public OperatorT<Quantize> {
public:
    static constexpr const char* kTypeName = "Quantize";

    Quantize& mode(QuantizeMode v) { mode_.set(v); return *this; }
    Quantize& levels(Drive<int> v) { levels_.set(v); return *this; }
    Quantize& palette_size(Drive<int> v) { palette_size_.set(v); return *this; }
    Quantize& color_0(glm::vec4 v) { color_0_.set(v); return *this; }
    Quantize& color_1(glm::vec4 v) { color_1_.set(v); return *this; }
    Quantize& color_2(glm::vec4 v) { color_2_.set(v); return *this; }
    Quantize& color_3(glm::vec4 v) { color_3_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    EnumParam<QuantizeMode> mode_{this, "mode", QuantizeMode::Palette, kQuantizeModeLabels};
    Param<int> levels_{this, "levels", 4, 2, 256};
    Param<int> palette_size_{this, "palette_size", 4, 2, 4};
    Param<glm::vec4> color_0_{this, "color_0", {0.06f, 0.22f, 0.06f, 1.0f}, {0.0f, 0.0f, 0.0f, 0.0f}, {64.0f, 64.0f, 64.0f, 1.0f}};
    Param<glm::vec4> color_1_{this, "color_1", {0.19f, 0.38f, 0.19f, 1.0f}, {0.0f, 0.0f, 0.0f, 0.0f}, {64.0f, 64.0f, 64.0f, 1.0f}};
    Param<glm::vec4> color_2_{this, "color_2", {0.55f, 0.67f, 0.06f, 1.0f}, {0.0f, 0.0f, 0.0f, 0.0f}, {64.0f, 64.0f, 64.0f, 1.0f}};
    Param<glm::vec4> color_3_{this, "color_3", {0.61f, 0.74f, 0.06f, 1.0f}, {0.0f, 0.0f, 0.0f, 0.0f}, {64.0f, 64.0f, 64.0f, 1.0f}};
    effects::ModeProgram program_;
};

}  // namespace loom
