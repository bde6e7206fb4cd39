// loom/effects/mirror.hpp — Mirror: one half of the input reflected onto the other: left onto
// right, right onto left, top onto bottom, bottom onto top, or the top-left quarter onto all four.
//
// `center` (uv) places the mirror lines.
#pragma once

#include <loom/effects/mode_program.hpp>
#include <loom/operator.hpp>

namespace loom {

enum class MirrorMode : std::uint8_t { LeftToRight, RightToLeft, TopToBottom, BottomToTop, Quad };
inline constexpr const char* kMirrorModeLabels[] = {"left_to_right", "right_to_left", "top_to_bottom", "bottom_to_top", "quad"};

class Mirror final : public OperatorT<Mirror> {
public:
    static constexpr const char* kTypeName = "Mirror";

    Mirror& mode(MirrorMode v) { mode_.set(v); return *this; }
    Mirror& center(glm::vec2 v) { center_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    EnumParam<MirrorMode> mode_{this, "mode", MirrorMode::LeftToRight, kMirrorModeLabels};
    Param<glm::vec2> center_{this, "center", {0.5f, 0.5f}, {0.0f, 0.0f}, {1.0f, 1.0f}};
    effects::ModeProgram program_;
};

}  // namespace loom
