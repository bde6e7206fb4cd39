#include "core/base/paths.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace loom {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) {
        if (c == '\'')
            q += "'\\''";
        else
            q += c;
    }
    return q + "'";
}

std::filesystem::path cache_dir() {
    std::filesystem::path p;
    if (auto v = env("LOOM_CACHE_DIR"); !v.empty())
        p = v;
    else if (auto x = env("XDG_CACHE_HOME"); !x.empty())
        p = std::filesystem::path(x) / "loom";
    else if (auto h = env("HOME"); !h.empty())
        p = std::filesystem::path(h) / ".cache" / "loom";
    else
        p = "/tmp/loom-cache";
    std::error_code ec;
    std::filesystem::create_directories(p, ec);
    return p;
}

std::filesystem::path source_dir() {
    if (auto v = env("LOOM_SOURCE_DIR"); !v.empty()) return v;
    return LOOM_SOURCE_DIR_DEFAULT;
}

std::filesystem::path build_dir() {
    if (auto v = env("LOOM_BUILD_DIR"); !v.empty()) return v;
    return LOOM_BUILD_DIR_DEFAULT;
}

std::filesystem::path shader_dir() {
    if (auto v = env("LOOM_SHADER_DIR"); !v.empty()) return v;
    return source_dir() / "shaders";
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return std::nullopt;
    std::ostringstream ss;
    ss << f.rdbuf();
    return std::move(ss).str();
}

bool write_file_atomic(const std::filesystem::path& path, const void* data, std::size_t size) {
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    auto tmp = path;
    tmp += ".tmp" + std::to_string(::getpid());
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) return false;
        f.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
        if (!f) return false;
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) std::filesystem::remove(tmp, ec);
    return !ec;
}

}  // namespace loom
