// core/gpu/staging_pool.hpp — host-visible buffers reused across uploads and readbacks.
//
// acquire() hands out a free buffer whose usage flags include the requested ones and whose size
// is the request rounded up to a power-of-two bucket (64 KiB at least); only on a miss does it
// create one. release(buffer) returns it once the current frame slot has finished on the GPU
// (begin_frame of that slot). The hit rate goes into stats.
// Single-threaded (the frame loop's thread).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <vulkan/vulkan.h>

#include <loom/result.hpp>

#include "core/gpu/resources.hpp"

namespace loom::gpu {

class Device;

struct StagingKey {
    VkBufferUsageFlags usage = 0;
    std::uint32_t bucket = 0;  // log2 of the size
};

// Pure helpers, tested without a GPU.
std::uint32_t staging_bucket(VkDeviceSize size);  // smallest b with 2^b >= max(size, 64 KiB)
// Index of the first free entry with usage ⊇ `usage` and the same bucket, or -1.
int staging_match(std::span<const StagingKey> free_keys, VkBufferUsageFlags usage, std::uint32_t bucket);

class StagingPool {
public:
    explicit StagingPool(Device& device);

    Result<Buffer> acquire(VkDeviceSize size, VkBufferUsageFlags usage, const char* name);
    // The GPU may still use it until the current slot comes round again.
    void release(Buffer&& buffer);
    void begin_frame(std::uint32_t slot);

    std::uint64_t hits() const { return hits_; }
    std::uint64_t misses() const { return misses_; }
    double hit_rate() const { return hits_ + misses_ ? double(hits_) / double(hits_ + misses_) : 0.0; }
    std::size_t pooled_count() const { return free_.size(); }
    std::uint64_t pooled_bytes() const;

private:
    Device& device_;
    std::vector<StagingKey> free_keys_;
    std::vector<Buffer> free_;
    std::vector<std::vector<Buffer>> pending_;  // per frame slot
    std::uint32_t slot_ = 0;
    std::uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace loom::gpu
