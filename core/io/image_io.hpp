// core/io/image_io.hpp — CPU-side images: read and write PNG/JPG through stb, compare for tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <loom/result.hpp>

namespace loom::io {

// RGBA, 4 floats per pixel, rows top to bottom. Values are linear as rendered; writing to an
// 8-bit file clamps to [0, 1] ("tone-clamped"). Chain images hold premultiplied alpha, and so do
// their readbacks (`premultiplied`); image files hold straight alpha. Writing a file and
// to_rgba8() give straight values either way; compare() compares premultiplied values (what
// shows when composited), whichever way each side holds them.
struct Pixels {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::vector<float> rgba;
    bool premultiplied = false;  // rgb already times alpha (read back from the GPU)

    float* at(std::uint32_t x, std::uint32_t y) { return &rgba[(std::size_t(y) * width + x) * 4]; }
    const float* at(std::uint32_t x, std::uint32_t y) const { return &rgba[(std::size_t(y) * width + x) * 4]; }
    bool empty() const { return width == 0 || height == 0; }
};

// rgb times alpha, for an image going to the GPU (nothing if it is premultiplied already).
void premultiply(Pixels& pixels);
// Pixel `index` with straight alpha: rgb divided by alpha where the pixels are premultiplied
// and alpha is in [0.5/255, 1). A pixel with (8-bit) no alpha keeps its rgb (light added over a
// transparent area has no straight colour); alpha above 1 (sums of layers) counts as 1.
void straight_pixel(const Pixels& pixels, std::size_t index, float out[4]);
// Pixel `index` with premultiplied alpha: straight_pixel() undone (rgb times alpha where the
// pixels are straight and 0 < alpha < 1).
void premultiplied_pixel(const Pixels& pixels, std::size_t index, float out[4]);

Result<void> write_png(const std::filesystem::path& path, const Pixels& pixels);
// The most pixels read_image() decodes (8192x8192; 1 GiB as floats): a small file that claims a
// larger image is refused before anything is allocated for it.
inline constexpr std::uint64_t kMaxImagePixels = std::uint64_t(8192) * 8192;
// Empty when a width x height image is within kMaxImagePixels; else "it is WxH, more than …".
std::string over_pixel_limit(int width, int height);
// Reads PNG, JPG, BMP, TGA (anything stb_image reads). The error names the file and the reason.
Result<Pixels> read_image(const std::filesystem::path& path);

struct CompareResult {
    std::uint64_t failing_pixels = 0;
    std::uint64_t total_pixels = 0;
    float max_channel_diff = 0.0f;  // in [0, 1]
    double failing_fraction() const { return total_pixels ? double(failing_pixels) / double(total_pixels) : 0.0; }
};

// A pixel fails when any channel differs by more than `tolerance` (in 0..1 after 8-bit
// quantisation of both images). `diff` (optional) receives a visualisation: failing pixels red,
// others a dimmed grey of the actual image.
CompareResult compare(const Pixels& actual, const Pixels& expected, float tolerance, Pixels* diff = nullptr);

// A golden-image check: `actual` against the image at `reference`. When more than
// `max_failing_fraction` of the pixels fail, the actual and diff images are written to
// <out_dir>/<name>.actual.png and <out_dir>/<name>.diff.png. An unreadable reference, or one of
// another size, is an error naming the file (and the sizes).
struct GoldenResult {
    CompareResult compare;
    bool passed = false;
    std::filesystem::path actual_file, diff_file;  // written when it did not pass
};
Result<GoldenResult> check_golden(const Pixels& actual, const std::filesystem::path& reference, float tolerance,
                                  double max_failing_fraction, const std::filesystem::path& out_dir,
                                  const std::string& name);

// Quantises to 8 bits per channel the way write_png does.
std::uint8_t to_unorm8(float v);
// The whole image as RGBA8 bytes, into `out` (resized; its capacity is reused).
// 8-bit RGBA with straight alpha, as a file holds it.
void to_rgba8(const Pixels& pixels, std::vector<std::uint8_t>& out);

}  // namespace loom::io
