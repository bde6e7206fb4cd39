// loom/effects/bloom.hpp — Bloom: glow around what is brighter than `threshold`.
//
// The bright part (soft `knee`: 0 is a hard cut, 1 a ramp as wide as the threshold) is halved
// repeatedly down a chain of up to 8 smaller images, then gathered back up with a tent filter;
// the glow is added to the input times `intensity`. `radius` (0..1) sets how far down the chain
// goes: larger is a wider glow.
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class Bloom final : public OperatorT<Bloom> {
public:
    static constexpr const char* kTypeName = "Bloom";
    static constexpr int kMaxLevels = 8;

    Bloom& threshold(Drive<float> v) { threshold_.set(v); return *this; }
    Bloom& knee(Drive<float> v) { knee_.set(v); return *this; }
    Bloom& intensity(Drive<float> v) { intensity_.set(v); return *this; }
    Bloom& radius(Drive<float> v) { radius_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

    // Levels used for an output of `width` x `height` at `radius` (exposed for tests).
    static int levels_for(std::uint32_t width, std::uint32_t height, float radius);

private:
    Param<float> threshold_{this, "threshold", 0.8f, 0.0f, 64.0f};
    Param<float> knee_{this, "knee", 0.5f, 0.0f, 1.0f};
    Param<float> intensity_{this, "intensity", 1.0f, 0.0f, 64.0f};
    Param<float> radius_{this, "radius", 0.75f, 0.0f, 1.0f};
    gpu::Program* prefilter_ = nullptr;
    gpu::Program* down_ = nullptr;
    gpu::Program* up_ = nullptr;
    gpu::Program* combine_ = nullptr;
};

}  // namespace loom
