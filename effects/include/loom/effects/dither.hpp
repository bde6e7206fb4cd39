// loom/effects/dither.hpp — Dither: the input reduced to `levels` steps per channel, the steps
// spread by an ordered Bayer pattern (2x2, 4x4, 8x8), interleaved gradient noise, or blue noise.
//
// Blue noise is a 64x64 tile of thresholds made once by void and cluster (Ulichney): every
// threshold is used once and neighbours differ as much as they can, so the dots are even with no
// pattern to see, finer than Bayer's crosshatch and with none of white noise's clumps.
//
// `scale` is the size of one pattern cell in pixels; `monochrome` dithers the luminance to grey
// steps.
#pragma once

#include <vector>

#include <loom/effects/mode_program.hpp>
#include <loom/operator.hpp>

namespace loom {

enum class DitherPattern : std::uint8_t { Bayer2, Bayer4, Bayer8, Noise, BlueNoise };
inline constexpr const char* kDitherPatternLabels[] = {"bayer2", "bayer4", "bayer8", "noise", "blue_noise"};

// The blue-noise tile (kBlueNoiseSize squared thresholds in (0, 1), row by row), made once.
inline constexpr int kBlueNoiseSize = 64;
const std::vector<float>& blue_noise_tile();

class Dither final : public OperatorT<Dither> {
public:
    static constexpr const char* kTypeName = "Dither";

    Dither& pattern(DitherPattern v) { pattern_.set(v); return *this; }
    Dither& levels(Drive<int> v) { levels_.set(v); return *this; }
    Dither& scale(Drive<float> v) { scale_.set(v); return *this; }
    Dither& monochrome(Drive<bool> v) { monochrome_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    EnumParam<DitherPattern> pattern_{this, "pattern", DitherPattern::Bayer4, kDitherPatternLabels};
    Param<int> levels_{this, "levels", 2, 2, 256};
    Param<float> scale_{this, "scale", 1.0f, 1.0f, 64.0f};
    Param<bool> monochrome_{this, "monochrome", false, false, true};
    const void* tile_uploaded_to_ = nullptr;
    effects::ModeProgram program_;
};

}  // namespace loom
