// core/base/units.hpp — human-readable byte counts for messages and logs.
#pragma once

#include <cstdint>
#include <string>

namespace loom {
// "512.0 MiB", "12.3 KiB", "17 B".
std::string format_bytes(std::uint64_t bytes);
// "4.0 GiB (4294967296 bytes)": for messages that compare two sizes, which rounding could make
// read the same.
std::string format_bytes_exact(std::uint64_t bytes);
}  // namespace loom
