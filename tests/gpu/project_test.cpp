// The examples compile as projects, load, and render; a second build comes from the cache.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "core/base/paths.hpp"
#include "core/runtime/project_host.hpp"
#include "tests/gpu/gpu_test.hpp"
#include "tests/gpu/loom_process.hpp"

namespace loom::test {
namespace {

class Projects : public GpuTest {};

// Every example compiles, loads, renders, and its frame 89 at 480x270 (60 fps fixed step) matches
// the reference.png in its folder — the snapshot `loom run examples/<name> --headless --frames 90
// --size 480x270 --snapshot examples/<name>/reference.png` writes (LOOM_BLESS=1 rewrites them).
TEST_F(Projects, ExamplesMatchTheirReferenceSnapshots) {
    namespace fs = std::filesystem;
    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(source_dir() / "examples"))
        if (fs::is_regular_file(e.path() / "chain.cpp")) dirs.push_back(e.path());
    std::sort(dirs.begin(), dirs.end());
    ASSERT_GE(dirs.size(), 2u);
    for (const auto& dir : dirs) {
        const std::string name = dir.filename().string();
        SCOPED_TRACE(name);
        // As `loom run` does: the project's folder is a shader root (for its own shaders).
        auto cfg = test_config({480, 270});
        cfg.shader_roots.push_back(dir);
        ASSERT_NO_FATAL_FAILURE(restart(cfg));
        auto project = runtime::Project::load(dir);
        ASSERT_TRUE(project.ok()) << project.message();
        auto again = runtime::build_project(dir);
        ASSERT_TRUE(again.ok());
        EXPECT_TRUE(again->cached);
        engine().clock() = runtime::Clock(60.0, true);
        ASSERT_TRUE((*project)->setup(engine().context()).ok());
        const auto update = (*project)->entry().update;
        for (int i = 0; i < 90; ++i) {
            auto r = update ? engine().frame([&](Context& c) { update(c); }) : engine().frame();
            ASSERT_TRUE(r.ok()) << r.message();
        }
        auto px = engine().read_output();
        ASSERT_TRUE(px.ok()) << px.message();
        const fs::path reference = dir / "reference.png";
        if (env("LOOM_BLESS") == "1") {
            ASSERT_TRUE(io::write_png(reference, *px).ok());
        } else {
            ASSERT_TRUE(fs::is_regular_file(reference)) << "examples/" << name << " has no reference.png";
            const fs::path out = env("LOOM_TEST_OUTPUT").empty() ? "test-output" : env("LOOM_TEST_OUTPUT");
            auto g = io::check_golden(*px, reference, 5.0f / 255.0f, 0.001, out, "example-" + name);
            ASSERT_TRUE(g.ok()) << g.message();
            EXPECT_TRUE(g->passed) << g->compare.failing_pixels << " pixels differ; actual " << g->actual_file
                                   << ", diff " << g->diff_file;
        }
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
    // The list names that header, not the system's (GLM, the standard library: a cache copied to
    // a machine without them must still hit).
    std::ifstream deps(fs::path(third->library).replace_extension(".deps"));
    const std::string listed((std::istreambuf_iterator<char>(deps)), std::istreambuf_iterator<char>());
    EXPECT_NE(listed.find("look.hpp"), std::string::npos) << listed;
    EXPECT_EQ(listed.find("/usr/"), std::string::npos) << listed;
    fs::remove_all(root);
}

// The cache key does not depend on where the build folder is: a `loom` that finds Loom's generated
// header through a build folder elsewhere (sorting before the source folders) finds the project
// this process compiled.
TEST(ProjectCache, KeyIsTheSameWhereverTheBuildFolderIs) {
    namespace fs = std::filesystem;
    const fs::path root = fs::temp_directory_path() / ("loom-key-" + std::to_string(::getpid()));
    const fs::path moved = root / ".moved-build";
    fs::create_directories(moved);
    fs::copy(build_dir() / "include", moved / "include", fs::copy_options::recursive);
    const fs::path project = source_dir() / "examples" / "hello-noise";
    auto built = runtime::build_project(project);
    ASSERT_TRUE(built.ok()) << built.message();
    const std::string loom = (build_dir() / "loom").string();
    const std::string saved = env("LOOM_BUILD_DIR");
    setenv("LOOM_BUILD_DIR", moved.c_str(), 1);
    LoomProcess p({loom, "run", project.string(), "--headless", "--frames", "1", "--size", "16x16"});
    const int status = p.wait_exit();
    if (saved.empty())
        unsetenv("LOOM_BUILD_DIR");
    else
        setenv("LOOM_BUILD_DIR", saved.c_str(), 1);
    EXPECT_EQ(status, 0) << p.all_output();
    EXPECT_NE(p.all_output().find("loaded from cache"), std::string::npos) << p.all_output();
    fs::remove_all(root);
}

}  // namespace
}  // namespace loom::test
