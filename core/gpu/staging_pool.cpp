#include "core/gpu/staging_pool.hpp"

#include <bit>

#include "core/gpu/device.hpp"

namespace loom::gpu {

std::uint32_t staging_bucket(VkDeviceSize size) {
    constexpr VkDeviceSize kMin = 64 * 1024;
    const VkDeviceSize s = size < kMin ? kMin : size;
    return static_cast<std::uint32_t>(std::bit_width(s - 1));
}

int staging_match(std::span<const StagingKey> keys, VkBufferUsageFlags usage, std::uint32_t bucket) {
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i].bucket == bucket && (keys[i].usage & usage) == usage) return static_cast<int>(i);
    return -1;
}

StagingPool::StagingPool(Device& device) : device_(device), pending_(device.frames_in_flight()) {}

Result<Buffer> StagingPool::acquire(VkDeviceSize size, VkBufferUsageFlags usage, const char* name) {
    const std::uint32_t bucket = staging_bucket(size);
    if (int i = staging_match(free_keys_, usage, bucket); i >= 0) {
        ++hits_;
        Buffer b = std::move(free_[static_cast<std::size_t>(i)]);
        free_.erase(free_.begin() + i);
        free_keys_.erase(free_keys_.begin() + i);
        return b;
    }
    ++misses_;
    BufferDesc d;
    d.size = VkDeviceSize(1) << bucket;
    d.usage = usage;
    d.domain = MemoryDomain::HostVisible;
    d.name = name;
    d.owner = "staging";
    return device_.create_buffer(d);
}

void StagingPool::release(Buffer&& buffer) {
    if (buffer) pending_[slot_].push_back(std::move(buffer));
}

void StagingPool::begin_frame(std::uint32_t slot) {
    slot_ = slot;
    for (Buffer& b : pending_[slot]) {
        free_keys_.push_back({b.usage(), staging_bucket(b.size())});
        free_.push_back(std::move(b));
    }
    pending_[slot].clear();
}

std::uint64_t StagingPool::pooled_bytes() const {
    std::uint64_t n = 0;
    for (const Buffer& b : free_) n += b.size();
    return n;
}

}  // namespace loom::gpu
