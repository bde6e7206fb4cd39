// The examples compile as projects, load, and render; a second build comes from the cache.
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

}  // namespace
}  // namespace loom::test
