#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "core/base/paths.hpp"
#include "core/io/image_io.hpp"

using namespace loom::io;

namespace {
Pixels solid(std::uint32_t w, std::uint32_t h, float v) {
    Pixels p;
    p.width = w;
    p.height = h;
    p.rgba.assign(std::size_t(w) * h * 4, v);
    return p;
}
std::filesystem::path tmp(const char* name) {
    return std::filesystem::temp_directory_path() / ("loom-test-" + std::to_string(::getpid()) + "-" + name);
}
}  // namespace

TEST(ImageIo, PngRoundTripClampsToEightBits) {
    Pixels p = solid(3, 2, 0.5f);
    p.at(0, 0)[0] = 2.0f;   // tone-clamped to 1
    p.at(1, 0)[1] = -1.0f;  // to 0
    const auto path = tmp("roundtrip.png");
    ASSERT_TRUE(write_png(path, p).ok());
    auto r = read_image(path);
    ASSERT_TRUE(r.ok()) << r.message();
    EXPECT_EQ(r->width, 3u);
    EXPECT_EQ(r->height, 2u);
    EXPECT_FLOAT_EQ(r->at(0, 0)[0], 1.0f);
    EXPECT_FLOAT_EQ(r->at(1, 0)[1], 0.0f);
    EXPECT_NEAR(r->at(2, 1)[2], 128.0f / 255.0f, 1e-6);
    std::filesystem::remove(path);
}

// Readbacks hold the chain's premultiplied values; files and to_rgba8() get straight alpha. No
// alpha keeps rgb; alpha above 1 counts as 1. premultiply() is the way in, once.
TEST(ImageIo, PremultipliedPixelsGoOutStraight) {
    Pixels p = solid(3, 1, 0.0f);
    p.premultiplied = true;
    const float in[3][4] = {{0.25f, 0.1f, 0.5f, 0.5f}, {0.3f, 0.0f, 0.0f, 0.0f}, {0.6f, 0.2f, 0.4f, 2.0f}};
    for (std::uint32_t x = 0; x < 3; ++x) std::copy(in[x], in[x] + 4, p.at(x, 0));
    std::vector<std::uint8_t> bytes;
    to_rgba8(p, bytes);
    const std::uint8_t want[12] = {128, 51, 255, 128, 77, 0, 0, 0, 153, 51, 102, 255};
    for (int i = 0; i < 12; ++i) EXPECT_EQ(bytes[i], want[i]) << "byte " << i;
    // The same values, straight (a file), compare equal to the premultiplied ones.
    Pixels s = solid(3, 1, 0.0f);
    const float straight[3][4] = {{0.5f, 0.2f, 1.0f, 0.5f}, {0.3f, 0.0f, 0.0f, 0.0f}, {0.6f, 0.2f, 0.4f, 1.0f}};
    for (std::uint32_t x = 0; x < 3; ++x) std::copy(straight[x], straight[x] + 4, s.at(x, 0));
    EXPECT_EQ(compare(p, s, 0.0f).failing_pixels, 0u);
    // Compared premultiplied: in a nearly transparent pixel a colour far off is a small difference.
    Pixels faint = solid(1, 1, 0.0f), faint_off = solid(1, 1, 0.0f);
    faint.at(0, 0)[3] = faint_off.at(0, 0)[3] = 2.0f / 255.0f;
    faint.at(0, 0)[0] = 0.2f;
    faint_off.at(0, 0)[0] = 0.9f;
    EXPECT_EQ(compare(faint, faint_off, 5.0f / 255.0f).failing_pixels, 0u);
    premultiply(s);
    EXPECT_TRUE(s.premultiplied);
    EXPECT_FLOAT_EQ(s.at(0, 0)[0], 0.25f);
    premultiply(s);  // already: unchanged
    EXPECT_FLOAT_EQ(s.at(0, 0)[0], 0.25f);
}

TEST(ImageIo, CorruptFileGivesAClearError) {
    const auto path = tmp("corrupt.png");
    const char junk[] = "\x89PNG\r\n\x1a\nthis is not really a png";
    ASSERT_TRUE(loom::write_file_atomic(path, junk, sizeof junk));
    auto r = read_image(path);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find(path.string()), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("Fix"), std::string::npos) << r.message();
    std::filesystem::remove(path);
    auto missing = read_image(tmp("missing.png"));
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.message().find("no such file"), std::string::npos);
}

// A 74-byte PNG whose header claims 10000x10000 (1.6 GB as floats) is refused from the header,
// before anything is allocated for it.
TEST(ImageIo, AnImageLargerThanTheLimitIsRefusedFromItsHeader) {
    const std::string hex =
        "89504e470d0a1a0a0000000d4948445200002710000027100806000000ba4e62270000001149444154789c636018"
        "05a360140c77000003e80001b3a6d3460000000049454e44ae426082";
    std::string bytes;
    for (std::size_t i = 0; i < hex.size(); i += 2) bytes += char(std::stoi(hex.substr(i, 2), nullptr, 16));
    const auto path = tmp("huge.png");
    ASSERT_TRUE(loom::write_file_atomic(path, bytes.data(), bytes.size()));
    const auto r = read_image(path);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find("10000x10000"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("Fix: scale it down"), std::string::npos) << r.message();
    std::filesystem::remove(path);
}

TEST(ImageIo, CompareCountsPixelsOverTolerance) {
    Pixels a = solid(10, 10, 0.5f), b = solid(10, 10, 0.5f);
    for (Pixels* p : {&a, &b})
        for (std::size_t i = 3; i < p->rgba.size(); i += 4) p->rgba[i] = 1.0f;  // opaque
    b.at(3, 3)[0] = 0.5f + 4.0f / 255.0f;   // within 5/255
    b.at(4, 4)[1] = 0.5f + 10.0f / 255.0f;  // beyond
    Pixels diff;
    auto r = compare(a, b, 5.0f / 255.0f, &diff);
    EXPECT_EQ(r.failing_pixels, 1u);
    EXPECT_EQ(r.total_pixels, 100u);
    EXPECT_NEAR(r.max_channel_diff, 10.0f / 255.0f, 1e-6);
    EXPECT_FLOAT_EQ(diff.at(4, 4)[0], 1.0f);  // red marks the failing pixel
    EXPECT_FLOAT_EQ(diff.at(4, 4)[1], 0.0f);
    // A size mismatch fails everything.
    EXPECT_GT(compare(a, solid(5, 5, 0.5f), 1.0f).failing_pixels, 0u);
}

TEST(ImageIo, GoldenCheckWritesActualAndDiffOnlyWhenItFails) {
    const auto dir = std::filesystem::temp_directory_path() / ("loom-golden-" + std::to_string(::getpid()));
    const auto ref = dir / "ref.png";
    ASSERT_TRUE(write_png(ref, solid(10, 10, 0.5f)).ok());
    Pixels close = solid(10, 10, 0.5f), far = solid(10, 10, 0.5f);
    close.at(1, 1)[0] = 0.6f;  // 1 pixel of 100 off: within 1%
    auto ok = check_golden(close, ref, 5.0f / 255.0f, 0.01, dir / "out", "close");
    ASSERT_TRUE(ok.ok()) << ok.message();
    EXPECT_TRUE(ok->passed);
    EXPECT_EQ(ok->compare.failing_pixels, 1u);
    EXPECT_FALSE(std::filesystem::exists(dir / "out" / "close.actual.png"));

    far.at(1, 1)[0] = far.at(2, 2)[0] = 0.6f;  // 2 of 100: over 1%
    auto bad = check_golden(far, ref, 5.0f / 255.0f, 0.01, dir / "out", "far");
    ASSERT_TRUE(bad.ok()) << bad.message();
    EXPECT_FALSE(bad->passed);
    EXPECT_EQ(bad->actual_file, dir / "out" / "far.actual.png");
    EXPECT_TRUE(std::filesystem::exists(bad->actual_file));
    EXPECT_TRUE(std::filesystem::exists(bad->diff_file));

    auto size = check_golden(solid(5, 5, 0.5f), ref, 1.0f, 1.0, dir / "out", "size");
    ASSERT_FALSE(size.ok());
    EXPECT_NE(size.message().find("5x5"), std::string::npos) << size.message();
    EXPECT_NE(size.message().find("10x10"), std::string::npos) << size.message();
    EXPECT_FALSE(check_golden(close, dir / "missing.png", 1.0f, 1.0, dir / "out", "missing").ok());
    std::filesystem::remove_all(dir);
}

// A PNG that cannot be written names the path and the system's reason, and leaves nothing
// behind: no partial PNG, no temporary file.
TEST(ImageIo, UnwritablePathsSayWhyAndLeaveNothing) {
    Pixels px;
    px.width = px.height = 2;
    px.rgba.assign(16, 0.5f);
    auto r = write_png("/proc/loom-cannot-be-here/a.png", px);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find("/proc/loom-cannot-be-here/a.png: No such file or directory"), std::string::npos)
        << r.message();
    // Renaming over a folder fails after the data was written: the temporary file goes too.
    const auto dir = std::filesystem::temp_directory_path() / ("loom-atomic-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "taken.png" / "inside");
    auto w = write_png(dir / "taken.png", px);
    ASSERT_FALSE(w.ok());
    EXPECT_NE(w.message().find("taken.png: "), std::string::npos) << w.message();
    std::size_t entries = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) entries += e.path().filename() != "taken.png";
    EXPECT_EQ(entries, 0u) << "a temporary file was left in " << dir;
    std::filesystem::remove_all(dir);
}

// A snapshot path that is a symbolic link writes through it: the link stays, its target changes.
TEST(ImageIo, WritingThroughASymlinkKeepsTheLink) {
    const auto dir = std::filesystem::temp_directory_path() / ("loom-link-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    Pixels px;
    px.width = px.height = 2;
    px.rgba.assign(16, 0.25f);
    ASSERT_TRUE(write_png(dir / "real.png", px).ok());
    std::filesystem::create_symlink("real.png", dir / "link.png");
    px.rgba.assign(16, 0.75f);
    ASSERT_TRUE(write_png(dir / "link.png", px).ok());
    EXPECT_TRUE(std::filesystem::is_symlink(dir / "link.png"));
    auto back = read_image(dir / "real.png");
    ASSERT_TRUE(back.ok()) << back.message();
    EXPECT_NEAR(back->rgba[0], 0.75f, 1.0f / 255.0f);
    std::filesystem::remove_all(dir);
}
