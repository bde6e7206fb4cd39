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

namespace {

// Writes `size` bytes to `path` (created or truncated): 0, or the errno of the first failure.
int write_whole_file(const char* path, const void* data, std::size_t size) {
    std::FILE* f = std::fopen(path, "wb");
    if (!f) return errno ? errno : EIO;
    int err = 0;
    if (size != 0 && std::fwrite(data, 1, size, f) != size) err = errno ? errno : EIO;
    if (std::fflush(f) != 0 && !err) err = errno ? errno : EIO;
    if (std::fclose(f) != 0 && !err) err = errno ? errno : EIO;
    return err;
}

}  // namespace

bool write_file_atomic(const std::filesystem::path& path_in, const void* data, std::size_t size) {
    namespace fs = std::filesystem;
    std::error_code ec;
    // A symbolic link is written through (its target is replaced, not the link); a device, FIFO
    // or socket is written to directly (never replaced by a file); a folder is an error.
    fs::path path = path_in;
    if (fs::is_symlink(fs::symlink_status(path, ec))) path = fs::weakly_canonical(path, ec);
    const auto st = fs::status(path, ec);
    int err = 0;
    if (fs::is_directory(st)) {
        err = EISDIR;
    } else if (fs::exists(st) && !fs::is_regular_file(st)) {
        err = write_whole_file(path.c_str(), data, size);
    } else {
        // A temporary file renamed over the target: readers never see a partial file, and on
        // any failure the temporary goes.
        if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
        auto tmp = path;
        tmp += ".tmp" + std::to_string(::getpid());
        err = write_whole_file(tmp.c_str(), data, size);
        if (!err) {
            fs::rename(tmp, path, ec);
            err = ec.value();
        }
        if (err) fs::remove(tmp, ec);
    }
    errno = err;  // ENOSPC, EACCES, ... for the caller's message
    return err == 0;
}

}  // namespace loom
