// The examples compile as projects, load, and render; a second build comes from the cache.
#include <unistd.h>

#include <filesystem>

#include "core/base/paths.hpp"
#include "core/runtime/project_host.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

class Projects : public GpuTest {};

TEST_F(Projects, ExamplesCompileLoadAndRender) {
    for (const char* name : {"hello-noise", "noise-blur-bloom"}) {
        const auto dir = source_dir() / "examples" / name;
        auto project = runtime::Project::load(dir);
        ASSERT_TRUE(project.ok()) << project.message();
        auto again = runtime::build_project(dir);
        ASSERT_TRUE(again.ok());
        EXPECT_TRUE(again->cached);
        ASSERT_TRUE((*project)->setup(engine().context()).ok());
        const auto update = (*project)->entry().update;
        for (int i = 0; i < 3; ++i) ASSERT_TRUE(engine().frame([&](Context& c) { update(c); }).ok());
        auto px = engine().read_output();
        ASSERT_TRUE(px.ok()) << px.message();
        EXPECT_EQ(px->width, 96u);
        // Not a flat image.
        float lo = 1e9f, hi = -1e9f;
        for (std::size_t i = 0; i < px->rgba.size(); i += 4) lo = std::min(lo, px->rgba[i + 2]), hi = std::max(hi, px->rgba[i + 2]);
        EXPECT_GT(hi - lo, 0.1f) << name;
        engine().clear_chain();  // the project's operators go before its library
    }
}

// A header the project includes from outside its folder is not in the cache key, but a change
// to it must still rebuild the project.
TEST(ProjectCache, HeaderOutsideTheFolderRebuildsWhenItChanges) {
    namespace fs = std::filesystem;
    const fs::path root = fs::temp_directory_path() / ("loom-deps-" + std::to_string(::getpid()));
    fs::create_directories(root / "shared");
    fs::create_directories(root / "project");
    auto write = [](const fs::path& p, const std::string& text) {
        ASSERT_TRUE(write_file_atomic(p, text.data(), text.size()));
    };
    write(root / "shared" / "look.hpp", "inline float look_scale() { return 2.0f; }\n");
    write(root / "project" / "chain.cpp",
          "#include <loom/loom.hpp>\n#include \"../shared/look.hpp\"\nusing namespace loom;\n"
          "void setup(Context& ctx) { ctx.chain().add<Noise>(\"n\").scale(look_scale()); }\n"
          "LOOM_CHAIN(setup, nullptr)\n");
    auto first = runtime::build_project(root / "project");
    ASSERT_TRUE(first.ok()) << first.message();
    EXPECT_FALSE(first->cached);
    auto second = runtime::build_project(root / "project");
    ASSERT_TRUE(second.ok());
    EXPECT_TRUE(second->cached);
    write(root / "shared" / "look.hpp", "inline float look_scale() { return 3.0f; }\n");
    auto third = runtime::build_project(root / "project");
    ASSERT_TRUE(third.ok()) << third.message();
    EXPECT_FALSE(third->cached);
    fs::remove_all(root);
}

}  // namespace
}  // namespace loom::test
