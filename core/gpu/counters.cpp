#include "core/gpu/counters.hpp"

#include <numeric>

namespace loom::gpu {

const char* object_kind_name(ObjectKind k) {
    static constexpr const char* kNames[] = {
        "memory",       "buffer",          "image",          "image view",  "sampler",     "shader module",
        "pipeline",     "pipeline layout", "set layout",     "desc. pool",  "desc. set",   "command pool",
        "fence",        "semaphore",       "query pool",     "pipeline cache", "swapchain"};
    static_assert(sizeof kNames / sizeof kNames[0] == kObjectKindCount);
    return kNames[static_cast<std::size_t>(k)];
}

std::uint64_t Counters::total_created() const { return std::accumulate(created.begin(), created.end(), 0ull); }
std::uint64_t Counters::total_destroyed() const {
    return std::accumulate(destroyed.begin(), destroyed.end(), 0ull);
}

}  // namespace loom::gpu
