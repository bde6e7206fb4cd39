// The `loom` command line as scripts and render farms use it: statuses, messages, what is on
// disk after a stop.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "core/base/paths.hpp"
#include "core/io/image_io.hpp"
#include "tests/gpu/loom_process.hpp"

namespace loom::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class CommandLine : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("loom-cli-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    // Runs loom to the end; its status and output.
    std::pair<int, std::string> loom(std::vector<std::string> args) {
        args.insert(args.begin(), (build_dir() / "loom").string());
        LoomProcess p(args);
        const int status = p.wait_exit();
        return {status, p.all_output()};
    }
    std::string project() const { return (source_dir() / "tests" / "projects" / "live-feedback").string(); }
    fs::path dir_;
};

// Usage mistakes: status 1 and a message that names the flag, the value and what is allowed;
// nothing is rendered.
TEST_F(CommandLine, UsageMistakesExitOneWithAReadableMessage) {
    const std::string p = project();
    struct Case {
        std::vector<std::string> args;
        std::string says;
    };
    const std::vector<Case> cases = {
        {{}, "give a command: run, watch, render"},
        {{"bogus"}, "'bogus' is not a command"},
        {{"run", p, "--headless", "--frames", "0"}, "--frames: must be a whole number of at least 1 (got '0')"},
        {{"run", p, "--headless", "--frames", "-1"}, "(got '-1')"},
        {{"run", p, "--headless", "--frames", "1.5"}, "(got '1.5')"},
        {{"run", p, "--headless", "--frames", "99999999999"}, "(got '99999999999')"},
        {{"watch", p, "--seconds", "0"}, "--seconds: must be a number above 0"},
        {{"run", p, "--headless", "--fps", "nan"}, "--fps: must be a number above 0"},
        {{"run", p, "--headless", "--size", "-5x10"}, "is not WIDTHxHEIGHT in whole pixels"},
        {{"run", p, "--headless", "--size", "4294967297x10"}, "at most 65536 pixels per side"},
        {{"run", p, "--headless", "--size", "0x10"}, "both sides must be at least 1 pixel"},
        {{"run", p, "--headless", "--snapshot-frame", "-1", "--snapshot", "x.png"}, "--snapshot-frame: must be a whole number, 0 or more"},
        {{"run", p, "--headless", "--snapshot-op", "blur"}, "no --snapshot FILE was given"},
        {{"run", p, "--headless", "--editor"}, "--editor is for a window"},
        {{"run", p + "/tint.comp", "--headless"}, "is a file; a project is the folder that holds chain.cpp"},
        {{"render", p, "--frames", "9-3", "--out", "x"}, "the first frame (9) is after the last (3)"},
        {{"watch", p, "--editor"}, "--editor watches the editor overlay, which needs --window"},
        {{"run", p, "--headless", "--frames", "2000000000"}, "--frames: must be at most 1000000000"},
        {{"run", p, "--window", "0x0"}, "--window 0x0: both sides must be at least 1 pixel"},
        {{"run", p, "--headless", "--snapshot", "x.jpg"}, "Loom writes PNG files"},
        {{"run", p, "--headless", "--snapshot", ""}, "--snapshot needs a file name"},
        {{"render", p, "--frames", "0-1", "--out", "q/%05d"}, "end the pattern in .png"},
        {{"watch", p, "--seconds", "2", "--warmup", "5"}, "--warmup 5 s is not shorter than --seconds 2 s"},
        {{"run", p + "/no-such-folder", "--headless"}, "does not exist. Fix: pass a folder with chain.cpp"},
        {{"render", dir_.string(), "--frames", "0", "--out", (dir_ / "f-%05d.png").string()}, "has no chain.cpp. Fix: create chain.cpp"},
        {{"run", "", "--headless"}, "the project is an empty name"},
        {{"new", ""}, "loom new needs a folder name"},
        {{"operators", "NoSuchOperator"}, "there is no operator 'NoSuchOperator'. Fix: use one of Gradient"},
        {{"operators", "--json", "--markdown"}, "Fix: give one of them"},
        {{"operators", "--size", "64x64"}, "no --thumbnails FOLDER was given"},
        {{"operators", "--thumbnails", "x", "--size", "64x0"}, "both sides must be at least 1 pixel"},
    };
    for (const auto& c : cases) {
        auto [status, out] = loom(c.args);
        std::string cmd;
        for (const auto& a : c.args) cmd += a + " ";
        EXPECT_EQ(status, 1) << cmd << "\n" << out;
        EXPECT_NE(out.find(c.says), std::string::npos) << cmd << "\n" << out;
        EXPECT_EQ(out.find("[info] device:"), std::string::npos) << cmd << ": a device was opened for a usage mistake\n" << out;
    }
}

// docs/OPERATORS.md is what `loom operators --markdown` prints (tools/operator-docs.sh rewrites
// it), and every thumbnail it shows is there; one operator and the JSON list name the parameters.
TEST_F(CommandLine, OperatorsListingMatchesDocsOperatorsMd) {
    auto [status, md] = loom({"operators", "--markdown"});
    ASSERT_EQ(status, 0) << md;
    const auto doc = read_file(source_dir() / "docs" / "OPERATORS.md");
    ASSERT_TRUE(doc.has_value());
    EXPECT_EQ(md, *doc) << "docs/OPERATORS.md is out of date: run tools/operator-docs.sh (make docs)";
    for (std::size_t at = md.find("src=\"operators/"); at != std::string::npos; at = md.find("src=\"operators/", at + 1)) {
        const std::string file = md.substr(at + 5, md.find('"', at + 5) - at - 5);
        EXPECT_TRUE(fs::is_regular_file(source_dir() / "docs" / file)) << file;
    }
    auto [s1, blur] = loom({"operators", "blur"});
    EXPECT_EQ(s1, 0) << blur;
    EXPECT_NE(blur.find("Blur — "), std::string::npos) << blur;
    EXPECT_NE(blur.find("sigma"), std::string::npos) << blur;
    EXPECT_EQ(blur.find("Bloom"), std::string::npos) << blur;
    auto [s2, json] = loom({"operators", "--json"});
    EXPECT_EQ(s2, 0) << json;
    EXPECT_EQ(json.front(), '[');
    EXPECT_NE(json.find("{\"type\": \"Shape\", \"category\": \"generator\""), std::string::npos) << json;
    EXPECT_NE(json.find("{\"name\": \"type\", \"type\": \"enum\", \"default\": 0, \"min\": 0, \"max\": 7, "
                        "\"labels\": [\"circle\""),
              std::string::npos)
        << json;
}

// --snapshot-op works for any operator, also one the output does not need (it is rendered for
// the snapshot).
TEST_F(CommandLine, SnapshotOfAnOperatorTheOutputDoesNotUse) {
    const std::string chain = R"(#include <loom/loom.hpp>
using namespace loom;
void setup(Context& ctx) {
    ctx.chain().add<SolidColor>("side").color({0.0f, 1.0f, 0.0f, 1.0f});
    ctx.chain().add<SolidColor>("main").color({1.0f, 0.0f, 0.0f, 1.0f});
    ctx.chain().output("main");
}
LOOM_CHAIN(setup, nullptr)
)";
    ASSERT_TRUE(write_file_atomic(dir_ / "chain.cpp", chain.data(), chain.size()));
    const fs::path png = dir_ / "side.png";
    auto [status, out] = loom({"run", dir_.string(), "--headless", "--frames", "2", "--size", "8x8", "--snapshot",
                               png.string(), "--snapshot-op", "side"});
    ASSERT_EQ(status, 0) << out;
    auto px = io::read_image(png);
    ASSERT_TRUE(px.ok()) << px.message();
    EXPECT_GT(px->at(4, 4)[1], 0.99f);
    EXPECT_LT(px->at(4, 4)[0], 0.01f);
}

// A chain that does not compile (an input naming no operator) ends a headless run with status
// 2 and the message naming the input, the name and the fix; no stats line claims a frame.
TEST_F(CommandLine, AChainThatDoesNotCompileExitsTwoWithoutAStatsLine) {
    const std::string chain = R"(#include <loom/loom.hpp>
using namespace loom;
void setup(Context& ctx) {
    ctx.chain().add<SolidColor>("a");
    ctx.chain().add<Invert>("out").input("nowhere");
    ctx.chain().output("out");
}
LOOM_CHAIN(setup, nullptr)
)";
    ASSERT_TRUE(write_file_atomic(dir_ / "chain.cpp", chain.data(), chain.size()));
    auto [status, out] = loom({"run", dir_.string(), "--headless", "--frames", "3", "--size", "8x8"});
    EXPECT_EQ(status, 2) << out;
    EXPECT_NE(out.find("'nowhere', which is not in the chain"), std::string::npos) << out;
    EXPECT_NE(out.find("Fix:"), std::string::npos) << out;
    EXPECT_EQ(out.find("frames 8x8"), std::string::npos) << "a stats line for frames never rendered:\n" << out;
}

// A project's value operator drives a parameter in a headless run (frame N is the same image on
// every run: the LFO follows the fixed-step clock); it has no image to snapshot.
TEST_F(CommandLine, AProjectsValueOperatorDrivesAParameter) {
    const std::string chain = R"(#include <loom/loom.hpp>
using namespace loom;
void setup(Context& ctx) {
    auto& ramp = ctx.chain().add<LFO>("ramp").shape(LfoShape::Saw).frequency(0.5f).amplitude(0.5f).offset(0.5f);
    ctx.chain().add<SolidColor>("solid").color({0.0f, 0.0f, 0.0f, 1.0f}).drive("color", ramp, 1);
}
LOOM_CHAIN(setup, nullptr)
)";
    ASSERT_TRUE(write_file_atomic(dir_ / "chain.cpp", chain.data(), chain.size()));
    const fs::path png = dir_ / "solid.png";
    // 30 frames at 60 fps: the last is at t = 29/60 s, where the saw is 0.5 * (2 * 29/120 - 1) + 0.5.
    auto [status, out] = loom({"run", dir_.string(), "--headless", "--frames", "30", "--size", "8x8", "--snapshot",
                               png.string()});
    ASSERT_EQ(status, 0) << out;
    auto px = io::read_image(png);
    ASSERT_TRUE(px.ok()) << px.message();
    EXPECT_NEAR(px->at(4, 4)[1], 29.0f / 120.0f, 1.0f / 255.0f);
    EXPECT_LT(px->at(4, 4)[0], 0.01f);
    auto [s2, o2] = loom({"run", dir_.string(), "--headless", "--frames", "1", "--size", "8x8", "--snapshot",
                          png.string(), "--snapshot-op", "ramp"});
    EXPECT_EQ(s2, 1) << o2;
    EXPECT_NE(o2.find("'ramp' is a value operator (LFO), which has no image"), std::string::npos) << o2;
}

// Checked once the device and the chain are known, still before any frame: the device's size
// limit (not blamed on an operator) and an unknown --snapshot-op (with the chain's names).
TEST_F(CommandLine, DeviceLimitAndSnapshotOperatorAreCheckedBeforeRendering) {
    auto [status, out] = loom({"run", project(), "--headless", "--size", "65000x10"});
    EXPECT_EQ(status, 1) << out;
    EXPECT_NE(out.find("--size 65000x10 is beyond the limit of"), std::string::npos) << out;
    EXPECT_EQ(out.find("operator"), std::string::npos) << "blamed on an operator:\n" << out;
    auto [s2, o2] = loom({"run", project(), "--headless", "--snapshot", (dir_ / "x.png").string(), "--snapshot-op",
                          "nosuch"});
    EXPECT_EQ(s2, 1) << o2;
    EXPECT_NE(o2.find("'nosuch' is not an operator of"), std::string::npos) << o2;
    EXPECT_NE(o2.find("(its operators: "), std::string::npos) << o2;
    EXPECT_EQ(o2.find("frames"), std::string::npos) << "frames were rendered first:\n" << o2;
    // The project given as its chain.cpp runs.
    auto [s3, o3] = loom({"run", project() + "/chain.cpp", "--headless", "--frames", "2", "--size", "16x16"});
    EXPECT_EQ(s3, 0) << o3;
    auto [s4, o4] = loom({"--version"});
    EXPECT_EQ(s4, 0);
    EXPECT_EQ(o4.rfind("loom ", 0), 0u) << o4;
}

TEST_F(CommandLine, RenderToASingleFileNameIsRefusedWithAPattern) {
    auto [status, out] = loom({"render", project(), "--frames", "0-2", "--size", "32x32", "--out",
                               (dir_ / "frame.png").string()});
    EXPECT_EQ(status, 1) << out;
    EXPECT_NE(out.find("frame-%05d.png"), std::string::npos) << out;
    EXPECT_FALSE(fs::exists(dir_ / "frame.png")) << "a folder named frame.png was made";
}

// Ctrl-C during a render: the frame in flight finishes, status 130, and the message says which
// frames are on disk and which --frames range finishes the set; those frames are all there.
TEST_F(CommandLine, InterruptedRenderSaysWhatWasWrittenAndHowToResume) {
    LoomProcess p({(build_dir() / "loom").string(), "render", project(), "--frames", "0-100000", "--size", "32x32",
                   "--out", (dir_ / "f-%05d.png").string()});
    for (int i = 0; i < 600 && !fs::exists(dir_ / "f-00005.png"); ++i) std::this_thread::sleep_for(50ms);
    ASSERT_TRUE(fs::exists(dir_ / "f-00005.png")) << p.all_output();
    p.signal(SIGINT);
    EXPECT_EQ(p.wait_exit(), 130) << p.all_output();
    const std::string line = p.wait_for("frames 0-[0-9]+ of 0-100000 were written", 10s);
    ASSERT_NE(line, "") << p.all_output();
    const auto last = std::stoull(line.substr(line.find("frames 0-") + 9));
    EXPECT_NE(p.wait_for("run again with --frames " + std::to_string(last + 1) + "-100000", 10s), "") << p.all_output();
    for (std::uint64_t f = 0; f <= last; ++f) {
        char name[32];
        std::snprintf(name, sizeof name, "f-%05llu.png", static_cast<unsigned long long>(f));
        ASSERT_TRUE(io::read_image(dir_ / name).ok()) << name << " is missing or broken";
    }
    char next[32];
    std::snprintf(next, sizeof next, "f-%05llu.png", static_cast<unsigned long long>(last + 1));
    EXPECT_FALSE(fs::exists(dir_ / next)) << "a frame beyond the reported range is on disk";
}

// Ctrl-C during `watch`: the samples so far are judged and the CSV is written.
TEST_F(CommandLine, InterruptedWatchStillWritesItsCsv) {
    const fs::path csv = dir_ / "watch.csv";
    LoomProcess p({(build_dir() / "loom").string(), "watch", project(), "--size", "32x32", "--seconds", "600",
                   "--warmup", "0", "--interval", "0.2", "--csv", csv.string()});
    ASSERT_NE(p.wait_for("info\\] device: ", 60s), "") << p.all_output();
    std::this_thread::sleep_for(2s);
    p.signal(SIGINT);
    const int status = p.wait_exit();
    EXPECT_TRUE(status == 0 || status == 5) << status << "\n" << p.all_output();
    EXPECT_NE(p.all_output().find("stopped after"), std::string::npos) << p.all_output();
    auto text = read_file(csv);
    ASSERT_TRUE(text.has_value()) << "no CSV at " << csv;
    EXPECT_GT(std::count(text->begin(), text->end(), '\n'), 3) << *text;
}

}  // namespace
}  // namespace loom::test
