// loom/effects/chromatic_aberration.hpp — ChromaticAberration: red and blue sampled apart from
// green, as a lens splits colours.
//
// Radial: the split grows from `center` outwards; linear: the same split everywhere, along `angle`
// (degrees). `amount` is the split in canvas heights (radial: at the distance of one canvas
// height).
#pragma once

#include <loom/effects/mode_program.hpp>
#include <loom/operator.hpp>

namespace loom {

enum class AberrationMode : std::uint8_t { Radial, Linear };
inline constexpr const char* kAberrationModeLabels[] = {"radial", "linear"};

class ChromaticAberration final : public OperatorT<ChromaticAberration> {
public:
    static constexpr const char* kTypeName = "ChromaticAberration";

    ChromaticAberration& amount(Drive<float> v) { amount_.set(v); return *this; }
    ChromaticAberration& mode(AberrationMode v) { mode_.set(v); return *this; }
    ChromaticAberration& angle(Drive<float> v) { angle_.set(v); return *this; }
    ChromaticAberration& center(glm::vec2 v) { center_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> amount_{this, "amount", 0.01f, -0.5f, 0.5f};
    EnumParam<AberrationMode> mode_{this, "mode", AberrationMode::Radial, kAberrationModeLabels};
    Param<float> angle_{this, "angle", 0.0f, -3600.0f, 3600.0f};
    Param<glm::vec2> center_{this, "center", {0.5f, 0.5f}, {-10.0f, -10.0f}, {10.0f, 10.0f}};
    effects::ModeProgram program_;
};

}  // namespace loom
