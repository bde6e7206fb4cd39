// FrameRecorder: numbered PNGs (and a video when ffmpeg is there), written on its worker.
#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "core/io/frame_recorder.hpp"

namespace loom::io {
namespace {

namespace fs = std::filesystem;

Pixels solid(std::uint32_t w, std::uint32_t h, float v) {
    Pixels p;
    p.width = w;
    p.height = h;
    p.rgba.assign(std::size_t(w) * h * 4, v);
    return p;
}

TEST(FramePattern, FoldersPatternsAndFileNames) {
    EXPECT_EQ(*frame_pattern("out", "--out"), "out/%05llu.png");
    EXPECT_EQ(*frame_pattern("out/f-%03d.png", "--out"), "out/f-%03llu.png");
    EXPECT_EQ(*frame_pattern("100%%/f%d.png", "--out"), "100%%/f%llu.png");
    auto file = frame_pattern("out/frame.PNG", "--out");
    ASSERT_FALSE(file.ok());
    EXPECT_NE(file.message().find("out/frame-%05d.png"), std::string::npos) << file.message();
    EXPECT_FALSE(frame_pattern("out/%d-%d.png", "--out").ok());
    EXPECT_FALSE(frame_pattern("out/%s.png", "--out").ok());
}

TEST(FrameRecorder, WritesEveryFrameInOrderAndSaysWhich) {
    const fs::path dir = fs::temp_directory_path() / ("loom-rec-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    FrameRecorder::Options o;
    o.png_pattern = *frame_pattern((dir / "png").string(), "--out");
    o.queue = 2;
    auto rec = FrameRecorder::open(o);
    ASSERT_TRUE(rec.ok()) << rec.message();
    for (std::uint64_t f = 10; f < 30; ++f) ASSERT_TRUE((*rec)->write(f, solid(8, 4, float(f) / 40.0f)).ok());
    ASSERT_TRUE((*rec)->finish().ok());
    EXPECT_EQ((*rec)->written(), 20u);
    EXPECT_EQ((*rec)->first_written(), 10u);
    EXPECT_EQ((*rec)->last_written(), 29u);
    EXPECT_EQ((*rec)->describe(), (dir / "png" / "%05d.png").string());
    for (std::uint64_t f = 10; f < 30; ++f) {
        auto px = read_image(frame_path(o.png_pattern, f));
        ASSERT_TRUE(px.ok()) << px.message();
        EXPECT_NEAR(px->rgba[0], float(f) / 40.0f, 1.0f / 255.0f);
    }
    fs::remove_all(dir);
}

TEST(FrameRecorder, AnUnwritableFolderIsAClearError) {
    FrameRecorder::Options o;
    o.png_pattern = "/proc/loom-cannot-be-here/%05llu.png";
    auto rec = FrameRecorder::open(o);
    ASSERT_FALSE(rec.ok());
    EXPECT_NE(rec.message().find("/proc/loom-cannot-be-here"), std::string::npos) << rec.message();
}

// With ffmpeg: a video of the frames' size; a frame of another size is refused. Without it:
// the error says to install it.
TEST(FrameRecorder, VideoThroughFfmpegOrAClearErrorWithoutIt) {
    const fs::path dir = fs::temp_directory_path() / ("loom-vid-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    FrameRecorder::Options o;
    o.video = dir / "out.mp4";
    o.fps = 30;
    auto rec = FrameRecorder::open(o);
    if (!FrameRecorder::ffmpeg_available()) {
        ASSERT_FALSE(rec.ok());
        EXPECT_NE(rec.message().find("apt-get install ffmpeg"), std::string::npos) << rec.message();
        return;
    }
    ASSERT_TRUE(rec.ok()) << rec.message();
    for (int f = 0; f < 10; ++f) ASSERT_TRUE((*rec)->write(std::uint64_t(f), solid(64, 36, 0.5f)).ok());
    ASSERT_TRUE((*rec)->finish().ok());
    EXPECT_EQ((*rec)->written(), 10u);
    EXPECT_GT(fs::file_size(o.video), 0u);
    auto again = FrameRecorder::open(o);
    ASSERT_TRUE(again.ok());
    ASSERT_TRUE((*again)->write(0, solid(64, 36, 0.5f)).ok());
    (void)(*again)->write(1, solid(32, 36, 0.5f));
    auto r = (*again)->finish();
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find("a video keeps one size"), std::string::npos) << r.message();
    fs::remove_all(dir);
}

}  // namespace
}  // namespace loom::io
