// loom/effects/barrel_distortion.hpp — BarrelDistortion: lens distortion: positive `k1` bulges the
// middle out (barrel), negative pinches it (pincushion); `k2` acts more at the edges.
//
// An output point at radius r (the corners are at 1) shows the input at r (1 + k1 r^2 + k2 r^4)
// / zoom. Barrel reaches beyond the input at the corners (transparent there): `zoom` > 1 fills
// them. Pincushion stronger than about -0.3 folds the corners back onto themselves.
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class BarrelDistortion final : public OperatorT<BarrelDistortion> {
public:
    static constexpr const char* kTypeName = "BarrelDistortion";

    BarrelDistortion& k1(Drive<float> v) { k1_.set(v); return *this; }
    BarrelDistortion& k2(Drive<float> v) { k2_.set(v); return *this; }
    BarrelDistortion& zoom(Drive<float> v) { zoom_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> k1_{this, "k1", 0.3f, -1.0f, 1.0f};
    Param<float> k2_{this, "k2", 0.0f, -1.0f, 1.0f};
    Param<float> zoom_{this, "zoom", 1.0f, 0.1f, 10.0f};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
