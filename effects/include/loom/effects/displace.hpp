// loom/effects/displace.hpp — Displace: the first input moved by the second: its red channel moves
// pixels across, green moves them down.
//
// A channel at `midpoint` moves nothing; `amount` is the move (in canvas heights) for a channel one
// above it. `wrap` says what is sampled beyond the edges.
#pragma once

#include <loom/effects/mode_program.hpp>
#include <loom/effects/transform.hpp>
#include <loom/operator.hpp>

namespace loom {

class Displace final : public OperatorT<Displace> {
public:
    static constexpr const char* kTypeName = "Displace";

    Displace& amount(Drive<float> v) { amount_.set(v); return *this; }
    Displace& midpoint(Drive<float> v) { midpoint_.set(v); return *this; }
    Displace& wrap(Wrap v) { wrap_.set(v); return *this; }

    int min_inputs() const override { return 2; }
    int max_inputs() const override { return 2; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> amount_{this, "amount", 0.05f, -1.0f, 1.0f};
    Param<float> midpoint_{this, "midpoint", 0.5f, 0.0f, 1.0f};
    EnumParam<Wrap> wrap_{this, "wrap", Wrap::Clamp, kWrapLabels};
    effects::ModeProgram program_;
};

}  // namespace loom
