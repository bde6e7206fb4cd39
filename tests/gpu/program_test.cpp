// Programs recompile in place: a shader that no longer compiles keeps the last good pipeline
// and reports file:line; a fixed one replaces it. Pass blocks (several pixels an invocation)
// write every pixel once, edges of odd sizes included.
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
    gpu::PassBlock block;  // {0, 0}: the device's
    Result<void> create(graph::CreateContext& ctx) override {
        auto p = ctx.program({"tint.comp", 0, 0, {}, {}, block});
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

// Every block shape (the device's default, 1x1, wide, tall, uneven, the largest) computes each
// pixel of an odd-sized output with its own pixel and uv: on a target large enough for blocks
// and on a small one (a pixel an invocation whatever the program's block).
TEST_F(ProgramReload, PassBlocksWriteEveryPixelWithItsOwnCoordinates) {
    write("tint.comp", "float(pixel.x + 1), float(pixel.y + 1), uv.x, uv.y");
    const gpu::PassBlock blocks[] = {{0, 0}, {1, 1}, {2, 1}, {1, 2}, {2, 2}, {3, 4}, {8, 8}};
    const Extent sizes[] = {{37, 29}, {1001, 601}};
    static_assert(1001 * 601 >= gpu::PassBlock::kMinPixels && 37 * 29 < gpu::PassBlock::kMinPixels);
    for (const Extent size : sizes)
        for (const gpu::PassBlock block : blocks) {
            engine().clear_chain();
            auto& tint = chain().add<Tint>("tint").format(Format::RGBA32F).size(size.width, size.height);
            tint.block = block;
            render(1);
            const gpu::PassBlock used = tint.program_->desc().block;
            if (block.x) {
                EXPECT_EQ(used, block);
            } else {
                EXPECT_EQ(used, gpu::default_pass_block(engine().device()));
            }
            const io::Pixels px = read("tint");
            int wrong = 0;
            for (std::uint32_t y = 0; y < size.height; ++y)
                for (std::uint32_t x = 0; x < size.width; ++x) {
                    const float* p = px.at(x, y);
                    const bool ok = p[0] == float(x + 1) && p[1] == float(y + 1) &&
                                    std::abs(p[2] - (float(x) + 0.5f) / float(size.width)) < 1e-6f &&
                                    std::abs(p[3] - (float(y) + 0.5f) / float(size.height)) < 1e-6f;
                    if (!ok && wrong++ < 3)
                        ADD_FAILURE() << size.width << "x" << size.height << ", block " << used.x << "x" << used.y
                                      << ", pixel " << x << "," << y << ": " << p[0] << " " << p[1] << " " << p[2]
                                      << " " << p[3];
                }
            EXPECT_EQ(wrong, 0) << size.width << "x" << size.height << ", block " << used.x << "x" << used.y;
        }
}

}  // namespace
}  // namespace loom::test
