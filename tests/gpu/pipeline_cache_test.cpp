// The pipeline cache is saved when a device that built pipelines goes away, and loaded by the
// next one on the same device; a damaged file is refused and the engine starts anyway.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/base/paths.hpp"
#include "core/gpu/pipeline_cache.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

// A cache folder of its own: other test programs running in parallel write theirs too.
class PipelineCacheFile : public GpuTest {
protected:
    void SetUp() override {
        saved_ = env("LOOM_CACHE_DIR");
        dir_ = std::filesystem::temp_directory_path() / ("loom-pipeline-cache-" + std::to_string(::getpid()));
        setenv("LOOM_CACHE_DIR", dir_.c_str(), 1);
        GpuTest::SetUp();
    }
    void TearDown() override {
        GpuTest::TearDown();
        setenv("LOOM_CACHE_DIR", saved_.c_str(), 1);
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    std::string saved_;
    std::filesystem::path dir_;
};

std::filesystem::path cache_file(gpu::Device& d) {
    gpu::PipelineCacheIdentity id;
    id.vendor_id = d.properties().vendorID;
    id.device_id = d.properties().deviceID;
    return gpu::pipeline_cache_path(id);
}

TEST_F(PipelineCacheFile, SavedAtExitAndLoadedNextTime) {
    const auto file = cache_file(engine().device());
    std::filesystem::remove(file);
    // A device that loaded nothing and builds pipelines saves them when it goes.
    ASSERT_NO_FATAL_FAILURE(restart(test_config()));
    EXPECT_EQ(engine().device().pipeline_cache_loaded_bytes(), 0u);
    chain().add<Noise>("n");
    chain().add<Blur>("b").input("n");
    render(2);
    ASSERT_NO_FATAL_FAILURE(restart(test_config()));
    ASSERT_TRUE(std::filesystem::exists(file)) << file;
    EXPECT_GT(engine().device().pipeline_cache_loaded_bytes(), 0u);

    // Damage it: the next start refuses it (and says why in the log) and runs anyway.
    {
        // Flip the last byte (whatever it held, it changes).
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekg(-1, std::ios::end);
        const char last = static_cast<char>(f.get());
        f.seekp(-1, std::ios::end);
        f.put(static_cast<char>(last ^ 0x5a));
    }
    ASSERT_NO_FATAL_FAILURE(restart(test_config()));
    EXPECT_EQ(engine().device().pipeline_cache_loaded_bytes(), 0u);
    chain().add<Noise>("n");
    render(1);
}

}  // namespace
}  // namespace loom::test
