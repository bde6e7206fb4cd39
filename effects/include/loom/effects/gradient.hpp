// loom/effects/gradient.hpp — Gradient: a ramp between two colours.
//
// Linear: along `angle` (degrees; 0 runs left to right) across the canvas, centred on `center`.
// Radial: from `center` out to `radius` (in canvas heights). Angular: once around `center`,
// starting at `angle`. `repeat` > 1 repeats the ramp.
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

enum class GradientType : std::uint8_t { Linear, Radial, Angular };
inline constexpr const char* kGradientTypeLabels[] = {"linear", "radial", "angular"};

class Gradient final : public OperatorT<Gradient> {
public:
    static constexpr const char* kTypeName = "Gradient";

    Gradient& type(GradientType v) { type_.set(v); return *this; }
    Gradient& color_a(glm::vec4 v) { color_a_.set(v); return *this; }
    Gradient& color_b(glm::vec4 v) { color_b_.set(v); return *this; }
    Gradient& angle(float degrees) { angle_.set(degrees); return *this; }
    Gradient& center(glm::vec2 v) { center_.set(v); return *this; }
    Gradient& radius(float v) { radius_.set(v); return *this; }
    Gradient& repeat(float v) { repeat_.set(v); return *this; }

    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    EnumParam<GradientType> type_{this, "type", GradientType::Linear, kGradientTypeLabels};
    Param<glm::vec4> color_a_{this, "color_a", {0, 0, 0, 1}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    Param<glm::vec4> color_b_{this, "color_b", {1, 1, 1, 1}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    Param<float> angle_{this, "angle", 0.0f, -3600.0f, 3600.0f};
    Param<glm::vec2> center_{this, "center", {0.5f, 0.5f}, {-10.0f, -10.0f}, {10.0f, 10.0f}};
    Param<float> radius_{this, "radius", 0.5f, 0.001f, 100.0f};
    Param<float> repeat_{this, "repeat", 1.0f, 1.0f, 256.0f};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
