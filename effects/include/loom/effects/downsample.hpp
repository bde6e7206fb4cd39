// loom/effects/downsample.hpp — Downsample: the input at a lower resolution, each output pixel the
// exact average of the input pixels it covers (box; fractional edges weighted by the part
// covered), or the one input pixel at its centre (nearest: the aliased, crunchy retro look).
//
// The output size is the operator's size: `factor(4)` is `relative_size(0.25)`, or give any
// `.size(w, h)`. Averaging over the whole footprint is what plain bilinear sampling of a much
// smaller image misses (it reads 4 pixels whatever the ratio, so fine detail flickers); the
// footprint is read up to 64 pixels a side, and wider ones are sampled on a 64x64 grid.
// Upscale afterwards with Transform, or view it at the canvas size with nearest filtering.
#pragma once

#include <loom/effects/mode_program.hpp>
#include <loom/operator.hpp>

namespace loom {

enum class DownsampleFilter : std::uint8_t { Box, Nearest };
inline constexpr const char* kDownsampleFilterLabels[] = {"box", "nearest"};

class Downsample final : public OperatorT<Downsample> {
public:
    static constexpr const char* kTypeName = "Downsample";

    Downsample() { relative_size(0.25f); }
    // Output size = input size / n (a shorthand for relative_size(1 / n)); n below 1 (or not a
    // number) is taken as 1, with a warning.
    Downsample& factor(float n);
    Downsample& filter(DownsampleFilter v) { filter_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    EnumParam<DownsampleFilter> filter_{this, "filter", DownsampleFilter::Box, kDownsampleFilterLabels};
    effects::ModeProgram program_;
};

}  // namespace loom
