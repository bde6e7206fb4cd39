// The window, seen from outside: `loom run` in a window on a private Xvfb server, its pixels read
// back from the X server by this test (XGetImage on the root window), not by Loom.
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "core/base/paths.hpp"
#include "core/io/image_io.hpp"
#include "tests/gpu/loom_process.hpp"
#include "tests/gpu/x_server.hpp"

namespace loom::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The bounding box of the pixels within `tol` of `want`.
struct Box {
    int x0 = 1 << 20, y0 = 1 << 20, x1 = -1, y1 = -1;
    int width() const { return x1 - x0 + 1; }
    int height() const { return y1 - y0 + 1; }
};
Box find(const XServer::Shot& s, std::array<int, 3> want, int tol) {
    Box b;
    for (int y = 0; y < s.height; ++y)
        for (int x = 0; x < s.width; ++x) {
            const auto& c = s.at(x, y);
            if (std::abs(c[0] - want[0]) <= tol && std::abs(c[1] - want[1]) <= tol && std::abs(c[2] - want[2]) <= tol) {
                b.x0 = std::min(b.x0, x), b.y0 = std::min(b.y0, y), b.x1 = std::max(b.x1, x), b.y1 = std::max(b.y1, y);
            }
        }
    return b;
}
bool black_row(const XServer::Shot& s, int y, int x0, int x1) {
    for (int x = x0; x <= x1; ++x)
        if (s.at(x, y) != std::array<int, 3>{0, 0, 0}) return false;
    return true;
}

class WindowTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("loom-window-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "solid");
        // One known colour, so the test can find the output on the screen.
        const std::string chain =
            "#include <loom/loom.hpp>\nusing namespace loom;\n"
            "void setup(Context& ctx) { ctx.chain().add<SolidColor>(\"out\").color({0.2f, 0.6f, 0.9f, 1.0f}); }\n"
            "LOOM_CHAIN(setup, nullptr)\n";
        ASSERT_TRUE(write_file_atomic(dir_ / "solid" / "chain.cpp", chain.data(), chain.size()));
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::unique_ptr<LoomProcess> start(const std::string& size, const std::string& window) {
        return std::make_unique<LoomProcess>(std::vector<std::string>{
            (build_dir() / "loom").string(), "run", (dir_ / "solid").string(), "--watch", "--size", size, "--window",
            window, "--validate"});
    }
    fs::path dir_;
};

TEST_F(WindowTest, ShowsTheOutputLetterboxedAndFollowsResizes) {
    XServer x;
    ASSERT_TRUE(x.ok()) << "Xvfb did not start (apt-get install xvfb)";
    auto loom = start("320x120", "320x240");
    ASSERT_NE(loom->wait_for("window: 320x240 showing 320x120"), "") << loom->all_output();
    const std::array<int, 3> colour{51, 153, 230};  // 0.2, 0.6, 0.9 in 8 bits
    Box b;
    for (int i = 0; i < 100 && b.width() != 320; ++i) {  // until the first frames are on screen
        std::this_thread::sleep_for(100ms);
        b = find(x.shot(), colour, 3);
    }
    auto s = x.shot();
    XServer::save(s, dir_.parent_path() / "loom-window-test.png");
    EXPECT_EQ(b.width(), 320);
    EXPECT_EQ(b.height(), 120);
    // Black bars of 60 rows above and below, inside the window.
    ASSERT_GE(b.y0, 60);
    EXPECT_TRUE(black_row(s, b.y0 - 30, b.x0, b.x1));
    EXPECT_TRUE(black_row(s, b.y1 + 30, b.x0, b.x1));

    // A taller window: the output is scaled to the width (1.5x) and centred.
    loom->send("resize 480 480");
    ASSERT_NE(loom->wait_for("^resized the window"), "");
    for (int i = 0; i < 100 && b.width() != 480; ++i) {
        std::this_thread::sleep_for(100ms);
        b = find(x.shot(), colour, 3);
    }
    EXPECT_EQ(b.width(), 480);
    EXPECT_EQ(b.height(), 180);
    loom->send("quit");
    EXPECT_EQ(loom->wait_exit(), 0) << loom->all_output();  // includes: the validation layer said nothing
}

// Tab's overlay, opened at start with --editor: drawn over the output in the window.
TEST_F(WindowTest, EditorOverlayIsDrawnOverTheOutput) {
    XServer x;
    ASSERT_TRUE(x.ok()) << "Xvfb did not start (apt-get install xvfb)";
    auto loom = std::make_unique<LoomProcess>(std::vector<std::string>{
        (build_dir() / "loom").string(), "run", (dir_ / "solid").string(), "--watch", "--size", "800x600",
        "--editor", "--validate"});
    ASSERT_NE(loom->wait_for("info\\] window: "), "") << loom->all_output();
    const std::array<int, 3> colour{51, 153, 230};
    auto count = [&](const XServer::Shot& s) {
        int n = 0;
        for (const auto& c : s.rgb) n += std::abs(c[0] - colour[0]) <= 3 && std::abs(c[1] - colour[1]) <= 3 &&
                                         std::abs(c[2] - colour[2]) <= 3;
        return n;
    };
    // Until the output is on screen; then the overlay's panels cover a good part of it.
    XServer::Shot s;
    for (int i = 0; i < 100; ++i) {
        std::this_thread::sleep_for(100ms);
        s = x.shot();
        if (count(s) > 1000) break;
    }
    std::this_thread::sleep_for(500ms);
    s = x.shot();
    XServer::save(s, dir_.parent_path() / "loom-window-editor.png");
    EXPECT_GT(count(s), 1000) << "the output is not on screen";
    EXPECT_LT(count(s), 800 * 600 * 3 / 4) << "nothing is drawn over the output";
    loom->send("quit");
    EXPECT_EQ(loom->wait_exit(), 0) << loom->all_output();
}

// `loom watch --window --editor`: the leak watch over the window mode with the overlay open.
// (The 10-minute run is a documented command; here a short one checks the verdict and status.)
TEST_F(WindowTest, WatchInAWindowWithTheEditorGivesAVerdict) {
    XServer x;
    ASSERT_TRUE(x.ok()) << "Xvfb did not start (apt-get install xvfb)";
    LoomProcess loom({(build_dir() / "loom").string(), "watch", (dir_ / "solid").string(), "--window", "--editor",
                      "--size", "320x180", "--seconds", "6", "--warmup", "2", "--print-every", "2", "--validate",
                      // Six seconds, on a busy machine or under the sanitizers (whose quarantine
                      // and shadow memory make RSS climb by the gigabyte): heap and RSS are not
                      // judged here; objects and GPU bytes must not grow at all.
                      "--max-heap-kb-per-min", "1e10", "--max-rss-kb-per-min", "1e10"});
    EXPECT_EQ(loom.wait_exit(), 0) << loom.all_output();
    const std::string out = loom.all_output();
    EXPECT_NE(out.find("window: 320x180"), std::string::npos) << out;
    EXPECT_NE(out.find("loom watch: nothing grows"), std::string::npos) << out;
    EXPECT_NE(out.find("objects                     +0.00/min"), std::string::npos) << out;
}

// Many resizes: every swapchain retired, objects and GPU bytes back to where they were.
TEST_F(WindowTest, ResizeChurnComesBackToTheBaseline) {
    XServer x;
    ASSERT_TRUE(x.ok()) << "Xvfb did not start (apt-get install xvfb)";
    auto loom = start("160x90", "320x180");
    ASSERT_NE(loom->wait_for("info\\] window: "), "") << loom->all_output();
    auto stats = [&] {
        std::this_thread::sleep_for(300ms);
        loom->send("stats");
        return loom->wait_for("^stats ");
    };
    auto objects = [](const std::string& line) {
        const auto at = line.find("objects ");
        return at == std::string::npos ? std::string() : line.substr(at, line.find(" heap_kb") - at);
    };
    // The baseline after a few frames: the first ones still hold objects retiring with them
    // (shader modules of new pipelines, staging buffers), which a slow build samples.
    auto frames_of = [](const std::string& line) {
        const auto at = line.find("frames ");
        return at == std::string::npos ? -1 : std::atoi(line.c_str() + at + 7);
    };
    std::string base = stats();
    for (int tries = 0; tries < 100 && frames_of(base) < 10; ++tries) base = stats();
    for (int i = 0; i < 30; ++i) {
        loom->send(i % 2 ? "resize 320 180" : "resize 400 260");
        ASSERT_NE(loom->wait_for("^resized the window"), "");
        std::this_thread::sleep_for(60ms);
    }
    loom->send("resize 320 180");
    const std::string end = stats();
    ASSERT_NE(objects(base), "") << base;
    EXPECT_EQ(objects(end), objects(base)) << base << "\n" << end;  // objects and GPU KB
    auto swapchains = [](const std::string& line) {
        const auto at = line.find("swapchains_created ");
        return at == std::string::npos ? -1 : std::stoi(line.substr(at + 19));
    };
    EXPECT_GE(swapchains(end), swapchains(base) + 10) << "the resizes did not recreate the swapchain\n" << end;
    loom->send("quit");
    EXPECT_EQ(loom->wait_exit(), 0) << loom->all_output();
}

}  // namespace
}  // namespace loom::test
