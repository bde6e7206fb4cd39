// loom/effects/kaleidoscope.hpp — Kaleidoscope: the input folded into `segments` mirrored wedges
// around `center`.
//
// `angle` (degrees) turns the wedge that is repeated; `zoom` > 1 takes a smaller part of the input.
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class Kaleidoscope final : public OperatorT<Kaleidoscope> {
public:
    static constexpr const char* kTypeName = "Kaleidoscope";

    Kaleidoscope& segments(Drive<int> v) { segments_.set(v); return *this; }
    Kaleidoscope& angle(Drive<float> v) { angle_.set(v); return *this; }
    Kaleidoscope& center(glm::vec2 v) { center_.set(v); return *this; }
    Kaleidoscope& zoom(Drive<float> v) { zoom_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<int> segments_{this, "segments", 6, 2, 64};
    Param<float> angle_{this, "angle", 0.0f, -3600.0f, 3600.0f};
    Param<glm::vec2> center_{this, "center", {0.5f, 0.5f}, {-10.0f, -10.0f}, {10.0f, 10.0f}};
    Param<float> zoom_{this, "zoom", 1.0f, 0.01f, 100.0f};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
