// loom/effects/text.hpp — Text: a string set in a TrueType font, for titles, captions and counters.
//
//   chain.add<Text>("title").text("LOOM\nlive").font_size(0.2f).color({1, 0.8f, 0.3f, 1});
//   // in update(): ctx.chain().get<Text>("count").text(std::to_string(ctx.frame()));
//
// `font_size` is the line height in output heights; `position` (uv) is where the block of lines is
// anchored: its vertical middle, and the left end, middle or right end of each line (`align`).
// `spacing` scales the distance between lines, `tracking` adds space between letters (in ems).
// With an input, the text is drawn over it; without, over `background` (transparent by default),
// at the canvas size.
//
// The font (`font(path)`; by default DejaVu Sans, from Debian's fonts-dejavu-core, or the file in
// the LOOM_FONT environment variable) is read when the operator is created: its glyphs for
// ASCII and Latin-1 are turned into signed distance fields in one atlas, so any size, a size
// driven every frame and a text that changes every frame cost no new GPU object; other
// characters show as '?'. Up to 1024 characters and 64 lines are drawn (more is cut, with one
// warning). A missing or corrupt font file fails the operator with the file and the reason.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

enum class TextAlign : std::uint8_t { Left, Center, Right };
inline constexpr const char* kTextAlignLabels[] = {"left", "center", "right"};

class Text final : public OperatorT<Text> {
public:
    static constexpr const char* kTypeName = "Text";
    static constexpr int kMaxGlyphs = 1024;
    static constexpr int kMaxLines = 64;

    Text();
    ~Text() override;
    // UTF-8; '\n' starts a new line.
    Text& text(std::string_view utf8);
    Text& font(std::filesystem::path file);
    Text& font_size(Drive<float> v) { font_size_.set(v); return *this; }
    Text& position(glm::vec2 uv) { position_.set(uv); return *this; }
    Text& align(TextAlign v) { align_.set(v); return *this; }
    Text& color(glm::vec4 v) { color_.set(v); return *this; }
    Text& background(glm::vec4 v) { background_.set(v); return *this; }
    Text& spacing(Drive<float> v) { spacing_.set(v); return *this; }
    Text& tracking(Drive<float> ems) { tracking_.set(ems); return *this; }

    const std::string& text() const { return text_; }
    // The font file in use ({} before create()).
    const std::filesystem::path& font_file() const { return font_used_; }

    int min_inputs() const override { return 0; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

    struct Font;  // the glyph atlas and metrics (text.cpp)

private:
    // Lays the text out into table_ (glyph quads and atlas rectangles, lines); returns false
    // when nothing changed since the last call.
    bool layout(Extent out);

    std::string text_;
    std::filesystem::path font_;       // as given; empty: the default
    std::filesystem::path font_used_;  // the file read
    Param<float> font_size_{this, "font_size", 0.15f, 0.005f, 4.0f};
    Param<glm::vec2> position_{this, "position", {0.5f, 0.5f}, {-10.0f, -10.0f}, {10.0f, 10.0f}};
    EnumParam<TextAlign> align_{this, "align", TextAlign::Center, kTextAlignLabels};
    Param<glm::vec4> color_{this, "color", {1, 1, 1, 1}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    Param<glm::vec4> background_{this, "background", {0, 0, 0, 0}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    Param<float> spacing_{this, "spacing", 1.0f, 0.1f, 10.0f};
    Param<float> tracking_{this, "tracking", 0.0f, -1.0f, 4.0f};

    Font* font_data_ = nullptr;  // owned (text.cpp)
    std::vector<float> table_;   // 3 rows of kMaxGlyphs RGBA32F texels: quads, atlas rects, lines
    int glyphs_ = 0, lines_ = 0;
    float bounds_[4] = {};       // the text's box in output pixels
    // What the table was laid out for, to lay out again only on a change.
    std::string laid_text_;
    static constexpr int kLayoutKey = 8;  // font size, position, align, spacing, tracking, output size
    float laid_[kLayoutKey] = {};
    bool laid_valid_ = false;
    bool table_uploaded_ = false;
    const void* atlas_uploaded_to_ = nullptr;
    bool warned_long_ = false;
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
