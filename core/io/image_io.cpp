#include "core/io/image_io.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cmath>
#include <cstring>

#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include "core/base/paths.hpp"

namespace loom::io {

std::uint8_t to_unorm8(float v) {
    if (!(v > 0.0f)) return 0;  // also NaN
    if (v >= 1.0f) return 255;
    return static_cast<std::uint8_t>(std::lround(v * 255.0f));
}

void premultiply(Pixels& px) {
    if (px.premultiplied) return;
    for (std::size_t i = 0; i + 3 < px.rgba.size(); i += 4)
        for (int c = 0; c < 3; ++c) px.rgba[i + c] *= px.rgba[i + 3];
    px.premultiplied = true;
}

void straight_pixel(const Pixels& px, std::size_t index, float out[4]) {
    const float* s = &px.rgba[index * 4];
    const float a = s[3];
    // An alpha that an 8-bit file rounds to 0 keeps rgb as it is (near 0 when premultiplied),
    // so premultiplied_pixel() of the file's pixel gives it back.
    const float k = px.premultiplied && a >= 0.5f / 255.0f && a < 1.0f ? 1.0f / a : 1.0f;
    for (int c = 0; c < 3; ++c) out[c] = s[c] * k;
    out[3] = a;
}

void premultiplied_pixel(const Pixels& px, std::size_t index, float out[4]) {
    const float* s = &px.rgba[index * 4];
    const float a = s[3];
    const float k = !px.premultiplied && a > 0.0f && a < 1.0f ? a : 1.0f;  // straight_pixel() undone
    for (int c = 0; c < 3; ++c) out[c] = s[c] * k;
    out[3] = s[3];
}

void to_rgba8(const Pixels& px, std::vector<std::uint8_t>& out) {
    out.resize(px.rgba.size());
    const std::size_t n = px.rgba.size() / 4;
    for (std::size_t p = 0; p < n; ++p) {
        float s[4];
        straight_pixel(px, p, s);
        for (int c = 0; c < 4; ++c) out[p * 4 + c] = to_unorm8(s[c]);
    }
}

Result<void> write_png(const std::filesystem::path& path, const Pixels& px) {
    if (px.empty()) return make_error("cannot write " + path.string() + ": the image is empty");
    std::vector<std::uint8_t> bytes;
    to_rgba8(px, bytes);
    // Encoded in memory, then written atomically: a full disk or a missing permission leaves
    // no partial PNG behind, and the error says which.
    std::vector<std::uint8_t> png;
    auto append = [](void* ctx, void* data, int n) {
        auto* out = static_cast<std::vector<std::uint8_t>*>(ctx);
        out->insert(out->end(), static_cast<std::uint8_t*>(data), static_cast<std::uint8_t*>(data) + n);
    };
    if (!stbi_write_png_to_func(append, &png, static_cast<int>(px.width), static_cast<int>(px.height), 4, bytes.data(),
                                static_cast<int>(px.width * 4)))
        return make_error("cannot encode " + path.string() + " as PNG");
    if (!write_file_atomic(path, png.data(), png.size())) {
        const int err = errno;
        const char* fix = err == EISDIR        ? "give a file name inside it, e.g. out.png"
                          : err == ENAMETOOLONG ? "use a shorter name"
                          : err == ENOSPC       ? "free some space on that disk, or write elsewhere"
                          : err == EACCES || err == EROFS || err == EPERM ? "write into a folder you can write to"
                          : err == ENOENT || err == ENOTDIR ? "write into a folder that exists or can be created"
                                                            : "check the path";
        return make_error("cannot write " + path.string() + ": " + std::strerror(err) + ". Fix: " + fix + ".");
    }
    return {};
}

std::string over_pixel_limit(int width, int height) {
    if (std::uint64_t(width) * std::uint64_t(height) <= kMaxImagePixels) return {};
    return "it is " + std::to_string(width) + "x" + std::to_string(height) + ", more than the " +
           std::to_string(kMaxImagePixels) + " pixels Loom reads (8192x8192)";
}

Result<Pixels> read_image(const std::filesystem::path& path) {
    auto data = read_file(path);
    if (!data) return make_error("cannot read image " + path.string() + ": no such file or not readable");
    int w = 0, h = 0, n = 0;
    if (data->size() > std::size_t(INT32_MAX))
        return make_error("cannot read image " + path.string() + ": the file is over 2 GiB. Fix: re-export it smaller.");
    const auto* bytes = reinterpret_cast<const stbi_uc*>(data->data());
    const auto too_large = [&] {
        return make_error("cannot read image " + path.string() + ": " + over_pixel_limit(w, h) +
                          ". Fix: scale it down.");
    };
    if (stbi_info_from_memory(bytes, static_cast<int>(data->size()), &w, &h, &n) && !over_pixel_limit(w, h).empty())
        return too_large();
    stbi_uc* p = stbi_load_from_memory(bytes, static_cast<int>(data->size()), &w, &h, &n, 4);
    if (!p)
        return make_error("cannot decode image " + path.string() + ": " + stbi_failure_reason() +
                          ". Fix: re-export it as PNG or JPG.");
    if (!over_pixel_limit(w, h).empty()) {  // a format stbi_info() could not size
        stbi_image_free(p);
        return too_large();
    }
    Pixels px;
    px.width = static_cast<std::uint32_t>(w);
    px.height = static_cast<std::uint32_t>(h);
    px.rgba.resize(std::size_t(w) * h * 4);
    for (std::size_t i = 0; i < px.rgba.size(); ++i) px.rgba[i] = p[i] / 255.0f;
    stbi_image_free(p);
    return px;
}

CompareResult compare(const Pixels& a, const Pixels& e, float tol, Pixels* diff) {
    CompareResult r;
    if (a.width != e.width || a.height != e.height) {
        r.total_pixels = std::uint64_t(a.width) * a.height;
        r.failing_pixels = std::max<std::uint64_t>(r.total_pixels, 1);
        r.max_channel_diff = 1.0f;
        return r;
    }
    r.total_pixels = std::uint64_t(a.width) * a.height;
    if (diff) {
        diff->width = a.width;
        diff->height = a.height;
        diff->rgba.assign(a.rgba.size(), 0.0f);
    }
    for (std::size_t p = 0; p < r.total_pixels; ++p) {
        float worst = 0.0f;
        // Compared premultiplied, as they would show composited: a straight colour is divided
        // by alpha, so in a nearly transparent pixel it would blow a rounding difference up.
        float s[4], t[4];
        premultiplied_pixel(a, p, s);
        premultiplied_pixel(e, p, t);
        for (int c = 0; c < 4; ++c) worst = std::max(worst, std::abs(to_unorm8(s[c]) - to_unorm8(t[c])) / 255.0f);
        r.max_channel_diff = std::max(r.max_channel_diff, worst);
        const bool fail = worst > tol + 1e-6f;
        if (fail) ++r.failing_pixels;
        if (diff) {
            float* d = &diff->rgba[p * 4];
            if (fail) {
                d[0] = 1.0f, d[1] = 0.0f, d[2] = 0.0f;
            } else {
                const float g = 0.25f * std::clamp((s[0] + s[1] + s[2]) / 3.0f, 0.0f, 1.0f);
                d[0] = d[1] = d[2] = g;
            }
            d[3] = 1.0f;
        }
    }
    return r;
}

Result<GoldenResult> check_golden(const Pixels& actual, const std::filesystem::path& reference, float tolerance,
                                  double max_failing_fraction, const std::filesystem::path& out_dir,
                                  const std::string& name) {
    auto expected = read_image(reference);
    if (!expected) return expected.error();
    if (expected->width != actual.width || expected->height != actual.height)
        return make_error("the image is " + std::to_string(actual.width) + "x" + std::to_string(actual.height) +
                          " but " + reference.string() + " is " + std::to_string(expected->width) + "x" +
                          std::to_string(expected->height));
    GoldenResult g;
    Pixels diff;
    g.compare = compare(actual, *expected, tolerance, &diff);
    g.passed = g.compare.failing_fraction() <= max_failing_fraction;
    if (!g.passed) {
        g.actual_file = out_dir / (name + ".actual.png");
        g.diff_file = out_dir / (name + ".diff.png");
        (void)write_png(g.actual_file, actual);
        (void)write_png(g.diff_file, diff);
    }
    return g;
}

}  // namespace loom::io
