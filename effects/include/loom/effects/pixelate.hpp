// loom/effects/pixelate.hpp — Pixelate: the input in square cells of `cell` pixels, each the colour
// of the input texel at its centre (the middle of the part inside the image, for cells cut at the
// right and bottom).
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class Pixelate final : public OperatorT<Pixelate> {
public:
    static constexpr const char* kTypeName = "Pixelate";

    Pixelate& cell(Drive<float> v) { cell_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> cell_{this, "cell", 8.0f, 1.0f, 4096.0f};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
