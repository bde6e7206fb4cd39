// loom/effects/gradient.hpp — Gradient: a ramp through two to four colour stops.
//
// Linear: along `angle` (degrees; 0 runs left to right) across the canvas, centred on `center`.
// Radial: from `center` out to `radius` (in canvas heights). Angular: once around `center`,
// clockwise on screen, starting at `angle`. Diamond: like radial with the L1 distance, turned by `angle`. `repeat` > 1
// repeats the ramp.
//
// Stops: `stops` (2..4) colours color_a..color_d at `positions` (x, y, z, w: 0..1 along the
// ramp, in order); before the first and after the last the end colours hold. stop(i, position,
// color) sets one stop and raises `stops` to include it (stops(3) alone keeps the default
// positions 0, 1, 1, 1: set `positions` with it).
#pragma once

#include <loom/effects/mode_program.hpp>
#include <loom/operator.hpp>

namespace loom {

enum class GradientType : std::uint8_t { Linear, Radial, Angular, Diamond };
inline constexpr const char* kGradientTypeLabels[] = {"linear", "radial", "angular", "diamond"};

class Gradient final : public OperatorT<Gradient> {
public:
    static constexpr const char* kTypeName = "Gradient";

    Gradient& type(GradientType v) { type_.set(v); return *this; }
    Gradient& color_a(glm::vec4 v) { color_a_.set(v); return *this; }
    Gradient& color_b(glm::vec4 v) { color_b_.set(v); return *this; }
    Gradient& color_c(glm::vec4 v) { color_c_.set(v); return *this; }
    Gradient& color_d(glm::vec4 v) { color_d_.set(v); return *this; }
    Gradient& stops(Drive<int> n) { stops_.set(n); return *this; }
    Gradient& positions(glm::vec4 v) { positions_.set(v); return *this; }
    // Stop `index` (0..3) at `position` with `color`; `stops` grows to include it.
    Gradient& stop(int index, float position, glm::vec4 color);
    Gradient& angle(Drive<float> degrees) { angle_.set(degrees); return *this; }
    Gradient& center(glm::vec2 v) { center_.set(v); return *this; }
    Gradient& radius(Drive<float> v) { radius_.set(v); return *this; }
    Gradient& repeat(Drive<float> v) { repeat_.set(v); return *this; }

    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    EnumParam<GradientType> type_{this, "type", GradientType::Linear, kGradientTypeLabels};
    Param<glm::vec4> color_a_{this, "color_a", {0, 0, 0, 1}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    Param<glm::vec4> color_b_{this, "color_b", {1, 1, 1, 1}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    Param<glm::vec4> color_c_{this, "color_c", {1, 1, 1, 1}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    Param<glm::vec4> color_d_{this, "color_d", {1, 1, 1, 1}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    Param<int> stops_{this, "stops", 2, 2, 4};
    Param<glm::vec4> positions_{this, "positions", {0.0f, 1.0f, 1.0f, 1.0f}, {0, 0, 0, 0}, {1, 1, 1, 1}};
    Param<float> angle_{this, "angle", 0.0f, -3600.0f, 3600.0f};
    Param<glm::vec2> center_{this, "center", {0.5f, 0.5f}, {-10.0f, -10.0f}, {10.0f, 10.0f}};
    Param<float> radius_{this, "radius", 0.5f, 0.001f, 100.0f};
    Param<float> repeat_{this, "repeat", 1.0f, 1.0f, 256.0f};
    effects::ModeProgram program_;
};

}  // namespace loom
