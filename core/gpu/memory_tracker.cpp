#include "core/gpu/memory_tracker.hpp"

#include <algorithm>

#include "core/base/assert.hpp"
#include "core/base/units.hpp"

namespace loom::gpu {

const char* resource_kind_name(ResourceKind k) { return k == ResourceKind::Buffer ? "buffer" : "image"; }
const char* memory_domain_name(MemoryDomain d) {
    return d == MemoryDomain::DeviceLocal ? "device-local" : "host-visible";
}

MemoryTracker::MemoryTracker(std::uint64_t host_visible_budget) : host_budget_(host_visible_budget) {}

Result<void> MemoryTracker::check_budget(MemoryDomain domain, std::uint64_t bytes, std::string_view what) const {
    if (domain == MemoryDomain::HostVisible) {
        if (s_.host_visible_bytes + bytes > host_budget_) {
            return make_error("allocation of " + std::string(what) + " (" + format_bytes_exact(bytes) +
                              " of host-visible memory) would exceed the host-visible budget of " +
                              format_bytes_exact(host_budget_) + " (" + format_bytes_exact(s_.host_visible_bytes) +
                              " in use). Fix: make the request smaller, or raise the budget with "
                              "--host-budget-mb or LOOM_HOST_BUDGET_MB.");
        }
    } else if (device_limit_ != 0 && s_.device_local_bytes + bytes > device_limit_) {
        return make_error("allocation of " + std::string(what) + " (" + format_bytes_exact(bytes) +
                          " of device-local memory) does not fit in the device's memory (" +
                          format_bytes_exact(device_limit_) + " available to Loom, " +
                          format_bytes_exact(s_.device_local_bytes) +
                          " in use). Fix: use a smaller size or a smaller format.");
    }
    return {};
}

void MemoryTracker::on_allocate(ResourceKind kind, MemoryDomain domain, std::uint64_t bytes, std::string_view owner) {
    if (kind == ResourceKind::Buffer) {
        ++s_.buffer_count;
        s_.buffer_bytes += bytes;
    } else {
        ++s_.image_count;
        s_.image_bytes += bytes;
    }
    (domain == MemoryDomain::HostVisible ? s_.host_visible_bytes : s_.device_local_bytes) += bytes;
    s_.peak_bytes = std::max(s_.peak_bytes, s_.total_bytes());
    s_.peak_host_visible_bytes = std::max(s_.peak_host_visible_bytes, s_.host_visible_bytes);
    auto it = owners_.find(owner);
    if (it == owners_.end()) it = owners_.emplace(std::string(owner), 0).first;
    it->second += bytes;
}

void MemoryTracker::on_free(ResourceKind kind, MemoryDomain domain, std::uint64_t bytes, std::string_view owner) {
    auto sub = [](std::uint64_t& v, std::uint64_t d) {
        LOOM_ASSERT(v >= d, "memory tracker underflow: freeing more than was allocated");
        v -= d;
    };
    if (kind == ResourceKind::Buffer) {
        sub(s_.buffer_count, 1);
        sub(s_.buffer_bytes, bytes);
    } else {
        sub(s_.image_count, 1);
        sub(s_.image_bytes, bytes);
    }
    sub(domain == MemoryDomain::HostVisible ? s_.host_visible_bytes : s_.device_local_bytes, bytes);
    auto it = owners_.find(owner);
    LOOM_ASSERT(it != owners_.end(), "memory tracker: freeing for an owner that holds nothing");
    sub(it->second, bytes);
    if (it->second == 0) owners_.erase(it);
}

void MemoryTracker::on_memory_allocate(std::uint64_t bytes) {
    ++s_.memory_objects;
    s_.memory_bytes += bytes;
}

void MemoryTracker::on_memory_free(std::uint64_t bytes) {
    LOOM_ASSERT(s_.memory_objects > 0 && s_.memory_bytes >= bytes, "memory tracker: device memory underflow");
    --s_.memory_objects;
    s_.memory_bytes -= bytes;
}

std::uint64_t MemoryTracker::owner_bytes(std::string_view owner) const {
    auto it = owners_.find(owner);
    return it == owners_.end() ? 0 : it->second;
}

std::vector<std::pair<std::string, std::uint64_t>> MemoryTracker::per_owner() const {
    std::vector<std::pair<std::string, std::uint64_t>> v(owners_.begin(), owners_.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return v;
}

}  // namespace loom::gpu
