// The header a project includes must stay thin: every save of chain.cpp compiles it.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "core/base/paths.hpp"
#include "core/runtime/project_host.hpp"

namespace {
std::string run(const std::string& cmd) {
    std::string out;
    FILE* p = popen((cmd + " 2>&1").c_str(), "r");
    if (!p) return out;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
}
}  // namespace

TEST(ProjectHeader, DoesNotPullInSpdlogFmtIostreamOrVulkan) {
    // -H lists every header the preprocessor opens.
    const auto src = std::filesystem::temp_directory_path() / ("loom-header-" + std::to_string(::getpid()) + ".cpp");
    const char text[] = "#include <loom/loom.hpp>\n";
    ASSERT_TRUE(loom::write_file_atomic(src, text, sizeof text - 1));
    const std::string cmd = std::string(LOOM_TEST_CXX) + " " + loom::runtime::project_compile_flags() +
                            " -fsyntax-only -H " + src.string();
    const std::string out = run(cmd);
    std::filesystem::remove(src);
    ASSERT_EQ(out.find(": error:"), std::string::npos) << out;
    ASSERT_NE(out.find("loom/loom.hpp"), std::string::npos) << out;
    for (const char* banned : {"spdlog", "/fmt/", "iostream", "vulkan.h", "shaderc", "imgui"})
        EXPECT_EQ(out.find(banned), std::string::npos) << "loom/loom.hpp pulls in " << banned;
}
