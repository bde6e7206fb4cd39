// loom/effects/vignette.hpp — Vignette: the edges of the input darkened (or tinted) towards
// `color`.
//
// `radius` is where the darkening starts, in half canvas heights from the centre (1: the middle
// of the top and bottom edges), over `softness`; `strength` is how far it goes. `roundness` 1
// gives a circle, 0 follows the canvas rectangle.
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class Vignette final : public OperatorT<Vignette> {
public:
    static constexpr const char* kTypeName = "Vignette";

    Vignette& radius(Drive<float> v) { radius_.set(v); return *this; }
    Vignette& softness(Drive<float> v) { softness_.set(v); return *this; }
    Vignette& strength(Drive<float> v) { strength_.set(v); return *this; }
    Vignette& roundness(Drive<float> v) { roundness_.set(v); return *this; }
    Vignette& color(glm::vec4 v) { color_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> radius_{this, "radius", 0.8f, 0.0f, 4.0f};
    Param<float> softness_{this, "softness", 0.6f, 0.001f, 4.0f};
    Param<float> strength_{this, "strength", 1.0f, 0.0f, 1.0f};
    Param<float> roundness_{this, "roundness", 1.0f, 0.0f, 1.0f};
    Param<glm::vec4> color_{this, "color", {0.0f, 0.0f, 0.0f, 1.0f}, {0.0f, 0.0f, 0.0f, 0.0f}, {64.0f, 64.0f, 64.0f, 1.0f}};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
