// loom/effects/shape.hpp — Shape: one antialiased 2D shape from a signed distance, filled and/or
// stroked, over a background colour.
//
// Positions are in uv (0..1, top-left origin); sizes are in canvas heights, so a shape keeps its
// proportions whatever the canvas' aspect. `scale` is the shape's width and height (a circle,
// polygon or star of unequal sides is stretched to them; a line runs scale.x long and scale.y
// thick). For a triangle, polygon or star, `scale` is the diameter of the circle through its
// points, centred on `center` (a triangle's box sits a little above the centre). `rotation` is in degrees counter-clockwise. `corner` rounds a rounded rectangle's
// corners (0..1 of the shorter half side); `sides` is a polygon's sides or a star's points;
// `inner` is a star's inner radius or a ring's hole (0..1 of the outer radius). The edge is
// smoothed over `softness` pixels (1: antialiased, more: blurred). A stroke of `stroke_width`
// (canvas heights, 0: none) is centred on the outline and drawn over the fill.
#pragma once

#include <loom/effects/mode_program.hpp>
#include <loom/operator.hpp>

namespace loom {

enum class ShapeType : std::uint8_t { Circle, Rectangle, RoundedRectangle, Triangle, Star, Polygon, Ring, Line };
inline constexpr const char* kShapeTypeLabels[] = {"circle", "rectangle", "rounded_rectangle", "triangle",
                                                   "star",   "polygon",   "ring",              "line"};

class Shape final : public OperatorT<Shape> {
public:
    static constexpr const char* kTypeName = "Shape";

    Shape& type(ShapeType v) { type_.set(v); return *this; }
    Shape& center(glm::vec2 v) { center_.set(v); return *this; }
    Shape& scale(glm::vec2 v) { scale_.set(v); return *this; }
    Shape& scale(float v) { scale_.set({v, v}); return *this; }
    Shape& rotation(Drive<float> degrees) { rotation_.set(degrees); return *this; }
    Shape& corner(Drive<float> v) { corner_.set(v); return *this; }
    Shape& sides(Drive<int> v) { sides_.set(v); return *this; }
    Shape& inner(Drive<float> v) { inner_.set(v); return *this; }
    Shape& fill(glm::vec4 v) { fill_.set(v); return *this; }
    Shape& stroke(glm::vec4 v) { stroke_.set(v); return *this; }
    Shape& stroke_width(Drive<float> v) { stroke_width_.set(v); return *this; }
    Shape& softness(Drive<float> pixels) { softness_.set(pixels); return *this; }
    Shape& background(glm::vec4 v) { background_.set(v); return *this; }

    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    EnumParam<ShapeType> type_{this, "type", ShapeType::Circle, kShapeTypeLabels};
    Param<glm::vec2> center_{this, "center", {0.5f, 0.5f}, {-10.0f, -10.0f}, {10.0f, 10.0f}};
    Param<glm::vec2> scale_{this, "scale", {0.5f, 0.5f}, {0.0f, 0.0f}, {100.0f, 100.0f}};
    Param<float> rotation_{this, "rotation", 0.0f, -3600.0f, 3600.0f};
    Param<float> corner_{this, "corner", 0.25f, 0.0f, 1.0f};
    Param<int> sides_{this, "sides", 5, 3, 64};
    Param<float> inner_{this, "inner", 0.45f, 0.0f, 0.99f};
    Param<glm::vec4> fill_{this, "fill", {1, 1, 1, 1}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    Param<glm::vec4> stroke_{this, "stroke", {0, 0, 0, 1}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    Param<float> stroke_width_{this, "stroke_width", 0.0f, 0.0f, 10.0f};
    Param<float> softness_{this, "softness", 1.0f, 0.0f, 1000.0f};
    Param<glm::vec4> background_{this, "background", {0, 0, 0, 0}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    effects::ModeProgram program_;
};

}  // namespace loom
