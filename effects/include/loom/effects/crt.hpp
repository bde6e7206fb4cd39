// loom/effects/crt.hpp — CRT: a cathode-ray tube look: curved glass, scanlines, an RGB aperture
// mask and a soft glow.
//
// `curvature` bends the picture (0: flat); outside the tube is black. `lines` is scanlines per
// canvas height; `mask` the strength of the RGB stripes (one stripe per pixel column); `glow` adds
// light from around each pixel.
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class CRT final : public OperatorT<CRT> {
public:
    static constexpr const char* kTypeName = "CRT";

    CRT& curvature(Drive<float> v) { curvature_.set(v); return *this; }
    CRT& lines(Drive<float> v) { lines_.set(v); return *this; }
    CRT& scanlines(Drive<float> v) { scanlines_.set(v); return *this; }
    CRT& mask(Drive<float> v) { mask_.set(v); return *this; }
    CRT& glow(Drive<float> v) { glow_.set(v); return *this; }
    CRT& brightness(Drive<float> v) { brightness_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> curvature_{this, "curvature", 0.15f, 0.0f, 1.0f};
    Param<float> lines_{this, "lines", 240.0f, 1.0f, 4096.0f};
    Param<float> scanlines_{this, "scanlines", 0.35f, 0.0f, 1.0f};
    Param<float> mask_{this, "mask", 0.3f, 0.0f, 1.0f};
    Param<float> glow_{this, "glow", 0.3f, 0.0f, 4.0f};
    Param<float> brightness_{this, "brightness", 1.2f, 0.0f, 8.0f};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
