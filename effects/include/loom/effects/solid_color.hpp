// loom/effects/solid_color.hpp — SolidColor: one colour everywhere (RGBA, linear, may exceed 1).
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class SolidColor final : public OperatorT<SolidColor> {
public:
    static constexpr const char* kTypeName = "SolidColor";

    SolidColor& color(glm::vec4 v) { color_.set(v); return *this; }

    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<glm::vec4> color_{this, "color", {1, 1, 1, 1}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
