// Programs recompile in place: a shader that no longer compiles keeps the last good pipeline
// and reports file:line; a fixed one replaces it.
#include <unistd.h>

#include <filesystem>

#include "core/base/paths.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

class ProgramReload : public GpuTest {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("loom-reload-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
        write("tint.comp", "0.25");
        auto cfg = test_config({32, 32});
        cfg.shader_roots.push_back(dir_);
        ASSERT_NO_FATAL_FAILURE(restart(cfg));
        engine().shaders().set_disk_cache(false);
    }
    void TearDown() override {
        GpuTest::TearDown();
        std::filesystem::remove_all(dir_);
    }
    void write(const char* name, const std::string& value) {
        const std::string src = "#version 460\n#include \"common/pass.glsl\"\n"
                                "vec4 loom_effect(vec2 uv, ivec2 pixel) { return vec4(" + value + "); }\n";
        ASSERT_TRUE(write_file_atomic(dir_ / name, src.data(), src.size()));
    }
    std::filesystem::path dir_;
};

// A one-program operator over the test's shader.
class Tint final : public OperatorT<Tint> {
public:
    static constexpr const char* kTypeName = "Tint";
    Result<void> create(graph::CreateContext& ctx) override {
        auto p = ctx.program({"tint.comp", 0, 0});
        if (!p) return p.error();
        program_ = *p;
        return {};
    }
    void record(graph::RecordContext& ctx) override { ctx.dispatch(*program_, {}, ctx.output(), nullptr, 0); }
    gpu::Program* program_ = nullptr;
};

TEST_F(ProgramReload, BrokenShaderKeepsTheLastGoodPipeline) {
    chain().add<Tint>("tint").format(Format::RGBA32F);
    render(1);
    EXPECT_NEAR(read("tint").at(3, 3)[0], 0.25f, 1e-6f);
    const std::string file = (dir_ / "tint.comp").string();

    write("tint.comp", "undefined_thing");
    auto errors = engine().programs().reload_file(file);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].find("tint.comp:3: error:"), std::string::npos) << errors[0];
    render(1);
    EXPECT_NEAR(read("tint").at(3, 3)[0], 0.25f, 1e-6f);  // still the last good one

    write("tint.comp", "0.75");
    EXPECT_TRUE(engine().programs().reload_file(file).empty());
    render(1);
    EXPECT_NEAR(read("tint").at(3, 3)[0], 0.75f, 1e-6f);
    // Files that no program uses reload nothing.
    EXPECT_TRUE(engine().programs().reload_file((dir_ / "other.comp").string()).empty());
}

}  // namespace
}  // namespace loom::test
