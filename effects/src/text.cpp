#include <loom/effects/text.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

#include <loom/chain.hpp>
#include <loom/effects/gradient.hpp>
#include <loom/operator_registry.hpp>
#include <spdlog/spdlog.h>

#define STB_TRUETYPE_IMPLEMENTATION
#define STBTT_STATIC
#include <stb/stb_truetype.h>

#include "effects/src/effect_util.hpp"

namespace loom {

namespace {

struct Push {
    glm::vec4 color;
    glm::vec4 background;
    glm::vec4 bounds;     // the text's box in output pixels (x0, y0, x1, y1)
    float edge;           // SDF units per output pixel
    std::int32_t lines;
    std::int32_t has_input;
};
static_assert(sizeof(Push) == 60);  // std430 offsets: vec4s, then vec2s, then scalars

constexpr float kBakePixels = 64.0f;  // glyphs are baked at this line height (ascent - descent)
constexpr int kPadding = 8;           // SDF reach, atlas pixels
constexpr int kOnEdge = 128;
constexpr float kPerPixel = float(kOnEdge) / float(kPadding);  // SDF value units (of 255) per atlas pixel
constexpr int kAtlasWidth = 1024;

// The characters an atlas has: ASCII and Latin-1; everything else is drawn as '?'.
int glyph_slot(std::uint32_t cp) {
    if (cp >= 32 && cp <= 126) return int(cp - 32);
    if (cp >= 160 && cp <= 255) return int(cp - 160) + 95;
    return '?' - 32;
}
constexpr int kSlots = 95 + 96;
std::uint32_t slot_codepoint(int slot) { return slot < 95 ? std::uint32_t(slot + 32) : std::uint32_t(slot - 95 + 160); }

std::filesystem::path default_font() {
    if (const char* env = std::getenv("LOOM_FONT"); env && *env) return env;
    for (const char* p : {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf",
                          "/usr/share/fonts/dejavu/DejaVuSans.ttf"})
        if (std::filesystem::exists(p)) return p;
    return {};
}

// The table directory of a TrueType/OpenType file lies inside the file: stb_truetype trusts
// offsets, so a truncated or damaged file is refused here rather than read out of bounds.
bool tables_inside(const std::vector<unsigned char>& f) {
    auto u16 = [&](std::size_t o) { return std::uint32_t(f[o]) << 8 | f[o + 1]; };
    auto u32 = [&](std::size_t o) { return u16(o) << 16 | u16(o + 2); };
    if (f.size() < 12) return false;
    const std::uint32_t n = u16(4);
    if (12 + 16 * std::size_t(n) > f.size()) return false;
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::size_t e = 12 + 16 * std::size_t(i);
        if (std::uint64_t(u32(e + 8)) + u32(e + 12) > f.size()) return false;
    }
    return n > 0;
}

// Whether the file's table directory has a table tagged `tag` (4 characters).
bool has_table(const std::vector<unsigned char>& f, const char* tag) {
    const std::uint32_t n = std::uint32_t(f[4]) << 8 | f[5];
    for (std::uint32_t i = 0; i < n; ++i)
        if (std::memcmp(&f[12 + 16 * std::size_t(i)], tag, 4) == 0) return true;
    return false;
}

}  // namespace

struct Text::Font {
    std::vector<unsigned char> file;
    stbtt_fontinfo info{};
    float scale = 0;                       // font units -> baked pixels
    float ascent = 0, descent = 0, gap = 0;  // baked pixels
    struct Glyph {
        float advance = 0;                  // baked pixels
        float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // quad about the pen on the baseline, baked pixels (y down)
        float u0 = 0, v0 = 0, u1 = 0, v1 = 0;  // atlas uv
        int index = 0;                      // stbtt glyph index, for kerning
    };
    Glyph glyphs[kSlots];
    std::vector<std::uint8_t> atlas;  // RGBA8, the distance in red
    std::uint32_t atlas_height = 0;
};

namespace {
const bool kRegistered = register_operator({
    .type = Text::kTypeName,
    .category = "generator",
    .summary = "A string set in a TrueType font (signed distance fields): titles, captions, counters.",
    .make = make_operator<Text>,
    .example =
        [](Chain& c) {
            auto& bg = c.add<Gradient>("text_bg").color_a({0.1f, 0.05f, 0.25f, 1.0f}).color_b({0.02f, 0.1f, 0.2f, 1.0f});
            c.add<Text>("text").input(bg).text("Loom 42\nÀ bientôt").font_size(0.3f).color({1.0f, 0.8f, 0.3f, 1.0f});
        },
    .calls = "text(utf8), font(file)",
});

Result<std::unique_ptr<Text::Font>> load_font(const std::filesystem::path& path) {
    auto font = std::make_unique<Text::Font>();
    std::error_code ec;
    if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec))
        return make_error("the font path " + path.string() + " is not a file. Fix: give a .ttf file.");
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error("cannot open the font file " + path.string() + ". Fix: check the path (ctx.asset() for a file in the project).");
    font->file.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (font->file.size() > (64u << 20))
        return make_error("the font file " + path.string() + " is " + std::to_string(font->file.size() >> 20) +
                          " MB; Loom reads fonts up to 64 MB. Fix: use a smaller font file.");
    if (!tables_inside(font->file) || !stbtt_InitFont(&font->info, font->file.data(), 0))
        return make_error("the font file " + path.string() + " (" + std::to_string(font->file.size()) +
                          " bytes) is not a TrueType/OpenType font or is damaged. Fix: use a .ttf file that opens "
                          "in a font viewer.");
    if (has_table(font->file, "CFF ") || has_table(font->file, "CFF2"))
        return make_error("the font file " + path.string() + " has PostScript (CFF) outlines, which Loom's glyph "
                          "baker does not draw correctly. Fix: use a font with TrueType outlines (most .ttf files), "
                          "e.g. DejaVu Sans.");
    int ascent = 0, descent = 0, gap = 0;
    stbtt_GetFontVMetrics(&font->info, &ascent, &descent, &gap);
    if (ascent - descent <= 0)
        return make_error("the font file " + path.string() + " has no line height (ascent " + std::to_string(ascent) +
                          ", descent " + std::to_string(descent) + "). Fix: use another font.");
    font->scale = kBakePixels / float(ascent - descent);
    font->ascent = float(ascent) * font->scale;
    font->descent = float(descent) * font->scale;
    font->gap = float(gap) * font->scale;

    // Bake each glyph's distance field and pack them on shelves.
    struct Baked {
        unsigned char* sdf = nullptr;
        int w = 0, h = 0, x = 0, y = 0;
    };
    Baked baked[kSlots];
    int pen_x = 1, pen_y = 1, shelf = 0;
    for (int s = 0; s < kSlots; ++s) {
        Text::Font::Glyph& g = font->glyphs[s];
        const int cp = int(slot_codepoint(s));
        int advance = 0, lsb = 0;
        stbtt_GetCodepointHMetrics(&font->info, cp, &advance, &lsb);
        g.advance = float(advance) * font->scale;
        g.index = stbtt_FindGlyphIndex(&font->info, cp);
        Baked& b = baked[s];
        int xoff = 0, yoff = 0;
        b.sdf = stbtt_GetCodepointSDF(&font->info, font->scale, cp, kPadding, kOnEdge, kPerPixel, &b.w, &b.h, &xoff, &yoff);
        if (!b.sdf) continue;  // a space
        if (pen_x + b.w + 1 > kAtlasWidth) pen_x = 1, pen_y += shelf + 1, shelf = 0;
        b.x = pen_x, b.y = pen_y;
        pen_x += b.w + 1;
        shelf = std::max(shelf, b.h);
        g.x0 = float(xoff), g.y0 = float(yoff), g.x1 = float(xoff + b.w), g.y1 = float(yoff + b.h);
    }
    font->atlas_height = std::uint32_t(pen_y + shelf + 1);
    font->atlas.assign(std::size_t(kAtlasWidth) * font->atlas_height * 4, 0);
    for (int s = 0; s < kSlots; ++s) {
        Baked& b = baked[s];
        if (!b.sdf) continue;
        for (int y = 0; y < b.h; ++y)
            for (int x = 0; x < b.w; ++x) {
                std::uint8_t* p = &font->atlas[(std::size_t(b.y + y) * kAtlasWidth + std::size_t(b.x + x)) * 4];
                p[0] = p[1] = p[2] = b.sdf[y * b.w + x];
                p[3] = 255;
            }
        Text::Font::Glyph& g = font->glyphs[s];
        g.u0 = float(b.x) / kAtlasWidth, g.v0 = float(b.y) / float(font->atlas_height);
        g.u1 = float(b.x + b.w) / kAtlasWidth, g.v1 = float(b.y + b.h) / float(font->atlas_height);
        stbtt_FreeSDF(b.sdf, nullptr);
    }
    return font;
}

// The next code point of UTF-8 text (a malformed byte reads as U+FFFD and is skipped).
std::uint32_t next_codepoint(std::string_view s, std::size_t& i) {
    const unsigned char c = static_cast<unsigned char>(s[i++]);
    if (c < 0x80) return c;
    const int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
    if (extra < 0) return 0xFFFD;
    std::uint32_t cp = c & (0x3F >> extra);
    for (int k = 0; k < extra; ++k) {
        if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
        cp = cp << 6 | (static_cast<unsigned char>(s[i++]) & 0x3F);
    }
    return cp;
}

}  // namespace

Text::Text() { table_.assign(std::size_t(kMaxGlyphs) * 3 * 4, 0.0f); }

Text::~Text() { delete font_data_; }

Text& Text::text(std::string_view utf8) {
    if (text_ != utf8) text_.assign(utf8.data(), utf8.size());  // keeps its capacity: no allocation
    return *this;
}

Text& Text::font(std::filesystem::path file) {
    if (file != font_) {
        font_ = std::move(file);
        structure_changed();  // read at the next plan
    }
    return *this;
}

Result<void> Text::create(graph::CreateContext& ctx) {
    delete font_data_;
    font_data_ = nullptr;
    atlas_uploaded_to_ = nullptr;
    laid_valid_ = false;
    font_used_ = font_.empty() ? default_font() : font_;
    if (font_used_.empty())
        return make_error("no font file: Loom looks for DejaVu Sans (/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf) "
                          "and LOOM_FONT. Fix: apt-get install fonts-dejavu-core, set LOOM_FONT to a .ttf file, or "
                          "give one with .font(ctx.asset(\"font.ttf\")).");
    auto f = load_font(font_used_);
    if (!f) return f.error();
    font_data_ = f->release();
    auto p = ctx.program(gpu::ProgramDesc{"effects/text.comp", 3, sizeof(Push)});
    if (!p) return p.error();
    program_ = *p;
    return {};
}

bool Text::layout(Extent out) {
    const float key[kLayoutKey] = {font_size_, position_.get().x, position_.get().y, float(int(align_.get())),
                                   spacing_,   tracking_,        float(out.width),  float(out.height)};
    if (laid_valid_ && laid_text_ == text_ && std::equal(key, key + kLayoutKey, laid_)) return false;
    std::copy(key, key + kLayoutKey, laid_);
    laid_text_.assign(text_);  // reuses its capacity once it has grown
    laid_valid_ = true;

    const Font& f = *font_data_;
    const float k = font_size_.get() * float(out.height) / kBakePixels;  // baked pixels -> output pixels
    const float line_height = (f.ascent - f.descent + f.gap) * k * spacing_.get();
    const float track = tracking_.get() * kBakePixels * k;
    float* quads = table_.data();
    float* rects = quads + kMaxGlyphs * 4;
    float* lines = rects + kMaxGlyphs * 4;

    // Line count first: the block is centred on the anchor.
    int total_lines = 1;
    for (char c : text_) total_lines += c == '\n';
    const int shown_lines = std::min(total_lines, kMaxLines);
    const float top = position_.get().y * float(out.height) - 0.5f * line_height * float(shown_lines);
    glyphs_ = lines_ = 0;
    bounds_[0] = bounds_[1] = 1e30f;
    bounds_[2] = bounds_[3] = -1e30f;
    bool cut = total_lines > kMaxLines;
    std::size_t i = 0;
    while (lines_ < shown_lines) {
        // One line: measure, then place.
        const std::size_t begin = i;
        std::size_t end = text_.find('\n', begin);
        if (end == std::string::npos) end = text_.size();
        const std::string_view line(text_.data() + begin, end - begin);
        float width = 0.0f;
        int prev = -1;
        for (std::size_t j = 0; j < line.size();) {
            const int s = glyph_slot(next_codepoint(line, j));
            if (prev >= 0) width += float(stbtt_GetGlyphKernAdvance(&f.info, f.glyphs[prev].index, f.glyphs[s].index)) * f.scale * k + track;
            width += f.glyphs[s].advance * k;
            prev = s;
        }
        const float anchor_x = position_.get().x * float(out.width);
        float pen = align_.get() == TextAlign::Left ? anchor_x : align_.get() == TextAlign::Center ? anchor_x - 0.5f * width : anchor_x - width;
        const float baseline = top + float(lines_) * line_height + (line_height - (f.ascent - f.descent) * k) * 0.5f + f.ascent * k;
        const int first = glyphs_;
        float y0 = 1e30f, y1 = -1e30f;
        prev = -1;
        for (std::size_t j = 0; j < line.size();) {
            const int s = glyph_slot(next_codepoint(line, j));
            const Font::Glyph& g = f.glyphs[s];
            if (prev >= 0) pen += float(stbtt_GetGlyphKernAdvance(&f.info, f.glyphs[prev].index, g.index)) * f.scale * k + track;
            prev = s;
            if (g.x1 > g.x0) {
                if (glyphs_ == kMaxGlyphs) {
                    cut = true;
                    break;
                }
                float* q = quads + glyphs_ * 4;
                q[0] = pen + g.x0 * k, q[1] = baseline + g.y0 * k, q[2] = pen + g.x1 * k, q[3] = baseline + g.y1 * k;
                float* r = rects + glyphs_ * 4;
                r[0] = g.u0, r[1] = g.v0, r[2] = g.u1, r[3] = g.v1;
                y0 = std::min(y0, q[1]), y1 = std::max(y1, q[3]);
                bounds_[0] = std::min(bounds_[0], q[0]), bounds_[1] = std::min(bounds_[1], q[1]);
                bounds_[2] = std::max(bounds_[2], q[2]), bounds_[3] = std::max(bounds_[3], q[3]);
                ++glyphs_;
            }
            pen += g.advance * k;
        }
        float* l = lines + lines_ * 4;
        l[0] = float(first), l[1] = float(glyphs_ - first), l[2] = y0, l[3] = y1;
        ++lines_;
        if (end == text_.size()) break;
        i = end + 1;
    }
    if (cut && !warned_long_)
        spdlog::warn("Text '{}': only the first {} characters and {} lines are drawn. Fix: shorten the text or split it "
                     "over two Text operators.",
                     name(), kMaxGlyphs, kMaxLines);
    warned_long_ = cut;
    return true;
}

void Text::record(graph::RecordContext& ctx) {
    const Font& f = *font_data_;
    gpu::Image* atlas = ctx.scratch(0, {std::uint32_t(kAtlasWidth), f.atlas_height}, VK_FORMAT_R8G8B8A8_UNORM, "text.atlas");
    gpu::Image* table = atlas ? ctx.scratch(1, {std::uint32_t(kMaxGlyphs), 3}, VK_FORMAT_R32G32B32A32_SFLOAT, "text.table") : nullptr;
    if (!table) return;
    if (atlas_uploaded_to_ != static_cast<const void*>(atlas->get())) {
        // Once per font (and again if the atlas image was made anew, e.g. handed over by a reload).
        if (!effects::upload_pixels(ctx, *atlas, f.atlas.data(), f.atlas.size(), "text.atlas.staging")) return;
        atlas_uploaded_to_ = atlas->get();
        table_uploaded_ = false;
    }
    if (layout(ctx.extent()) || !table_uploaded_) {
        // The table through this frame's upload ring: no buffer is made, however often it changes.
        const VkDeviceSize row = VkDeviceSize(kMaxGlyphs) * 16;
        auto slice = ctx.uploads().allocate(row * 3, 16, name().c_str());
        if (!slice) return ctx.fail(slice.message());
        std::memcpy(slice->data, table_.data(), row * 3);
        {
            gpu::BarrierBatch b(ctx.cmd(), ctx.device().counters());
            b.require(*table, gpu::ImageUsage::TransferDst);
        }
        VkBufferImageCopy regions[3]{};
        const std::uint32_t counts[3] = {std::uint32_t(std::max(glyphs_, 1)), std::uint32_t(std::max(glyphs_, 1)),
                                         std::uint32_t(std::max(lines_, 1))};
        for (std::uint32_t r = 0; r < 3; ++r) {
            regions[r].bufferOffset = slice->offset + r * row;
            regions[r].imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
            regions[r].imageOffset = {0, std::int32_t(r), 0};
            regions[r].imageExtent = {counts[r], 1, 1};
        }
        vkCmdCopyBufferToImage(ctx.cmd(), ctx.uploads().buffer().get(), table->get(),
                               VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 3, regions);
        table_uploaded_ = true;
    }
    // SDF units per output pixel: one atlas pixel is kPerPixel / 255, and one output pixel is
    // kBakePixels / (font size in output pixels) atlas pixels.
    const float size_px = font_size_.get() * float(ctx.extent().height);
    Push p{};
    p.color = color_;
    p.background = background_;
    p.bounds = glyphs_ ? glm::vec4(bounds_[0], bounds_[1], bounds_[2], bounds_[3]) : glm::vec4(0.0f);
    p.edge = kPerPixel / 255.0f * kBakePixels / std::max(size_px, 1e-3f);
    p.lines = lines_;
    p.has_input = ctx.input_count() > 0 ? 1 : 0;
    gpu::Image& base = ctx.input_count() ? ctx.input(0) : *atlas;  // bound either way; read only with an input
    ctx.dispatch(*program_,
                 {gpu::ImageBinding{atlas, gpu::SamplerKind::LinearClamp},
                  gpu::ImageBinding{table, gpu::SamplerKind::NearestClamp},
                  gpu::ImageBinding{&base, gpu::SamplerKind::LinearClamp}},
                 ctx.output(), &p, sizeof p);
}

}  // namespace loom
