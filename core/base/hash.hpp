// core/base/hash.hpp — a small, stable 64-bit content hash (FNV-1a with a final mix).
//
// Used for cache keys that persist on disk (SPIR-V, compiled projects) and for in-memory keys
// (descriptor sets). Stable across runs and machines; not cryptographic.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace loom {

class Hasher {
public:
    Hasher& bytes(const void* data, std::size_t size) {
        const auto* p = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < size; ++i) {
            h_ ^= p[i];
            h_ *= 0x100000001b3ull;
        }
        return *this;
    }
    Hasher& str(std::string_view s) {
        u64(s.size());
        return bytes(s.data(), s.size());
    }
    Hasher& u64(std::uint64_t v) { return bytes(&v, sizeof v); }
    std::uint64_t value() const {
        // Final avalanche (from splitmix64) so nearby inputs spread over all bits.
        std::uint64_t z = h_ + 0x9e3779b97f4a7c15ull;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }

private:
    std::uint64_t h_ = 0xcbf29ce484222325ull;
};

inline std::uint64_t hash_string(std::string_view s) { return Hasher().str(s).value(); }
std::string hex64(std::uint64_t v);

}  // namespace loom
