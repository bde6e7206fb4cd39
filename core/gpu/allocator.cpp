#include "core/gpu/allocator.hpp"

#include <spdlog/spdlog.h>

#include "core/base/assert.hpp"
#include "core/base/units.hpp"
#include "core/gpu/vk.hpp"

namespace loom::gpu {

Allocator::Allocator(VkDevice device, VkPhysicalDevice physical, MemoryTracker& tracker, Counters& counters)
    : device_(device), tracker_(tracker), counters_(counters) {
    vkGetPhysicalDeviceMemoryProperties(physical, &props_);
}

Allocator::~Allocator() {
    if (live_ != 0) spdlog::error("allocator destroyed with {} live allocations (a leak in Loom)", live_);
    for (Pool& p : pools_)
        for (Block& b : p.blocks) free_memory(b.memory, p.block_size);
}

Result<std::uint32_t> Allocator::pick_type(std::uint32_t bits, MemoryDomain domain, std::string_view what) const {
    const VkMemoryPropertyFlags required = domain == MemoryDomain::HostVisible
                                               ? VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
                                               : VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
    // Device-local: prefer types that are NOT host-visible (the fast VRAM on discrete GPUs).
    // Host-visible: prefer types that are NOT device-local (system memory), except where all are.
    int best = -1;
    int best_score = -1;
    for (std::uint32_t i = 0; i < props_.memoryTypeCount; ++i) {
        if (!(bits & (1u << i))) continue;
        const VkMemoryPropertyFlags f = props_.memoryTypes[i].propertyFlags;
        if ((f & required) != required) continue;
        int score = 1;
        if (domain == MemoryDomain::DeviceLocal && !(f & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT)) score = 2;
        if (domain == MemoryDomain::HostVisible && !(f & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT)) score = 2;
        if (score > best_score) best = static_cast<int>(i), best_score = score;
    }
    if (best < 0 && domain == MemoryDomain::DeviceLocal) {
        // Some devices have no DEVICE_LOCAL type that fits; any supported type will do.
        for (std::uint32_t i = 0; i < props_.memoryTypeCount; ++i)
            if (bits & (1u << i)) return i;
    }
    if (best < 0)
        return make_error("no memory type on this device can hold " + std::string(what) + " as " +
                          memory_domain_name(domain) + " memory");
    return static_cast<std::uint32_t>(best);
}

Result<VkDeviceMemory> Allocator::allocate_memory(VkDeviceSize size, std::uint32_t type, MemoryDomain domain,
                                                  VkImage dedicated_image, VkBuffer dedicated_buffer,
                                                  std::string_view what) {
    VkMemoryDedicatedAllocateInfo dedicated{VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO};
    dedicated.image = dedicated_image;
    dedicated.buffer = dedicated_buffer;
    VkMemoryAllocateInfo ai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    ai.allocationSize = size;
    ai.memoryTypeIndex = type;
    if (dedicated_image || dedicated_buffer) ai.pNext = &dedicated;
    VkDeviceMemory mem = VK_NULL_HANDLE;
    VkResult r = vkAllocateMemory(device_, &ai, nullptr, &mem);
    if (r != VK_SUCCESS) {
        return make_error("the GPU refused " + format_bytes(size) + " of " + memory_domain_name(domain) +
                          " memory for " + std::string(what) + " (" + vk_result_name(r) +
                          "). Fix: use a smaller size or format, or free other resources.");
    }
    counters_.on_create(ObjectKind::Memory);
    tracker_.on_memory_allocate(size);
    return mem;
}

void Allocator::free_memory(VkDeviceMemory memory, VkDeviceSize size) {
    vkFreeMemory(device_, memory, nullptr);
    counters_.on_destroy(ObjectKind::Memory);
    tracker_.on_memory_free(size);
}

AllocationId Allocator::new_record() {
    if (!free_ids_.empty()) {
        AllocationId id = free_ids_.back();
        free_ids_.pop_back();
        return id;
    }
    records_.emplace_back();
    return static_cast<AllocationId>(records_.size());
}

Result<AllocationId> Allocator::allocate(const AllocationRequest& rq, VkImage dedicated_image,
                                         VkBuffer dedicated_buffer) {
    const VkDeviceSize size = rq.requirements.size;
    if (auto b = tracker_.check_budget(rq.domain, size, rq.what); !b) return b.error();
    auto type = pick_type(rq.requirements.memoryTypeBits, rq.domain, rq.what);
    if (!type) return type.error();

    const VkDeviceSize threshold =
        rq.kind == ResourceKind::Image ? kImageDedicatedThreshold : kBufferDedicatedThreshold;
    const bool dedicated = rq.prefer_dedicated || size > threshold;
    const bool host = rq.domain == MemoryDomain::HostVisible;

    AllocationInfo info;
    std::uint32_t pool_index = 0, block_index = 0;
    if (dedicated) {
        auto mem = allocate_memory(size, *type, rq.domain, dedicated_image, dedicated_buffer, rq.what);
        if (!mem) return mem.error();
        info.memory = *mem;
        info.size = size;
        info.dedicated = true;
        if (host) {
            void* p = nullptr;
            LOOM_VK_CHECK(vkMapMemory(device_, info.memory, 0, VK_WHOLE_SIZE, 0, &p));
            info.mapped = static_cast<std::byte*>(p);
        }
    } else {
        // Find or make the pool for (type, kind, domain).
        const VkDeviceSize block_size = rq.kind == ResourceKind::Image ? kImageBlockSize : kBufferBlockSize;
        pool_index = UINT32_MAX;
        for (std::uint32_t i = 0; i < pools_.size(); ++i)
            if (pools_[i].type_index == *type && pools_[i].kind == rq.kind && pools_[i].domain == rq.domain)
                pool_index = i;
        if (pool_index == UINT32_MAX) {
            pools_.push_back(Pool{*type, rq.kind, rq.domain, block_size, {}});
            pool_index = static_cast<std::uint32_t>(pools_.size() - 1);
        }
        Pool& pool = pools_[pool_index];
        std::optional<VkDeviceSize> offset;
        for (block_index = 0; block_index < pool.blocks.size(); ++block_index) {
            offset = pool.blocks[block_index].space->allocate(size, rq.requirements.alignment);
            if (offset) break;
        }
        if (!offset) {
            auto mem = allocate_memory(block_size, *type, rq.domain, VK_NULL_HANDLE, VK_NULL_HANDLE, rq.what);
            if (!mem) return mem.error();
            Block b;
            b.memory = *mem;
            b.space = std::make_unique<BlockAllocator>(block_size);
            if (host) {
                void* p = nullptr;
                LOOM_VK_CHECK(vkMapMemory(device_, b.memory, 0, VK_WHOLE_SIZE, 0, &p));
                b.mapped = static_cast<std::byte*>(p);
            }
            pool.blocks.push_back(std::move(b));
            block_index = static_cast<std::uint32_t>(pool.blocks.size() - 1);
            offset = pool.blocks[block_index].space->allocate(size, rq.requirements.alignment);
            LOOM_ASSERT(offset.has_value(), "a fresh block must fit a small allocation");
        }
        Block& b = pool.blocks[block_index];
        info.memory = b.memory;
        info.offset = *offset;
        info.size = size;
        info.mapped = b.mapped ? b.mapped + *offset : nullptr;
    }

    const AllocationId id = new_record();
    Record& rec = records_[id - 1];
    rec.info = info;
    rec.pool = pool_index;
    rec.block = block_index;
    rec.kind = rq.kind;
    rec.domain = rq.domain;
    rec.resource_bytes = size;
    rec.owner.assign(rq.owner);
    rec.live = true;
    ++live_;
    tracker_.on_allocate(rq.kind, rq.domain, size, rq.owner);
    return id;
}

void Allocator::free(AllocationId id) {
    LOOM_ASSERT(id != 0 && id <= records_.size() && records_[id - 1].live, "freeing an unknown allocation");
    Record& rec = records_[id - 1];
    tracker_.on_free(rec.kind, rec.domain, rec.resource_bytes, rec.owner);
    if (rec.info.dedicated) {
        free_memory(rec.info.memory, rec.info.size);
    } else {
        Pool& pool = pools_[rec.pool];
        Block& b = pool.blocks[rec.block];
        b.space->free(rec.info.offset, rec.info.size);
        // Keep one empty block per pool for reuse: a resize or a chain swap frees and allocates
        // the same amount again, and giving the block back to the driver each time made the
        // device memory (and the RSS of drivers that map it) step up and down every swap.
        // A second empty block goes back to the driver, so at most one block's worth is kept idle.
        bool other_empty = false;
        if (b.space->empty())
            for (std::uint32_t i = 0; i < pool.blocks.size(); ++i)
                other_empty = other_empty || (i != rec.block && pool.blocks[i].space->empty());
        if (b.space->empty() && other_empty) {
            free_memory(b.memory, pool.block_size);
            // Blocks are referenced by index from live records: move the last block into the hole.
            const std::uint32_t last = static_cast<std::uint32_t>(pool.blocks.size() - 1);
            if (rec.block != last) {
                pool.blocks[rec.block] = std::move(pool.blocks[last]);
                for (Record& r : records_)
                    if (r.live && !r.info.dedicated && r.pool == rec.pool && r.block == last) r.block = rec.block;
            }
            pool.blocks.pop_back();
        }
    }
    rec.live = false;
    rec.info = {};
    --live_;
    free_ids_.push_back(id);
}

const AllocationInfo& Allocator::info(AllocationId id) const {
    LOOM_ASSERT(id != 0 && id <= records_.size() && records_[id - 1].live, "unknown allocation");
    return records_[id - 1].info;
}

std::size_t Allocator::block_count() const {
    std::size_t n = 0;
    for (const Pool& p : pools_) n += p.blocks.size();
    return n;
}

}  // namespace loom::gpu
