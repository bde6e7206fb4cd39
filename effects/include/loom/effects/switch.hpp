// loom/effects/switch.hpp — Switch: one of up to eight inputs, chosen by `index`; with `crossfade`
// a fractional index fades between two neighbours.
//
// Without crossfade the index rounds to the nearest input; an index beyond the inputs shows the
// last one (with a warning). Sized like the first input.
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class Switch final : public OperatorT<Switch> {
public:
    static constexpr const char* kTypeName = "Switch";

    Switch& index(Drive<float> v) { index_.set(v); return *this; }
    Switch& crossfade(Drive<bool> v) { crossfade_.set(v); return *this; }
    static constexpr int kMaxInputs = 8;

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 8; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> index_{this, "index", 0.0f, 0.0f, 7.0f};
    Param<bool> crossfade_{this, "crossfade", false, false, true};
    bool warned_ = false;  // the index is beyond the inputs (said once per streak)
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
