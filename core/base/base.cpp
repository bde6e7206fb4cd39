#include <cstdio>
#include <cstdlib>

#include <spdlog/spdlog.h>

#include "core/base/assert.hpp"
#include "core/base/hash.hpp"

namespace loom {

namespace detail {
void assert_fail(const char* expr, const char* msg, const char* file, int line) {
    spdlog::critical("assertion failed: {} ({}) at {}:{}", expr, msg, file, line);
    spdlog::default_logger()->flush();
    std::fflush(stderr);
    std::abort();
}
}  // namespace detail

std::string hex64(std::uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

}  // namespace loom

#include "core/base/units.hpp"

namespace loom {
std::string format_bytes(std::uint64_t bytes) {
    char buf[32];
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1024.0 && u < 4) v /= 1024.0, ++u;
    if (u == 0)
        std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
    else
        std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
    return buf;
}

std::string format_bytes_exact(std::uint64_t bytes) {
    if (bytes < 1024) return format_bytes(bytes);
    return format_bytes(bytes) + " (" + std::to_string(bytes) + " bytes)";
}
}  // namespace loom
