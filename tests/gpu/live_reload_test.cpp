// Live coding end to end: `loom run --headless --watch` on a copy of tests/projects/live-feedback,
// driven the way a person (or a script) would: edit files, read the event lines, and ask for
// snapshots and stats on stdin.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/base/paths.hpp"
#include "core/io/image_io.hpp"
#include "tests/gpu/loom_process.hpp"

namespace loom::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

void write_text(const fs::path& p, const std::string& text) {
    // As editors do: a new file renamed over the old one.
    ASSERT_TRUE(write_file_atomic(p, text.data(), text.size()));
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) s.replace(at, from.size(), to);
    return s;
}

// The mean colour of a snapshot.
struct Rgb {
    float r = 0, g = 0, b = 0;
};

class LiveReload : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("loom-live-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        fs::copy(source_dir() / "tests" / "projects" / "live-feedback", dir_ / "live-feedback");
        project_ = dir_ / "live-feedback";
        chain_ = *read_file(project_ / "chain.cpp");
        shader_ = *read_file(project_ / "tint.comp");
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::unique_ptr<LoomProcess> start() {
        return std::make_unique<LoomProcess>(std::vector<std::string>{
            (build_dir() / "loom").string(), "run", project_.string(), "--headless", "--watch", "--size", "32x32",
            "--validate"});
    }

    Rgb snapshot(LoomProcess& loom, const std::string& name, std::uint64_t* frame = nullptr) {
        const fs::path file = dir_ / (name + ".png");
        loom.send("snapshot " + file.string());
        const std::string line = loom.wait_for("^snapshot (written|failed)");
        EXPECT_NE(line.find("written"), std::string::npos) << line << "\n" << loom.all_output();
        std::smatch m;
        if (frame && std::regex_search(line, m, std::regex("frame ([0-9]+)"))) *frame = std::stoull(m[1]);
        auto px = io::read_image(file);
        EXPECT_TRUE(px.ok()) << px.message();
        Rgb c;
        if (!px) return c;
        const std::size_t n = px->rgba.size() / 4;
        for (std::size_t i = 0; i < px->rgba.size(); i += 4) c.r += px->rgba[i], c.g += px->rgba[i + 1], c.b += px->rgba[i + 2];
        c.r /= float(n), c.g /= float(n), c.b /= float(n);
        return c;
    }

    struct Stats {
        double objects = -1, gpu_kb = -1, heap_kb = -1;
    };
    Stats stats(LoomProcess& loom) {
        loom.send("stats");
        const std::string line = loom.wait_for("^stats ");
        std::smatch m;
        Stats s;
        if (std::regex_search(line, m, std::regex("objects ([0-9]+) gpu_kb ([0-9]+) heap_kb ([0-9]+)")))
            s.objects = std::stod(m[1]), s.gpu_kb = std::stod(m[2]), s.heap_kb = std::stod(m[3]);
        EXPECT_GE(s.objects, 0) << line;
        return s;
    }

    fs::path dir_, project_;
    std::string chain_, shader_;
};

TEST_F(LiveReload, EditsBreakagesAndCrashesNeverLoseTheRunningChain) {
    auto loom = start();
    ASSERT_NE(loom->wait_for("^watching "), "") << loom->all_output();
    // Let the red trail build up (a loaded machine renders slowly: wait for it, not for a time).
    std::uint64_t frame_a = 0;
    Rgb a;
    for (int i = 0; i < 200 && a.r <= 0.02f; ++i) {
        std::this_thread::sleep_for(100ms);
        a = snapshot(*loom, "a", &frame_a);
    }
    ASSERT_GT(a.r, 0.02f) << "the red trail should have built up";
    EXPECT_LT(a.g, 0.01f);

    // (1) A new colour: it appears, and the trail from before the edit is still there.
    const std::string green = replace(chain_, "{0.002f, 0.0f, 0.0f, 1.0f}", "{0.0f, 0.002f, 0.0f, 1.0f}");
    write_text(project_ / "chain.cpp", green);
    const std::string reloaded = loom->wait_for("^reloaded chain.cpp in");
    ASSERT_NE(reloaded, "") << loom->all_output();
    EXPECT_NE(reloaded.find("3 kept their state"), std::string::npos) << reloaded;
    std::this_thread::sleep_for(300ms);
    const Rgb b = snapshot(*loom, "b");
    EXPECT_GE(b.r, a.r - 0.01f) << "the feedback trail was reset by the reload";
    EXPECT_GT(b.g, 0.01f) << "the new colour did not appear";

    // (2) A syntax error: reported with chain.cpp and its line; the old chain keeps running.
    write_text(project_ / "chain.cpp", replace(green, "(void)ctx;", "(void)ctx oops;"));
    const std::string err = loom->wait_for("chain\\.cpp:[0-9]+:[0-9]+: error:");
    EXPECT_NE(err, "") << loom->all_output();
    EXPECT_NE(err.find("chain.cpp:29:"), std::string::npos) << err;
    const std::string kept = loom->wait_for("^kept the running chain: ");
    EXPECT_NE(kept.find("chain.cpp:29:"), std::string::npos) << "the cause belongs on the line: " << kept;
    std::uint64_t frame_c = 0;
    const Rgb c = snapshot(*loom, "c", &frame_c);
    EXPECT_GT(frame_c, frame_a);
    EXPECT_GT(c.g, b.g) << "frames stopped coming from the old chain";

    // (3) Fixed: the reload succeeds.
    write_text(project_ / "chain.cpp", green);
    EXPECT_NE(loom->wait_for("^reloaded chain.cpp in"), "") << loom->all_output();
    // The same bytes saved again (a reflex Ctrl-S): nothing is rebuilt or reloaded.
    write_text(project_ / "chain.cpp", green);
    EXPECT_NE(loom->wait_for("chain.cpp saved without changes; nothing to reload"), "") << loom->all_output();

    // (4) A broken shader: reported as file:line, the last good pipeline stays.
    write_text(project_ / "tint.comp", replace(shader_, "return texelFetch", "return texelFetchX"));
    EXPECT_NE(loom->wait_for("tint\\.comp:[0-9]+: error"), "") << loom->all_output();
    {
        const std::string out = loom->all_output();
        int reloads = 0;
        for (std::size_t at = 0; (at = out.find("reloaded chain.cpp in", at)) != std::string::npos; ++at) ++reloads;
        EXPECT_EQ(reloads, 2) << "an unchanged save reloaded the chain:\n" << out;
    }
    EXPECT_NE(loom->wait_for("^kept the last good pipeline for tint.comp: .*tint\\.comp:[0-9]+: error"), "");
    const Rgb d = snapshot(*loom, "d");
    EXPECT_FALSE(d.r > 0.9f && d.b > 0.9f && d.g < 0.1f) << "magenta: the operator lost its pipeline";
    EXPECT_GT(d.g, c.g);
    write_text(project_ / "tint.comp", shader_);
    EXPECT_NE(loom->wait_for("^reloaded tint.comp in"), "") << loom->all_output();

    // (5) A null dereference in update(): reported, the chain keeps running, the process lives.
    write_text(project_ / "chain.cpp",
               replace(green, "(void)ctx;", "(void)ctx; volatile int* volatile p = nullptr; *p = 1;"));
    const std::string crash = loom->wait_for("crashed: update\\(\\) crashed at frame [0-9]+: segmentation fault");
    EXPECT_NE(crash, "") << loom->all_output();
    EXPECT_NE(crash.find("live-feedback"), std::string::npos) << crash;
    EXPECT_NE(loom->wait_for("^update\\(\\) crashed at frame [0-9]+: .*the chain runs without update\\(\\) until the next save"),
              "");
    const Rgb e = snapshot(*loom, "e");
    EXPECT_GT(e.g, d.g - 0.01f);

    // (6) Anything thrown from update(), not only std::exception, is reported and survived.
    write_text(project_ / "chain.cpp", replace(green, "(void)ctx;", "(void)ctx; throw 42;"));
    EXPECT_NE(loom->wait_for("update\\(\\) failed at frame [0-9]+: threw 42"), "") << loom->all_output();
    snapshot(*loom, "f");

    loom->send("quit");
    EXPECT_EQ(loom->wait_exit(), 0) << loom->all_output();  // also: the validation layer said nothing
}

TEST_F(LiveReload, FiftyReloadsComeBackToTheBaseline) {
    auto loom = start();
    ASSERT_NE(loom->wait_for("^watching "), "") << loom->all_output();
    // Two versions of chain.cpp: after the first build of each, reloads come from the cache, so
    // this exercises load, swap, hand-over and unload 50 times in a few seconds.
    const std::string v[2] = {replace(chain_, "{0.002f, 0.0f, 0.0f, 1.0f}", "{0.0f, 0.002f, 0.0f, 1.0f}"),
                              replace(chain_, "{0.002f, 0.0f, 0.0f, 1.0f}", "{0.0f, 0.0f, 0.002f, 1.0f}")};
    Stats base;
    for (int i = 0; i < 50; ++i) {
        write_text(project_ / "chain.cpp", v[i % 2]);
        ASSERT_NE(loom->wait_for("^reloaded chain.cpp in"), "") << "reload " << i << "\n" << loom->all_output();
        if (i == 3) {
            std::this_thread::sleep_for(100ms);
            base = stats(*loom);
        }
    }
    std::this_thread::sleep_for(100ms);
    const Stats end = stats(*loom);
    EXPECT_EQ(end.objects, base.objects);
    EXPECT_EQ(end.gpu_kb, base.gpu_kb);
    EXPECT_LE(end.heap_kb, base.heap_kb + 256) << "heap grew by " << end.heap_kb - base.heap_kb << " KB in 46 reloads";
    loom->send("quit");
    EXPECT_EQ(loom->wait_exit(), 0) << loom->all_output();
}

// SIGINT and SIGTERM end a live session cleanly: the frame finishes, --snapshot is written, every
// Vulkan object is released (the validation layer would say otherwise), status 0.
// A picture the chain reads is watched like the code: a new picture shows on the next frame, a
// damaged one is reported with the file and the operator, and the last good picture stays.
TEST_F(LiveReload, PicturesReloadWhenSavedAndADamagedOneKeepsTheLastGood) {
    // A 2x2 picture of one colour.
    const auto solid_png = [](const fs::path& file, float r, float g, float b) {
        io::Pixels px;
        px.width = px.height = 2;
        px.rgba.assign(16, 1.0f);
        for (std::size_t i = 0; i < 16; i += 4) px.rgba[i] = r, px.rgba[i + 1] = g, px.rgba[i + 2] = b;
        ASSERT_TRUE(io::write_png(file, px).ok());
    };
    const auto picture = [&](float r, float g, float b) { solid_png(project_ / "picture.png", r, g, b); };
    picture(1, 0, 0);
    write_text(project_ / "chain.cpp", R"(#include <loom/loom.hpp>
using namespace loom;
void setup(Context& ctx) { ctx.chain().add<Image>("picture").file(ctx.asset("picture.png")); }
void update(Context&) {}
LOOM_CHAIN(setup, update)
)");
    auto loom = start();
    ASSERT_NE(loom->wait_for("^watching "), "") << loom->all_output();
    // A snapshot needs a frame: wait for the first ones (a loaded machine starts slowly).
    for (int i = 0; i < 200; ++i) {
        loom->send("stats");
        std::smatch m;
        const std::string line = loom->wait_for("^stats ");
        if (std::regex_search(line, m, std::regex("frames ([0-9]+)")) && std::stoull(m[1]) >= 2) break;
        std::this_thread::sleep_for(50ms);
    }
    Rgb a = snapshot(*loom, "a");
    EXPECT_GT(a.r, 0.9f);
    EXPECT_LT(a.b, 0.1f);

    picture(0, 0, 1);
    ASSERT_NE(loom->wait_for("^reloaded picture.png in .*\\(1 operator\\)"), "") << loom->all_output();
    Rgb b{};
    for (int i = 0; i < 50 && b.b < 0.9f; ++i) b = snapshot(*loom, "b");  // the next frame shows it
    EXPECT_GT(b.b, 0.9f);
    EXPECT_LT(b.r, 0.1f);

    write_text(project_ / "picture.png", "\x89PNG\r\n\x1a\n damaged");
    const std::string kept = loom->wait_for("^kept the last good file: ");
    EXPECT_NE(kept.find("'picture' (Image)"), std::string::npos) << kept;
    EXPECT_NE(kept.find("picture.png"), std::string::npos) << kept;
    const Rgb c = snapshot(*loom, "c");
    EXPECT_GT(c.b, 0.9f) << "the last good picture should stay";

    // A link to another picture is that picture; a deleted picture is said, the last one stays.
    solid_png(dir_ / "green.png", 0, 1, 0);
    fs::remove(project_ / "picture.png");
    EXPECT_NE(loom->wait_for("^kept the last good file: .*picture.png"), "") << loom->all_output();
    fs::create_symlink(dir_ / "green.png", project_ / "picture.png");
    ASSERT_NE(loom->wait_for("^reloaded picture.png in"), "") << loom->all_output();
    Rgb d{};
    for (int i = 0; i < 50 && d.g < 0.9f; ++i) d = snapshot(*loom, "d");
    EXPECT_GT(d.g, 0.9f);
    loom->send("quit");
}

TEST_F(LiveReload, SignalsStopCleanlyAndWriteTheSnapshot) {
    for (int sig : {SIGINT, SIGTERM}) {
        const fs::path png = dir_ / ("stop-" + std::to_string(sig) + ".png");
        LoomProcess loom({(build_dir() / "loom").string(), "run", project_.string(), "--headless", "--watch", "--size",
                          "32x32", "--validate", "--snapshot", png.string()});
        ASSERT_NE(loom.wait_for("^watching "), "") << loom.all_output();
        std::this_thread::sleep_for(300ms);
        loom.signal(sig);
        EXPECT_EQ(loom.wait_exit(), 0) << loom.all_output();
        EXPECT_NE(loom.all_output().find("stopped after"), std::string::npos) << loom.all_output();
        EXPECT_EQ(loom.all_output().find("device destroyed with"), std::string::npos) << "objects left alive";
        EXPECT_TRUE(io::read_image(png).ok()) << "no snapshot at " << png;
    }
}

// `loom new` makes a project that runs at once, from every template, and never overwrites one.
TEST(NewProject, EveryTemplateRunsAtOnce) {
    const fs::path dir = fs::temp_directory_path() / ("loom-new-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const std::string loom = (build_dir() / "loom").string();
    for (const char* t : {"blank", "noise", "feedback"}) {
        const fs::path p = dir / t;
        EXPECT_EQ(std::system((loom + " new " + p.string() + " --template " + t + " > /dev/null").c_str()), 0) << t;
        const std::string png = (dir / (std::string(t) + ".png")).string();
        const int run = std::system((loom + " run " + p.string() + " --headless --frames 3 --size 64x36 --validate " +
                                     "--snapshot " + png + " > /dev/null 2>&1").c_str());
        EXPECT_EQ(run, 0) << t;
        auto px = io::read_image(png);
        ASSERT_TRUE(px.ok()) << px.message();
        EXPECT_EQ(px->width, 64u);
    }
    // A second `new` into the same folder refuses (usage error) and keeps the file.
    const auto before = read_file(dir / "noise" / "chain.cpp");
    EXPECT_EQ(WEXITSTATUS(std::system((loom + " new " + (dir / "noise").string() + " --template blank 2> /dev/null").c_str())), 1);
    EXPECT_EQ(read_file(dir / "noise" / "chain.cpp"), before);
    fs::remove_all(dir);
}

}  // namespace
}  // namespace loom::test
