#include "core/base/paths.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
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

bool write_file_atomic(const std::filesystem::path& path_in, const void* data, std::size_t size) {
    namespace fs = std::filesystem;
    std::error_code ec;
    // A symbolic link is written through (its target is replaced, not the link); a device, FIFO
    // or socket is written to directly (never replaced by a file); a folder is an error.
    fs::path path = path_in;
    if (fs::is_symlink(fs::symlink_status(path, ec))) path = fs::weakly_canonical(path, ec);
    const auto st = fs::status(path, ec);
    if (fs::is_directory(st)) {
        errno = EISDIR;
        return false;
    }
    if (fs::exists(st) && !fs::is_regular_file(st)) {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        if (!f) return false;
        const bool ok = (size == 0 || std::fwrite(data, 1, size, f) == size) && std::fflush(f) == 0;
        const int err = errno;
        if (std::fclose(f) != 0 || !ok) {
            errno = ok ? errno : err;
            return false;
        }
        return true;
    }
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    auto tmp = path;
    tmp += ".tmp" + std::to_string(::getpid());
    // On any failure the temporary file goes and errno says why (ENOSPC, EACCES, ...).
    auto fail = [&tmp](int err) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        errno = err ? err : EIO;
        return false;
    };
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) return fail(errno);
    const bool written = size == 0 || std::fwrite(data, 1, size, f) == size;
    const int write_err = written ? 0 : errno;
    const bool flushed = std::fflush(f) == 0;
    const int flush_err = flushed ? 0 : errno;
    if (std::fclose(f) != 0 && written && flushed) return fail(errno);
    if (!written) return fail(write_err);
    if (!flushed) return fail(flush_err);
    std::filesystem::rename(tmp, path, ec);
    if (ec) return fail(ec.value());
    return true;
}

}  // namespace loom
