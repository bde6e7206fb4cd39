#include "tests/gpu/gpu_test.hpp"

#include <unistd.h>

#include <filesystem>

#include "core/base/paths.hpp"

namespace loom::test {

runtime::EngineConfig test_config(Extent canvas) {
    runtime::EngineConfig cfg;
    cfg.device.validation = env("LOOM_TEST_VALIDATION") != "0";
    // Synchronization validation checks every barrier the chain computes against the accesses.
    cfg.device.sync_validation = cfg.device.validation;
    cfg.device.gpu.kind = gpu::GpuChoice::Kind::Auto;
    cfg.canvas = canvas;
    cfg.fps = 60.0;
    cfg.fixed_step = true;
    return cfg;
}

namespace {
// One Vulkan instance that lives as long as the test program. Tests create and destroy many
// engines; without a live instance in between, the loader unloads the driver each time, and
// NVIDIA's driver has refused a later vkCreateInstance in the same process
// (VK_ERROR_INCOMPATIBLE_DRIVER). `loom` itself creates one instance per process.
struct InstanceAnchor {
    VkInstance instance = VK_NULL_HANDLE;
    InstanceAnchor() {
        VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
        app.apiVersion = VK_API_VERSION_1_3;
        VkInstanceCreateInfo ci{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
        ci.pApplicationInfo = &app;
        if (vkCreateInstance(&ci, nullptr, &instance) != VK_SUCCESS) instance = VK_NULL_HANDLE;
    }
    ~InstanceAnchor() {
        if (instance) vkDestroyInstance(instance, nullptr);
    }
};
}  // namespace

void GpuTest::SetUp() {
    static InstanceAnchor anchor;
    restart(test_config());
}

void GpuTest::restart(const runtime::EngineConfig& config) {
    destroy_engine();
    auto e = runtime::Engine::create(config);
    ASSERT_TRUE(e.ok()) << e.message();
    engine_ = std::move(*e);
}

void GpuTest::TearDown() { destroy_engine(); }

void ProjectFolderTest::SetUp() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("loom-" + std::string(info->test_suite_name()) + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    GpuTest::SetUp();
    auto cfg = test_config();
    cfg.shader_roots.push_back(dir_);
    ASSERT_NO_FATAL_FAILURE(restart(cfg));
}

void ProjectFolderTest::TearDown() {
    GpuTest::TearDown();
    std::filesystem::remove_all(dir_);
}

void ProjectFolderTest::write(const std::string& name, const std::string& text) {
    ASSERT_TRUE(write_file_atomic(dir_ / name, text.data(), text.size()));
}

void GpuTest::destroy_engine() {
    if (!engine_) return;
    auto log = engine_->device().validation_log();
    engine_->wait_idle();
    engine_.reset();  // destruction may report too (objects left alive)
    EXPECT_EQ(log->count(), 0u) << "validation layer messages, e.g.: "
                                << (log->recent().empty() ? std::string() : log->recent().front());
}

void GpuTest::render(int frames) {
    for (int i = 0; i < frames; ++i) {
        auto r = engine_->frame();
        ASSERT_TRUE(r.ok()) << r.message();
    }
}

runtime::FrameCounters GpuTest::counted_frames(int frames, runtime::Engine::UpdateFn update) {
    const auto before = runtime::take_snapshot(engine_->device().counters());
    for (int i = 0; i < frames; ++i) {
        auto r = engine_->frame(update);
        if (!r) {
            ADD_FAILURE() << "frame " << i << ": " << r.message();
            break;
        }
    }
    return runtime::FrameCounters::between(before, runtime::take_snapshot(engine_->device().counters()));
}

io::Pixels GpuTest::read(const Operator& op) {
    auto px = engine_->read(op);
    EXPECT_TRUE(px.ok()) << px.message();
    return px.ok() ? std::move(*px) : io::Pixels{};
}

void GpuTest::expect_golden(const io::Pixels& actual, const std::string& name, float tolerance,
                            double max_failing_fraction) {
    const std::filesystem::path golden = std::filesystem::path(env("LOOM_GOLDEN_DIR")) / (name + ".png");
    const std::filesystem::path out_dir = env("LOOM_TEST_OUTPUT").empty() ? "test-output" : env("LOOM_TEST_OUTPUT");
    if (env("LOOM_BLESS") == "1") {
        auto w = io::write_png(golden, actual);
        ASSERT_TRUE(w.ok()) << w.message();
        std::printf("blessed %s\n", golden.c_str());
        return;
    }
    auto g = io::check_golden(actual, golden, tolerance, max_failing_fraction, out_dir, name);
    ASSERT_TRUE(g.ok()) << g.message() << "\nRun tests/bless.sh to create or update the reference.";
    if (!g->passed) {
        const auto& r = g->compare;
        ADD_FAILURE() << "golden '" << name << "': " << r.failing_pixels << " of " << r.total_pixels
                      << " pixels differ by more than " << tolerance * 255.0f << "/255 (max "
                      << r.max_channel_diff * 255.0f << "/255); actual " << g->actual_file << ", diff "
                      << g->diff_file;
    }
}

}  // namespace loom::test

#include "tests/gpu/test_ops.hpp"

namespace loom::test {
std::filesystem::path test_shader_dir() {
    const std::string dir = env("LOOM_TESTS_DIR");
    return std::filesystem::path(dir.empty() ? LOOM_TESTS_DIR : dir) / "shaders";
}
}  // namespace loom::test
