// core/gpu/memory_tracker.hpp — what Loom holds on the GPU, and the budgets checked before allocating.
//
// Counts and bytes per resource kind (buffers, images), bytes per domain (device-local: images and
// static buffers; host-visible: staging, uniforms, readback), the peak, and bytes per owner (the
// operator that asked). Separately it counts the device memory objects behind those resources
// (blocks and dedicated allocations), which is what the driver sees.
//
// The host-visible budget (512 MiB by default) and the device-local limit (the heap size, or the
// VK_EXT_memory_budget figure) are checked by check_budget() BEFORE anything is allocated, so an
// over-budget request is a clear error and nothing changes.
//
// Pure bookkeeping: no Vulkan calls, cheap enough to query every frame. Not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <loom/result.hpp>

namespace loom::gpu {

enum class ResourceKind : std::uint8_t { Buffer, Image };
enum class MemoryDomain : std::uint8_t { DeviceLocal, HostVisible };

const char* resource_kind_name(ResourceKind kind);
const char* memory_domain_name(MemoryDomain domain);

inline constexpr std::uint64_t kDefaultHostVisibleBudget = 512ull << 20;

struct MemorySnapshot {
    std::uint64_t buffer_count = 0, image_count = 0;
    std::uint64_t buffer_bytes = 0, image_bytes = 0;
    std::uint64_t device_local_bytes = 0, host_visible_bytes = 0;
    std::uint64_t peak_bytes = 0, peak_host_visible_bytes = 0;
    std::uint64_t memory_objects = 0, memory_bytes = 0;  // device memory behind the resources
    std::uint64_t total_bytes() const { return buffer_bytes + image_bytes; }
};

class MemoryTracker {
public:
    explicit MemoryTracker(std::uint64_t host_visible_budget = kDefaultHostVisibleBudget);

    void set_host_visible_budget(std::uint64_t bytes) { host_budget_ = bytes; }
    std::uint64_t host_visible_budget() const { return host_budget_; }
    // 0 means unknown (no check).
    void set_device_local_limit(std::uint64_t bytes) { device_limit_ = bytes; }
    std::uint64_t device_local_limit() const { return device_limit_; }

    // Would `bytes` more in `domain` fit? The error names the request (`what`), its size, the
    // domain, the budget and what is in use, and says how to fix it.
    Result<void> check_budget(MemoryDomain domain, std::uint64_t bytes, std::string_view what) const;

    void on_allocate(ResourceKind kind, MemoryDomain domain, std::uint64_t bytes, std::string_view owner);
    void on_free(ResourceKind kind, MemoryDomain domain, std::uint64_t bytes, std::string_view owner);
    void on_memory_allocate(std::uint64_t bytes);
    void on_memory_free(std::uint64_t bytes);

    MemorySnapshot snapshot() const { return s_; }
    // Bytes currently held for `owner` ("" collects resources with no owner).
    std::uint64_t owner_bytes(std::string_view owner) const;
    // Owners with bytes in use, largest first.
    std::vector<std::pair<std::string, std::uint64_t>> per_owner() const;

private:
    MemorySnapshot s_;
    std::uint64_t host_budget_;
    std::uint64_t device_limit_ = 0;
    std::map<std::string, std::uint64_t, std::less<>> owners_;
};

}  // namespace loom::gpu
