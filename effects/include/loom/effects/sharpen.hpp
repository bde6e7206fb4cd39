// loom/effects/sharpen.hpp — Sharpen: an unsharp mask: the input plus `amount` times its difference
// from a small blur of `radius` pixels.
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class Sharpen final : public OperatorT<Sharpen> {
public:
    static constexpr const char* kTypeName = "Sharpen";

    Sharpen& amount(Drive<float> v) { amount_.set(v); return *this; }
    Sharpen& radius(Drive<float> v) { radius_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> amount_{this, "amount", 1.0f, 0.0f, 16.0f};
    Param<float> radius_{this, "radius", 1.0f, 0.5f, 32.0f};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
