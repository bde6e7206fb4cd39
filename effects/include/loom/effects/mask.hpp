// loom/effects/mask.hpp — Mask: the first input with its alpha multiplied by the second input's
// alpha, luminance or red.
//
// `invert` uses 1 minus the mask; `amount` 0 leaves the input as it is.
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

enum class MaskSource : std::uint8_t { Alpha, Luminance, Red };
inline constexpr const char* kMaskSourceLabels[] = {"alpha", "luminance", "red"};

class Mask final : public OperatorT<Mask> {
public:
    static constexpr const char* kTypeName = "Mask";

    Mask& source(MaskSource v) { source_.set(v); return *this; }
    Mask& invert(Drive<bool> v) { invert_.set(v); return *this; }
    Mask& amount(Drive<float> v) { amount_.set(v); return *this; }

    int min_inputs() const override { return 2; }
    int max_inputs() const override { return 2; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    EnumParam<MaskSource> source_{this, "source", MaskSource::Luminance, kMaskSourceLabels};
    Param<bool> invert_{this, "invert", false, false, true};
    Param<float> amount_{this, "amount", 1.0f, 0.0f, 1.0f};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
