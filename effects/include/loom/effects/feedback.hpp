// loom/effects/feedback.hpp — Feedback: its input combined with its own previous frame.
//
// Each frame: out = combine(input, decay * T(previous out)), where T zooms (`scale`), rotates
// (`rotate`, degrees) and drifts (`translate`) the previous frame about the centre; combine is
// Add (trails that build up), Max (trails that keep the brightest), or Over (input over trails).
// The previous frame is the engine's history of this operator — not a cycle in the graph — and
// is black on the first frame and after a resize.
#pragma once

#include <loom/effects/mode_program.hpp>
#include <loom/operator.hpp>

namespace loom {

enum class FeedbackMode : std::uint8_t { Add, Max, Over };
inline constexpr const char* kFeedbackModeLabels[] = {"add", "max", "over"};

class Feedback final : public OperatorT<Feedback> {
public:
    static constexpr const char* kTypeName = "Feedback";

    Feedback& decay(Drive<float> v) { decay_.set(v); return *this; }
    Feedback& mode(FeedbackMode v) { mode_.set(v); return *this; }
    Feedback& scale(float v) { scale_.set({v, v}); return *this; }
    Feedback& scale(glm::vec2 v) { scale_.set(v); return *this; }
    Feedback& rotate(Drive<float> degrees) { rotate_.set(degrees); return *this; }
    Feedback& translate(glm::vec2 v) { translate_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    bool uses_own_history() const override { return true; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> decay_{this, "decay", 0.9f, 0.0f, 1.0f};
    EnumParam<FeedbackMode> mode_{this, "mode", FeedbackMode::Max, kFeedbackModeLabels};
    Param<glm::vec2> scale_{this, "scale", {1, 1}, {0.01f, 0.01f}, {100, 100}};
    Param<float> rotate_{this, "rotate", 0.0f, -36000.0f, 36000.0f};
    Param<glm::vec2> translate_{this, "translate", {0, 0}, {-10, -10}, {10, 10}};
    effects::ModeProgram program_;
};

}  // namespace loom
