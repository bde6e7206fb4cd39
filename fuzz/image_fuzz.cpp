// fuzz/image_fuzz.cpp — image files (golden references, textures): any bytes are either a clear
// error or an image whose size and pixel count agree, within the pixel limit.
#include <cmath>
#include <cstdint>

#include "core/io/image_io.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file = loom::fuzz::write_input("input.png", data, size);
    const auto px = loom::io::read_image(file);
    if (!px) {
        LOOM_FUZZ_CHECK(px.message().find(file.string()) != std::string::npos);
        return 0;
    }
    LOOM_FUZZ_CHECK(px->width >= 1 && px->height >= 1);
    LOOM_FUZZ_CHECK(std::uint64_t(px->width) * px->height <= loom::io::kMaxImagePixels);
    LOOM_FUZZ_CHECK(px->rgba.size() == std::size_t(px->width) * px->height * 4);
    for (float f : px->rgba) LOOM_FUZZ_CHECK(f >= 0.0f && f <= 1.0f);
    return 0;
}
