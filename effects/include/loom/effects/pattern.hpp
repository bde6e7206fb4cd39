// loom/effects/pattern.hpp — Pattern: a repeating, antialiased checker, stripes, dots or grid in
// two colours.
//
// `scale` is the number of cells per canvas height; `angle` (degrees) turns the pattern about
// the canvas centre and `offset` (in cells) moves it. `width` is the share of a cell in color_b:
// a stripe's width, a dot's diameter, a grid line's thickness (unused by the checker). Edges are
// smoothed over `softness` pixels.
#pragma once

#include <loom/effects/mode_program.hpp>
#include <loom/operator.hpp>

namespace loom {

enum class PatternType : std::uint8_t { Checker, Stripes, Dots, Grid };
inline constexpr const char* kPatternTypeLabels[] = {"checker", "stripes", "dots", "grid"};

class Pattern final : public OperatorT<Pattern> {
public:
    static constexpr const char* kTypeName = "Pattern";

    Pattern& type(PatternType v) { type_.set(v); return *this; }
    Pattern& scale(Drive<float> cells) { scale_.set(cells); return *this; }
    Pattern& angle(Drive<float> degrees) { angle_.set(degrees); return *this; }
    Pattern& offset(glm::vec2 cells) { offset_.set(cells); return *this; }
    Pattern& width(Drive<float> v) { width_.set(v); return *this; }
    Pattern& softness(Drive<float> pixels) { softness_.set(pixels); return *this; }
    Pattern& color_a(glm::vec4 v) { color_a_.set(v); return *this; }
    Pattern& color_b(glm::vec4 v) { color_b_.set(v); return *this; }

    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    EnumParam<PatternType> type_{this, "type", PatternType::Checker, kPatternTypeLabels};
    Param<float> scale_{this, "scale", 8.0f, 0.01f, 4096.0f};
    Param<float> angle_{this, "angle", 0.0f, -3600.0f, 3600.0f};
    Param<glm::vec2> offset_{this, "offset", {0.0f, 0.0f}, {-1.0e6f, -1.0e6f}, {1.0e6f, 1.0e6f}};
    Param<float> width_{this, "width", 0.5f, 0.0f, 1.0f};
    Param<float> softness_{this, "softness", 1.0f, 0.0f, 1000.0f};
    Param<glm::vec4> color_a_{this, "color_a", {0, 0, 0, 1}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    Param<glm::vec4> color_b_{this, "color_b", {1, 1, 1, 1}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    effects::ModeProgram program_;
};

}  // namespace loom
