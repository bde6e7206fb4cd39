// Bad input gets a clear error naming the thing, the value and the fix; the engine keeps running
// the last good state and nothing crashes.
#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/base/crash_guard.hpp"
#include "core/base/paths.hpp"
#include "core/gpu/vk.hpp"
#include "core/runtime/project_host.hpp"
#include "tests/gpu/gpu_test.hpp"
#include "tests/gpu/test_ops.hpp"

namespace loom::test {
namespace {

class Errors : public GpuTest {
protected:
    void good_chain() {
        auto& n = chain().add<Noise>("noise").scale(2.0f);
        chain().add<HSV>("hsv").input(n).hue_shift(0.3f);
        chain().output("hsv");
        render(2);
        good_ = read("hsv");
    }
    // The output still renders what the last good chain rendered.
    void expect_last_good_state() {
        auto px = read("hsv");
        auto r = io::compare(px, good_, 1.0f / 255.0f);
        EXPECT_EQ(r.failing_pixels, 0u);
        EXPECT_NE(engine().runtime().plan(), nullptr);
    }
    io::Pixels good_;
};

TEST_F(Errors, CycleIntroducedAtRunTimeKeepsTheLastGoodChain) {
    good_chain();
    auto r = engine().frame([](Context& ctx) {
        auto& c = ctx.chain();
        c.add<Blur>("a").input("b");
        c.add<Blur>("b").input("a");
        c.get<HSV>("hsv").input("a");
    });
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find("cycle"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("a -> b -> a"), std::string::npos) << r.message();
    // The next frames run the last good chain without repeating the error.
    EXPECT_TRUE(engine().frame().ok());
    expect_last_good_state();
}

TEST_F(Errors, UnknownInputKeepsTheLastGoodChain) {
    good_chain();
    auto r = engine().frame([](Context& ctx) { ctx.chain().get<HSV>("hsv").input("nosie"); });
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find("'hsv' (HSV): input 0 names 'nosie'"), std::string::npos) << r.message();
    expect_last_good_state();
    // Fixing it recovers.
    ASSERT_TRUE(engine().frame([](Context& ctx) { ctx.chain().get<HSV>("hsv").input("noise"); }).ok());
}

// An operator that needs two inputs and got one says how to give both.
TEST_F(Errors, MissingSecondInputSaysHowToConnectIt) {
    good_chain();
    auto r = engine().frame([](Context& ctx) { ctx.chain().add<Lookup>("lut").input("noise"); });
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find("'lut' (Lookup)"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("Fix: connect them all with .inputs({&a, &b}), or one more with .input(1, op)."),
              std::string::npos)
        << r.message();
    expect_last_good_state();
}

TEST_F(Errors, SizeZeroAndBeyondTheDeviceLimit) {
    good_chain();
    auto r = engine().frame([](Context& ctx) { ctx.chain().get<Noise>("noise").size(0, 64); });
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find("'noise' (Noise) has size 0x64"), std::string::npos) << r.message();
    expect_last_good_state();

    const auto limit = engine().device().limits().maxImageDimension2D;
    r = engine().frame([&](Context& ctx) { ctx.chain().get<Noise>("noise").size(limit + 1, 64); });
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find(std::to_string(limit + 1) + "x64"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("limit of " + std::to_string(limit)), std::string::npos) << r.message();
    expect_last_good_state();

    // A canvas of 0 is refused the same way.
    engine().set_canvas({0, 0});
    EXPECT_FALSE(engine().frame().ok());
    expect_last_good_state();
}

TEST_F(Errors, ImageBeyondDeviceMemoryFailsTheOperatorOnly) {
    good_chain();
    // 16384 x 16384 RGBA32F is 4 GiB: more than lavapipe's heap, and refused before allocating.
    const auto limit = engine().device().limits().maxImageDimension2D;
    // On a device with room for it (a large GPU), Loom's own device-local limit is lowered below
    // the image, so the refusal is tested everywhere.
    const std::uint64_t bytes = std::uint64_t(limit) * limit * 16;
    auto& tracker = engine().device().memory();
    if (tracker.device_local_limit() >= bytes) tracker.set_device_local_limit(bytes / 2);
    auto& huge = chain().add<SolidColor>("huge").size(limit, limit).format(Format::RGBA32F);
    auto& out = chain().add<Composite>("out").inputs({"hsv", "huge"});
    chain().output(out);
    auto r = engine().frame();
    EXPECT_TRUE(huge.failed());
    EXPECT_NE(huge.error().find("image 'huge'"), std::string::npos) << huge.error();
    EXPECT_NE(huge.error().find("Fix:"), std::string::npos) << huge.error();
    EXPECT_FALSE(out.failed());  // it samples the error texture instead
    render(2);
}

TEST_F(Errors, HostVisibleOverBudgetIsRefusedBeforeAllocating) {
    auto cfg = test_config({640, 360});
    cfg.device.host_visible_budget = 1 << 20;  // 1 MiB: less than one readback of the output
    ASSERT_NO_FATAL_FAILURE(restart(cfg));
    chain().add<Noise>("noise");
    render(2);
    const auto host_before = engine().device().memory().snapshot().host_visible_bytes;
    auto px = engine().read(*chain().find("noise"));
    ASSERT_FALSE(px.ok());
    EXPECT_NE(px.message().find("host-visible budget of 1.0 MiB"), std::string::npos) << px.message();
    EXPECT_NE(px.message().find("readback"), std::string::npos) << px.message();
    EXPECT_EQ(engine().device().memory().snapshot().host_visible_bytes, host_before);
    render(2);  // still running
}

TEST_F(Errors, GlslErrorFailsTheOperatorWithFileAndLine) {
    auto cfg = test_config();
    cfg.shader_roots.push_back(test_shader_dir());
    ASSERT_NO_FATAL_FAILURE(restart(cfg));
    auto& n = chain().add<Noise>("noise");
    auto& broken = chain().add<Broken>("broken");
    chain().add<Composite>("out").inputs({&n, &broken});
    render(2);
    EXPECT_TRUE(broken.failed());
    EXPECT_NE(broken.error().find("broken.comp:8: error:"), std::string::npos) << broken.error();
    EXPECT_NE(broken.error().find("undefined_name"), std::string::npos) << broken.error();
    // Its output is the error texture (magenta); the rest of the chain runs.
    auto px = read(broken);
    EXPECT_FLOAT_EQ(px.at(5, 5)[0], 1.0f);
    EXPECT_FLOAT_EQ(px.at(5, 5)[1], 0.0f);
    EXPECT_FLOAT_EQ(px.at(5, 5)[2], 1.0f);
    EXPECT_FALSE(chain().find("out")->failed());
}

TEST_F(Errors, UpdateThatThrowsIsReportedAndTheFrameStillRuns) {
    good_chain();
    const auto frames = engine().frames_rendered();
    const auto submits = engine().device().counters().submits;
    auto r = engine().frame([](Context& ctx) { ctx.chain().get<Blur>("hsv").sigma(2.0f); });
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find("'hsv' is a HSV, not a Blur"), std::string::npos) << r.message();
    // The frame was rendered and submitted all the same.
    EXPECT_EQ(engine().frames_rendered(), frames + 1);
    EXPECT_EQ(engine().device().counters().submits, submits + 1);
    expect_last_good_state();
}

TEST_F(Errors, ClearingTheChainInUpdateIsSafe) {
    // update() owns the chain: clearing it (or rebuilding it broken) must not leave the engine
    // holding dangling operators, whatever the frames in flight still refer to.
    good_chain();
    ASSERT_TRUE(engine()
                    .frame([](Context& ctx) {
                        ctx.chain().clear();
                        ctx.chain().add<Noise>("noise").scale(2.0f);
                        ctx.chain().add<HSV>("hsv").input("noise").hue_shift(0.3f);
                    })
                    .ok());
    render(3);
    expect_last_good_state();
    auto r = engine().frame([](Context& ctx) {
        ctx.chain().clear();
        ctx.chain().add<Blur>("blur");  // no input: does not compile
    });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(engine().runtime().plan(), nullptr);  // nothing of the old chain survives to run
    render(3);
}

TEST(ProjectErrors, ChainCppCompileErrorNamesFileAndLine) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("loom-broken-project-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    {
        std::ofstream f(dir / "chain.cpp");
        f << "#include <loom/loom.hpp>\n"
             "using namespace loom;\n"
             "void setup(Context& ctx) {\n"
             "    ctx.chain().add<Noise>(\"n\").scale(2.0f)\n"  // missing semicolon
             "}\n"
             "LOOM_CHAIN(setup, nullptr)\n";
    }
    auto r = runtime::build_project(dir);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find("chain.cpp:4:"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("error"), std::string::npos) << r.message();
    auto missing = runtime::build_project(dir / "nope");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.message().find("does not exist"), std::string::npos) << missing.message();
    fs::remove_all(dir);
}

}  // namespace
}  // namespace loom::test

namespace loom::test {
namespace {

// A write to the unmapped first page: a real SIGSEGV, as a null dereference in project code gives
// (not a null pointer, which UndefinedBehaviorSanitizer would stop at first in sanitizer builds).
void crash_now() {
    volatile int* volatile p = reinterpret_cast<volatile int*>(std::uintptr_t{16});
    *p = 1;
}

// A project's own operator that fails in one of the ways project code does.
enum class Fault { CrashInRecord, ThrowInRecord, ThrowInCreate, CrashInCreate };
class Faulty final : public OperatorT<Faulty> {
public:
    static constexpr const char* kTypeName = "Faulty";
    Fault fault = Fault::CrashInRecord;
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext&) override {
        if (fault == Fault::ThrowInCreate) throw std::runtime_error("no such lookup table");
        if (fault == Fault::CrashInCreate) crash();
        return {};
    }
    void record(graph::RecordContext&) override {
        if (fault == Fault::ThrowInRecord) throw std::runtime_error("index 7 out of range");
        if (fault == Fault::CrashInRecord) crash();
    }

private:
    static void crash() { crash_now(); }
};

class OperatorFaults : public Errors, public ::testing::WithParamInterface<Fault> {};

// An exception or a crash in an operator's create() or record() fails that operator only: it
// shows the error texture with a message, the rest of the chain renders, the engine goes on.
TEST_P(OperatorFaults, FailOnlyThatOperator) {
    install_crash_handlers();
    auto& n = chain().add<Noise>("noise").scale(2.0f);
    chain().add<HSV>("hsv").input(n).hue_shift(0.3f);
    chain().add<Faulty>("faulty").input(n).fault = GetParam();
    chain().add<Composite>("out").inputs({"hsv", "faulty"}).mode(Blend::Add);
    chain().output("out");
    render(3);
    const Operator& f = *chain().find("faulty");
    ASSERT_TRUE(f.failed());
    const bool crash = GetParam() == Fault::CrashInRecord || GetParam() == Fault::CrashInCreate;
    EXPECT_NE(f.error().find(crash ? "crashed in" : "threw:"), std::string::npos) << f.error();
    if (crash) {
        EXPECT_NE(f.error().find("SIGSEGV"), std::string::npos) << f.error();
    }
    EXPECT_FALSE(chain().find("hsv")->failed());
    // The failed operator's image is the error texture (magenta), not garbage.
    auto px = read("faulty");
    EXPECT_NEAR(px.rgba[0], 1.0f, 0.01f);
    EXPECT_NEAR(px.rgba[1], 0.0f, 0.01f);
    EXPECT_NEAR(px.rgba[2], 1.0f, 0.01f);
    EXPECT_EQ(engine().runtime().crashes(), crash ? 1u : 0u);
}

INSTANTIATE_TEST_SUITE_P(Errors, OperatorFaults,
                         ::testing::Values(Fault::CrashInRecord, Fault::ThrowInRecord, Fault::ThrowInCreate,
                                           Fault::CrashInCreate));

// A crash in the update callback is reported with the function and the frame, and the frame
// still renders the chain.
TEST_F(Errors, CrashInUpdateIsReportedAndTheFrameGoesOn) {
    install_crash_handlers();
    good_chain();
    auto r = engine().frame([](Context&) { crash_now(); });
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find("update() crashed at frame"), std::string::npos) << r.message();
    EXPECT_NE(engine().update_crash(), "");
    expect_last_good_state();
    EXPECT_TRUE(engine().frame().ok());
    EXPECT_EQ(engine().update_crash(), "");
}

}  // namespace
}  // namespace loom::test

namespace loom::test {
namespace {

// A hung or lost GPU must not hang Loom: every fence wait is bounded (gpu::wait_fence, which
// turns a timeout into the fatal path: a message and exit status 3). Checked two ways: a fence
// that is never signalled comes back as a timeout in the time asked, and no wait in Loom's
// sources bypasses wait_fence.
TEST_F(Errors, FenceWaitsAreBounded) {
    auto fence = engine().device().create_fence(false, "test.never-signalled");
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(gpu::wait_fence_for(engine().device().vk(), fence.get(), 0.2), VK_TIMEOUT);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_GE(s, 0.15);
    EXPECT_LT(s, 5.0);
    EXPECT_GT(gpu::gpu_timeout(), 0.0);
    namespace fs = std::filesystem;
    for (const char* dir : {"core", "addons", "effects"})
        for (const auto& e : fs::recursive_directory_iterator(source_dir() / dir)) {
            if (e.path().extension() != ".cpp" || e.path().filename() == "vk.cpp") continue;
            const std::string text = *read_file(e.path());
            EXPECT_EQ(text.find("vkWaitForFences("), std::string::npos) << e.path() << " waits without a bound";
            EXPECT_EQ(text.find("vkQueueWaitIdle("), std::string::npos) << e.path() << " waits without a bound";
        }
}

}  // namespace
}  // namespace loom::test
