// Every shader in shaders/ compiles; errors come back as file:line.
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
    auto outside = compiler.compile_source("#version 460\n#include \"../../../../etc/passwd\"\nvoid main() {}\n",
                                           shader_dir() / "effects" / "virtual.frag", shader::Stage::Fragment);
    ASSERT_FALSE(outside.ok());
    EXPECT_NE(outside.message().find("outside the shader folders"), std::string::npos) << outside.message();
}

TEST(Shaders, DiskCacheHitsOnTheSecondCompile) {
    shader::ShaderCompiler a({shader_dir()});
    ASSERT_TRUE(a.compile_file("effects/hsv.comp").ok());
    shader::ShaderCompiler b({shader_dir()});
    auto r = b.compile_file("effects/hsv.comp");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->from_cache);
    EXPECT_EQ(b.cache_hits(), 1u);
}

}  // namespace
}  // namespace loom::test
