// loom/effects/edge.hpp — Edge: the edges of the input (the Sobel gradient of its luminance), in
// `color` over black or over the input.
//
// `strength` scales the edges; `show_input` is how much of the input shows under them (0: edges on
// black).
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class Edge final : public OperatorT<Edge> {
public:
    static constexpr const char* kTypeName = "Edge";

    Edge& strength(Drive<float> v) { strength_.set(v); return *this; }
    Edge& color(glm::vec4 v) { color_.set(v); return *this; }
    Edge& show_input(Drive<float> v) { show_input_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> strength_{this, "strength", 1.0f, 0.0f, 64.0f};
    Param<glm::vec4> color_{this, "color", {1.0f, 1.0f, 1.0f, 1.0f}, {0.0f, 0.0f, 0.0f, 0.0f}, {64.0f, 64.0f, 64.0f, 1.0f}};
    Param<float> show_input_{this, "show_input", 0.0f, 0.0f, 1.0f};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
