// loom/effects/level.hpp — Level: brightness (added), contrast (scaled around mid grey), gamma
// (> 1 brightens mid-tones), opacity (scales alpha).
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class Level final : public OperatorT<Level> {
public:
    static constexpr const char* kTypeName = "Level";

    Level& brightness(Drive<float> v) { brightness_.set(v); return *this; }
    Level& contrast(Drive<float> v) { contrast_.set(v); return *this; }
    Level& gamma(Drive<float> v) { gamma_.set(v); return *this; }
    Level& opacity(Drive<float> v) { opacity_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> brightness_{this, "brightness", 0.0f, -1.0f, 1.0f};
    Param<float> contrast_{this, "contrast", 1.0f, 0.0f, 8.0f};
    Param<float> gamma_{this, "gamma", 1.0f, 0.1f, 10.0f};
    Param<float> opacity_{this, "opacity", 1.0f, 0.0f, 1.0f};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
