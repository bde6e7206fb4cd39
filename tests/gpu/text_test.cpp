// Text: glyphs land where the layout puts them, a text that changes every frame creates nothing,
// and a missing or damaged font fails only the Text operator, with the file and a fix.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/runtime/stats.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

namespace fs = std::filesystem;

class TextTest : public GpuTest {
protected:
    // The columns (x range) where the red channel is above half, or {-1, -1}.
    std::pair<int, int> lit_columns(const io::Pixels& px) {
        int lo = -1, hi = -1;
        for (std::uint32_t y = 0; y < px.height; ++y)
            for (std::uint32_t x = 0; x < px.width; ++x)
                if (px.at(x, y)[0] > 0.5f) {
                    if (lo < 0 || int(x) < lo) lo = int(x);
                    hi = std::max(hi, int(x));
                }
        return {lo, hi};
    }
};

TEST_F(TextTest, GlyphsAreDrawnWhereTheLayoutPutsThem) {
    auto& t = chain().add<Text>("t").size(200, 100).text("HH").font_size(0.5f).color({1, 0, 0, 1}).background(
        {0, 0, 0, 1});
    render();
    ASSERT_FALSE(t.failed()) << t.error();
    const io::Pixels centred = read(t);
    const auto [c0, c1] = lit_columns(centred);
    ASSERT_GE(c0, 0) << "nothing drawn";
    EXPECT_NEAR((c0 + c1) * 0.5, 100.0, 4.0) << "centred";
    EXPECT_GT(c1 - c0, 40) << "two letters wide";
    EXPECT_LT(centred.at(5, 5)[0], 0.01f) << "the background";
    EXPECT_EQ(centred.at(5, 5)[3], 1.0f);
    t.align(TextAlign::Left).position({0.1f, 0.5f});
    render();
    const auto [l0, l1] = lit_columns(read(t));
    EXPECT_NEAR(l0, 20.0, 6.0) << "the line starts at x = 0.1 (plus the H's side bearing)";
    EXPECT_NEAR(l1 - l0, c1 - c0, 1.0) << "the same width";
    t.text("HH\nHH\nHH").font_size(0.25f);
    render();
    const io::Pixels three = read(t);
    int rows = 0;
    bool in = false;
    for (std::uint32_t y = 0; y < three.height; ++y) {
        const bool lit = three.at(std::uint32_t(l0 + 3), y)[0] > 0.5f;
        rows += lit && !in;
        in = lit;
    }
    EXPECT_EQ(rows, 3) << "three lines";
}

TEST_F(TextTest, ACounterThatChangesEveryFrameCreatesNothing) {
    auto& bg = chain().add<SolidColor>("bg").color({0, 0, 0.3f, 1});
    chain().add<Text>("count").input(bg).text("0");
    auto update = [](Context& ctx) { ctx.chain().get<Text>("count").text(std::to_string(ctx.frame() * 7919)); };
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(engine().frame(update).ok());
    const io::Pixels first = read("count");  // (a read-back makes its own objects: outside the count)
    const auto d = counted_frames(20, update);
    EXPECT_EQ(d.objects_created, 0u) << d.to_string();
    EXPECT_EQ(d.descriptor_writes, 0u) << d.to_string();
    const auto cmp = io::compare(read("count"), first, 2.0f / 255.0f);
    EXPECT_GT(cmp.failing_pixels, 0u) << "the text did not change";
    EXPECT_FALSE(chain().find("count")->failed());
}

TEST_F(TextTest, AMissingOrDamagedFontFailsOnlyTheTextWithTheFileAndAFix) {
    const fs::path dir = fs::temp_directory_path() / ("loom-text-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    chain().add<Noise>("noise");
    // The font Loom finds by itself (DejaVu Sans, or LOOM_FONT): the good one, and the bytes the
    // damaged ones are made from.
    auto& probe = chain().add<Text>("probe").text("x");
    chain().output("probe");
    render();
    ASSERT_FALSE(probe.failed()) << probe.error();
    const fs::path good = probe.font_file();
    auto& t = chain().add<Text>("t").text("x").font(dir / "nope.ttf");
    chain().output("noise");
    engine().set_viewed("t");
    render();
    ASSERT_TRUE(t.failed());
    EXPECT_NE(t.error().find("nope.ttf"), std::string::npos) << t.error();
    EXPECT_NE(t.error().find("Fix:"), std::string::npos) << t.error();
    EXPECT_FALSE(chain().find("noise")->failed());

    // A real font cut short, and a file that is no font at all.
    {
        std::ifstream in(good, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        ASSERT_GT(bytes.size(), 4096u) << good;
        std::ofstream(dir / "cut.ttf", std::ios::binary).write(bytes.data(), 4096);
        std::ofstream(dir / "text.ttf") << "this is not a font, just some words in a file";
    }
    for (const char* name : {"cut.ttf", "text.ttf"}) {
        t.font(dir / name);
        render();
        ASSERT_TRUE(t.failed()) << name;
        EXPECT_NE(t.error().find(name), std::string::npos) << t.error();
        EXPECT_NE(t.error().find("not a TrueType/OpenType font or is damaged"), std::string::npos) << t.error();
    }
    // PostScript (CFF) outlines are refused, not drawn wrong: the good font with its GPOS table
    // retagged "CFF ".
    {
        std::ifstream in(good, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::size_t at = bytes.find("GPOS");
        ASSERT_NE(at, std::string::npos);
        ASSERT_LT(at, 12 + 16 * 64u) << "the tag is in the table directory";
        bytes.replace(at, 4, "CFF ");
        std::ofstream(dir / "cff.otf", std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
    }
    t.font(dir / "cff.otf");
    render();
    ASSERT_TRUE(t.failed());
    EXPECT_NE(t.error().find("PostScript (CFF) outlines"), std::string::npos) << t.error();
    t.font(dir);  // a folder
    render();
    ASSERT_TRUE(t.failed());
    EXPECT_NE(t.error().find("is not a file"), std::string::npos) << t.error();
    t.font(good);  // a good one brings it back
    render();
    EXPECT_FALSE(t.failed()) << t.error();
    engine().set_viewed("");
    fs::remove_all(dir);
}

}  // namespace
}  // namespace loom::test
