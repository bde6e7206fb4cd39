// loom/effects/image.hpp — Image: a picture file (PNG, JPG, BMP, TGA) as an operator's output.
//
//   chain.add<Image>("photo").file(ctx.asset("photo.jpg")).fit(ImageFit::Cover);
//
// The file is read when the operator is created (and again when file() names another one), kept
// as 8-bit RGBA, and uploaded to the GPU once. The output has the canvas size (or .size()); `fit`
// places the picture in it: stretch (fill, ignoring the proportions), contain (all of it,
// `background` in the bars) or cover (filled, the overflow cut). A missing, unreadable or corrupt
// file, or one larger than 8192x8192, fails the operator with a message naming the file and the
// reason (it shows the error image; the rest of the chain runs). A relative path is taken from the
// working directory: use ctx.asset() for a file in the project.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

enum class ImageFit : std::uint8_t { Stretch, Contain, Cover };
inline constexpr const char* kImageFitLabels[] = {"stretch", "contain", "cover"};

class Image final : public OperatorT<Image> {
public:
    static constexpr const char* kTypeName = "Image";

    Image& file(std::filesystem::path path);
    Image& fit(ImageFit v) { fit_.set(v); return *this; }
    Image& background(glm::vec4 v) { background_.set(v); return *this; }

    const std::filesystem::path& file() const { return file_; }
    // The picture's size in pixels once read ({0, 0} before, or after a failure).
    Extent picture_size() const { return {width_, height_}; }

    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;
    Result<bool> file_changed(const std::filesystem::path& file) override;

private:
    EnumParam<ImageFit> fit_{this, "fit", ImageFit::Contain, kImageFitLabels};
    Param<glm::vec4> background_{this, "background", {0, 0, 0, 0}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    std::filesystem::path file_;
    std::vector<std::uint8_t> rgba_;  // the picture, 8-bit RGBA, top row first
    Result<void> load();  // reads file_ into rgba_/width_/height_, or leaves them as they were
    std::uint32_t width_ = 0, height_ = 0;
    const void* uploaded_to_ = nullptr;  // the GPU image the picture was last copied into
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
