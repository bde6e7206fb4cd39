// Every shader in shaders/ compiles; errors come back as file:line.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "core/base/paths.hpp"
#include "core/shader/shader_compiler.hpp"
#include "tests/gpu/test_ops.hpp"

#include <gtest/gtest.h>

namespace loom::test {
namespace {

TEST(Shaders, EveryShaderCompiles) {
    namespace fs = std::filesystem;
    shader::ShaderCompiler compiler({shader_dir()});
    compiler.set_disk_cache(false);
    int count = 0;
    for (auto& e : fs::recursive_directory_iterator(shader_dir())) {
        if (!e.is_regular_file() || !shader::stage_from_path(e.path()).ok()) continue;
        const auto rel = fs::relative(e.path(), shader_dir()).generic_string();
        auto r = compiler.compile_file(rel);
        EXPECT_TRUE(r.ok()) << rel << ": " << r.message();
        if (r.ok()) {
            EXPECT_GT(r->words.size(), 5u);
            EXPECT_EQ(r->words[0], 0x07230203u);
        }
        ++count;
    }
    EXPECT_GE(count, 13);
}

TEST(Shaders, ErrorsNameFileAndLine) {
    shader::ShaderCompiler compiler({shader_dir(), test_shader_dir()});
    compiler.set_disk_cache(false);
    auto r = compiler.compile_file("broken.comp");
    ASSERT_FALSE(r.ok());
    const auto path = (test_shader_dir() / "broken.comp").string();
    EXPECT_NE(r.message().find(path + ":8: error:"), std::string::npos) << r.message();
    auto missing = compiler.compile_file("nope.comp");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.message().find("'nope.comp' not found"), std::string::npos) << missing.message();
}

TEST(Shaders, IncludesResolveInsideTheRootsOnly) {
    shader::ShaderCompiler compiler({shader_dir()});
    compiler.set_disk_cache(false);
    auto ok = compiler.compile_source("#version 460\n#include \"common/hash.glsl\"\nlayout(location=0) out vec4 o;\n"
                                      "void main() { o = vec4(loom_rand3(ivec3(1), 2u), 1.0); }\n",
                                      shader_dir() / "virtual.frag", shader::Stage::Fragment);
    ASSERT_TRUE(ok.ok()) << ok.message();
    EXPECT_GE(ok->files.size(), 2u);  // the source and what it included
    // A real file outside every root, named by absolute path and by a relative path climbing out.
    const auto outside_file = std::filesystem::temp_directory_path() / ("loom-outside-" + std::to_string(::getpid()) + ".glsl");
    ASSERT_TRUE(write_file_atomic(outside_file, "float x;\n", 9));
    for (const std::string& inc : {outside_file.string(),
                                  std::filesystem::relative(outside_file, shader_dir() / "effects").string()}) {
        auto outside = compiler.compile_source("#version 460\n#include \"" + inc + "\"\nvoid main() {}\n",
                                               shader_dir() / "effects" / "virtual.frag", shader::Stage::Fragment);
        ASSERT_FALSE(outside.ok()) << inc;
        EXPECT_NE(outside.message().find("outside the shader folders"), std::string::npos) << outside.message();
    }
    std::filesystem::remove(outside_file);
}

TEST(Shaders, DiskCacheHitsOnTheSecondCompile) {
    // A cache folder of its own, so the first compile is a real miss.
    const std::string saved = env("LOOM_CACHE_DIR");
    const auto dir = std::filesystem::temp_directory_path() / ("loom-spirv-" + std::to_string(::getpid()));
    setenv("LOOM_CACHE_DIR", dir.c_str(), 1);
    shader::ShaderCompiler a({shader_dir()});
    ASSERT_TRUE(a.compile_file("effects/hsv.comp").ok());
    EXPECT_EQ(a.cache_misses(), 1u);
    EXPECT_EQ(a.cache_hits(), 0u);
    shader::ShaderCompiler b({shader_dir()});
    auto r = b.compile_file("effects/hsv.comp");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->from_cache);
    EXPECT_EQ(b.cache_hits(), 1u);
    setenv("LOOM_CACHE_DIR", saved.c_str(), 1);
    std::filesystem::remove_all(dir);
}

TEST(Shaders, ACacheHitNeedsNoCompilerAndAnEditedIncludeMisses) {
    namespace fs = std::filesystem;
    const std::string saved = env("LOOM_CACHE_DIR");
    const auto base = fs::temp_directory_path() / ("loom-manifest-" + std::to_string(::getpid()));
    const auto root = base / "shaders";
    fs::create_directories(root);
    setenv("LOOM_CACHE_DIR", (base / "cache").c_str(), 1);
    auto write = [&](const char* name, const std::string& text) {
        ASSERT_TRUE(write_file_atomic(root / name, text.data(), text.size()));
    };
    write("lib.glsl", "const float kLevel = 0.25;\n");
    const std::string main_src = "#version 460\n#include \"lib.glsl\"\nlayout(local_size_x = 1) in;\n"
                                 "layout(set = 0, binding = 0) writeonly uniform image2D o;\n"
                                 "void main() { imageStore(o, ivec2(0), vec4(kLevel)); }\n";
    write("main.comp", main_src);

    shader::ShaderCompiler a({root});
    auto first = a.compile_file("main.comp");
    ASSERT_TRUE(first.ok()) << first.message();
    EXPECT_FALSE(first->from_cache);
    EXPECT_TRUE(a.compiler_started());

    shader::ShaderCompiler b({root});
    auto second = b.compile_file("main.comp");
    ASSERT_TRUE(second.ok()) << second.message();
    EXPECT_TRUE(second->from_cache);
    EXPECT_FALSE(b.compiler_started()) << "a cache hit started glslang";
    EXPECT_EQ(second->words, first->words);
    bool lists_include = false;
    for (const auto& f : second->files) lists_include = lists_include || f.filename() == "lib.glsl";
    EXPECT_TRUE(lists_include) << "a hit must still name the included files (hot reload watches them)";

    // Another define is another list: it preprocesses (the text it gives is the same here, so
    // the SPIR-V is found by that text).
    auto defined = b.compile_file("main.comp", {{"LOOM_UNUSED", "1"}});
    ASSERT_TRUE(defined.ok()) << defined.message();
    EXPECT_TRUE(b.compiler_started());
    EXPECT_TRUE(defined->from_cache);

    // An edited include misses, compiles, and gives other SPIR-V.
    write("lib.glsl", "const float kLevel = 0.75;\n");
    shader::ShaderCompiler c({root});
    auto edited = c.compile_file("main.comp");
    ASSERT_TRUE(edited.ok()) << edited.message();
    EXPECT_FALSE(edited->from_cache);
    EXPECT_NE(edited->words, first->words);

    setenv("LOOM_CACHE_DIR", saved.c_str(), 1);
    fs::remove_all(base);
}

}  // namespace
}  // namespace loom::test
