// loom/effects/crop.hpp — Crop: a rectangle of the input: stretched to fill the output (fit), or
// kept in place with the rest transparent (keep).
//
// `rect` is (left, top, right, bottom) in the input's uv (in either order). Give the output a
// size (.size() or .relative_size()) to keep the region's proportions.
#pragma once

#include <loom/effects/mode_program.hpp>
#include <loom/operator.hpp>

namespace loom {

enum class CropMode : std::uint8_t { Fit, Keep };
inline constexpr const char* kCropModeLabels[] = {"fit", "keep"};

class Crop final : public OperatorT<Crop> {
public:
    static constexpr const char* kTypeName = "Crop";

    Crop& rect(glm::vec4 v) { rect_.set(v); return *this; }
    Crop& mode(CropMode v) { mode_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<glm::vec4> rect_{this, "rect", {0.0f, 0.0f, 1.0f, 1.0f}, {0.0f, 0.0f, 0.0f, 0.0f}, {1.0f, 1.0f, 1.0f, 1.0f}};
    EnumParam<CropMode> mode_{this, "mode", CropMode::Fit, kCropModeLabels};
    effects::ModeProgram program_;
};

}  // namespace loom
