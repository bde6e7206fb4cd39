// loom/types.hpp — small value types shared by the public API.
#pragma once

#include <cstdint>

namespace loom {

// Pixel formats an operator's output can have. RGBA16F is the default: enough range for
// glow and feedback without the bandwidth of 32-bit floats.
enum class Format : std::uint8_t { RGBA8, RGBA16F, RGBA32F, R32F };

const char* format_name(Format format);

struct Extent {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    friend bool operator==(const Extent&, const Extent&) = default;
};

// How an operator's output size is chosen: relative to its first input (or to the canvas when it
// has no input), scaled by `factor` (1, 0.5, 0.25, 2, ...); or an absolute size in pixels.
struct SizeSpec {
    enum class Mode : std::uint8_t { Relative, Absolute };
    Mode mode = Mode::Relative;
    float factor = 1.0f;
    Extent absolute{};
    friend bool operator==(const SizeSpec&, const SizeSpec&) = default;
};

}  // namespace loom
