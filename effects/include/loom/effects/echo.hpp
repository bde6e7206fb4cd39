// loom/effects/echo.hpp — Echo: the input with `count` copies of its past, `spacing` frames apart,
// each `decay` times the one before.
//
// mode: blend (the weighted average of the echoes: still areas keep their brightness, and a
// moving thing is spread over its copies, each dimmer — a motion blur),
// max (the brightest of the weighted echoes: separate ghosts), add (their weighted sum: glowing
// streaks). Unlike Feedback, the echoes are exact past frames, not a frame fed back into itself,
// so a moving thing leaves copies of itself, not a smear. Keeps (count - 1) x spacing + 1 frames
// of the input at its size and format.
#pragma once

#include <loom/effects/frame_ring.hpp>
#include <loom/effects/mode_program.hpp>
#include <loom/operator.hpp>

namespace loom {

enum class EchoMode : std::uint8_t { Blend, Max, Add };
inline constexpr const char* kEchoModeLabels[] = {"blend", "max", "add"};

class Echo final : public OperatorT<Echo> {
public:
    static constexpr const char* kTypeName = "Echo";

    Echo& count(Drive<int> v) { count_.set(v); return *this; }
    Echo& spacing(Drive<int> frames) { spacing_.set(frames); return *this; }
    Echo& decay(Drive<float> v) { decay_.set(v); return *this; }
    Echo& mode(EchoMode v) { mode_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    bool depends_on_past() const override { return true; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<int> count_{this, "count", 4, 1, 8};
    Param<int> spacing_{this, "spacing", 4, 1, 16};
    Param<float> decay_{this, "decay", 0.6f, 0.0f, 1.0f};
    EnumParam<EchoMode> mode_{this, "mode", EchoMode::Blend, kEchoModeLabels};
    effects::FrameRing ring_;
    effects::ModeProgram program_;
};

}  // namespace loom
