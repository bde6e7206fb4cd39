#include <loom/effects/image.hpp>

#include <string>
#include <utility>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "core/base/paths.hpp"
#include "core/io/image_io.hpp"
#include "effects/src/effect_util.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec4 background;
    glm::vec2 scale;  // output uv about the centre -> picture uv about the centre
};
static_assert(sizeof(Push) == 24);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Image::kTypeName,
    .category = "generator",
    .summary = "A picture file (PNG, JPG, BMP, TGA) fitted to the output: stretch, contain or cover.",
    .make = make_operator<Image>,
    .example =
        [](Chain& c) {
            c.add<Image>("image").file(source_dir() / "examples" / "glow-shapes" / "reference.png").fit(
                ImageFit::Contain).background({0.15f, 0.15f, 0.2f, 1.0f});
        },
    .calls = "file(path): the picture (ctx.asset(\"name.png\") for one in the project); picture_size()",
});
}  // namespace

Image& Image::file(std::filesystem::path path) {
    if (path != file_) {
        file_ = std::move(path);
        structure_changed();  // read again at the next plan
    }
    return *this;
}

Result<void> Image::load() {
    if (file_.empty()) return make_error("no file given. Fix: .file(ctx.asset(\"picture.png\")).");
    auto px = io::read_image(file_);
    if (!px) {
        std::string why = px.message();
        if (why.find("Fix:") != std::string::npos) return make_error(why);
        if (!why.empty() && why.back() != '.') why += '.';
        return make_error(why + " Fix: check the path (ctx.asset() for a file in the project) and that the file "
                                "opens in an image viewer.");
    }
    io::premultiply(*px);  // chain images are premultiplied; sampling then mixes edges right
    rgba_.resize(px->rgba.size());
    for (std::size_t i = 0; i < rgba_.size(); ++i) rgba_[i] = io::to_unorm8(px->rgba[i]);
    width_ = px->width;
    height_ = px->height;
    uploaded_to_ = nullptr;  // copied to the GPU again at the next record
    return {};
}

Result<void> Image::create(graph::CreateContext& ctx) {
    rgba_.clear();
    width_ = height_ = 0;
    uploaded_to_ = nullptr;
    if (auto r = load(); !r) return r;
    return effects::make_program(ctx, program_, "effects/image.comp", 1, sizeof(Push));
}

Result<bool> Image::file_changed(const std::filesystem::path& file) {
    std::error_code ec;
    if (file_.empty() || std::filesystem::weakly_canonical(file_, ec) != file) return false;
    if (auto r = load(); !r) return make_error(r.message() + " The last good picture stays.");
    return true;
}

void Image::record(graph::RecordContext& ctx) {
    gpu::Image* picture = ctx.scratch(0, {width_, height_}, VK_FORMAT_R8G8B8A8_UNORM, "image.picture");
    if (!picture) return;
    if (uploaded_to_ != static_cast<const void*>(picture->get())) {
        // Once per picture (and again if its GPU image was made anew).
        if (!effects::upload_pixels(ctx, *picture, rgba_.data(), rgba_.size(), "image.staging")) return;
        uploaded_to_ = picture->get();
    }
    // Fit: how much of the picture's uv one unit of the output's uv spans, about the centres.
    const float out_aspect = effects::aspect_of(ctx.extent());
    const float pic_aspect = float(width_) / float(height_);
    glm::vec2 scale{1.0f, 1.0f};
    const float ratio = out_aspect / pic_aspect;  // > 1: the output is wider than the picture
    if (fit_.get() == ImageFit::Contain) scale = ratio > 1.0f ? glm::vec2(ratio, 1.0f) : glm::vec2(1.0f, 1.0f / ratio);
    if (fit_.get() == ImageFit::Cover) scale = ratio > 1.0f ? glm::vec2(1.0f, 1.0f / ratio) : glm::vec2(ratio, 1.0f);
    const Push p{background_, scale};
    ctx.dispatch(*program_, {gpu::ImageBinding{picture, gpu::SamplerKind::LinearClamp}}, ctx.output(), &p, sizeof p);
}

}  // namespace loom
