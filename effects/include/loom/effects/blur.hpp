// loom/effects/blur.hpp — Blur: a Gaussian blur of its input, `sigma` pixels (0..64), separable
// (horizontal then vertical), so the result matches a 2D Gaussian of that sigma. Edges clamp.
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class Blur final : public OperatorT<Blur> {
public:
    static constexpr const char* kTypeName = "Blur";

    Blur& sigma(Drive<float> pixels) { sigma_.set(pixels); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> sigma_{this, "sigma", 4.0f, 0.0f, 64.0f};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
