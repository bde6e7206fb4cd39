// loom/effects/blur.hpp — Blur: a Gaussian (or box) blur of its input, separable (horizontal
// then vertical), so the result matches the 2D kernel. Edges clamp.
//
//   chain.add<Blur>("blur").input(noise).sigma(8);                    // Gaussian, sigma in pixels
//   chain.add<Blur>("box").input(noise).shape(BlurShape::Box).radius(8);  // mean of 17x17 pixels
//
// shape: Gaussian (`sigma` pixels, 0..64) or Box (`radius` pixels each side, 0..256).
// method: how it is computed, with one result within tolerance:
//   Auto         the fast one for the device (on a GPU, Tiles for a Gaussian where they
//                apply and Convolution otherwise; Lines on a CPU device);
//   Convolution  one invocation per pixel summing the taps (the Gaussian cut at 3 sigma), pairs
//                of taps sharing one bilinear fetch;
//   Tiles        the same taps summed from a tile of the input read once into shared memory,
//                four outputs per invocation. For an input of the output's size in a format of
//                16 bits a channel or less, and a radius the device's shared memory holds (up
//                to 59 pixels with 48 KiB: sigma 19.6); otherwise convolved.
//   Lines        one invocation per row or column, cost per pixel independent of the size:
//                a recursive Gaussian (Deriche's fourth-order fit, within 0.05% of the true
//                Gaussian's peak) or a running sum for the box. A kernel of radius 2 or less,
//                or an input of another size than the output, is convolved.
// The pass between the two directions is kept in 16-bit float (a 32-bit output's own format).
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Image;
class Program;
}

namespace loom {

enum class BlurShape : std::uint8_t { Gaussian, Box };
inline constexpr const char* kBlurShapeLabels[] = {"gaussian", "box"};
enum class BlurMethod : std::uint8_t { Auto, Convolution, Lines, Tiles };
inline constexpr const char* kBlurMethodLabels[] = {"auto", "convolution", "lines", "tiles"};

class Blur final : public OperatorT<Blur> {
public:
    static constexpr const char* kTypeName = "Blur";

    Blur& sigma(Drive<float> pixels) { sigma_.set(pixels); return *this; }
    Blur& shape(BlurShape v) { shape_.set(v); return *this; }
    Blur& radius(Drive<int> pixels) { radius_.set(pixels); return *this; }
    Blur& method(BlurMethod v) { method_.set(v); return *this; }

    // The method the last recorded frame used: Auto resolved, and Convolution where the chosen
    // method did not apply.
    BlurMethod used_method() const { return used_; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> sigma_{this, "sigma", 4.0f, 0.0f, 64.0f};
    EnumParam<BlurShape> shape_{this, "shape", BlurShape::Gaussian, kBlurShapeLabels};
    Param<int> radius_{this, "radius", 4, 0, 256};
    EnumParam<BlurMethod> method_{this, "method", BlurMethod::Auto, kBlurMethodLabels};
    gpu::Program* program_ = nullptr;   // convolution
    gpu::Program* forward_ = nullptr;   // lines: Gaussian, causal part
    gpu::Program* backward_ = nullptr;  // lines: Gaussian, anticausal part added
    gpu::Program* box_ = nullptr;       // lines: running box sum
    gpu::Program* chunked_ = nullptr;   // lines: Gaussian, both parts a chunk at a time
    gpu::Program* tiles_[2] = {};       // tiles: along x, along y (none where shared memory is too small)
    int tile_len_ = 0;                  // pixels per line the tiles hold
    BlurMethod used_ = BlurMethod::Auto;

    void record_convolution(graph::RecordContext& ctx, gpu::Image& mid, bool box, int radius);
    void record_lines(graph::RecordContext& ctx, gpu::Image& mid, bool box, int radius);
    bool tiles_apply(graph::RecordContext& ctx, int radius) const;
    void record_tiles(graph::RecordContext& ctx, gpu::Image& mid, bool box, int radius);
};

}  // namespace loom
