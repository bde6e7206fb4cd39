// core/gpu/allocator.hpp — Loom's own device memory allocator (VMA is not packaged on Debian).
//
// Policy:
//  - Images and static buffers: DEVICE_LOCAL. Staging, uniforms, readback: HOST_VISIBLE|COHERENT,
//    mapped once for their whole life.
//  - Small resources are suballocated from blocks (16 MiB for buffers, 64 MiB for images; buffers
//    and images never share a block, which sidesteps bufferImageGranularity).
//  - Large resources (buffers over 4 MiB, images over 8 MiB, or a driver's preference) get a
//    dedicated VkDeviceMemory.
//  - An empty block is freed, except the last one of its pool, so a resize does not thrash.
//  - Every request passes MemoryTracker::check_budget() first.
//
// An allocation is named by a small id; Allocator::info(id) gives its memory, offset and mapping.
// Not thread-safe: owned by Device, used from the frame loop's thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <vulkan/vulkan.h>

#include <loom/result.hpp>

#include "core/gpu/block_allocator.hpp"
#include "core/gpu/counters.hpp"
#include "core/gpu/memory_tracker.hpp"

namespace loom::gpu {

using AllocationId = std::uint32_t;  // 0 is "none"

struct AllocationInfo {
    VkDeviceMemory memory = VK_NULL_HANDLE;
    VkDeviceSize offset = 0;
    VkDeviceSize size = 0;       // bytes reserved for the resource (its memory requirement)
    std::byte* mapped = nullptr;  // host-visible only: pointer at `offset`
    bool dedicated = false;
};

struct AllocationRequest {
    VkMemoryRequirements requirements{};
    ResourceKind kind = ResourceKind::Buffer;
    MemoryDomain domain = MemoryDomain::DeviceLocal;
    bool prefer_dedicated = false;
    std::string_view what;   // for messages: "image 'blur' 1280x720 RGBA16F"
    std::string_view owner;  // operator name for per-owner bytes ("" if none)
};

class Allocator {
public:
    static constexpr VkDeviceSize kBufferBlockSize = 16ull << 20;
    static constexpr VkDeviceSize kImageBlockSize = 64ull << 20;
    static constexpr VkDeviceSize kBufferDedicatedThreshold = 4ull << 20;
    static constexpr VkDeviceSize kImageDedicatedThreshold = 8ull << 20;

    Allocator(VkDevice device, VkPhysicalDevice physical, MemoryTracker& tracker, Counters& counters);
    ~Allocator();
    Allocator(const Allocator&) = delete;
    Allocator& operator=(const Allocator&) = delete;

    Result<AllocationId> allocate(const AllocationRequest& request, VkImage dedicated_image = VK_NULL_HANDLE,
                                  VkBuffer dedicated_buffer = VK_NULL_HANDLE);
    void free(AllocationId id);
    const AllocationInfo& info(AllocationId id) const;

    std::size_t block_count() const;
    std::size_t live_allocations() const { return live_; }
    const VkPhysicalDeviceMemoryProperties& memory_properties() const { return props_; }

private:
    struct Block {
        VkDeviceMemory memory = VK_NULL_HANDLE;
        std::byte* mapped = nullptr;
        std::unique_ptr<BlockAllocator> space;
    };
    struct Pool {
        std::uint32_t type_index;
        ResourceKind kind;
        MemoryDomain domain;
        VkDeviceSize block_size;
        std::vector<Block> blocks;
    };
    struct Record {
        AllocationInfo info;
        std::uint32_t pool = 0;
        std::uint32_t block = 0;
        ResourceKind kind = ResourceKind::Buffer;
        MemoryDomain domain = MemoryDomain::DeviceLocal;
        VkDeviceSize resource_bytes = 0;
        std::string owner;
        bool live = false;
    };

    Result<std::uint32_t> pick_type(std::uint32_t type_bits, MemoryDomain domain, std::string_view what) const;
    Result<VkDeviceMemory> allocate_memory(VkDeviceSize size, std::uint32_t type, MemoryDomain domain,
                                           VkImage dedicated_image, VkBuffer dedicated_buffer,
                                           std::string_view what);
    void free_memory(VkDeviceMemory memory, VkDeviceSize size);
    AllocationId new_record();

    VkDevice device_;
    VkPhysicalDeviceMemoryProperties props_{};
    MemoryTracker& tracker_;
    Counters& counters_;
    std::vector<Pool> pools_;
    std::vector<Record> records_;  // index = id - 1
    std::vector<AllocationId> free_ids_;
    std::size_t live_ = 0;
};

}  // namespace loom::gpu
