// core/gpu/block_allocator.hpp — offset allocator inside one memory block (pure logic, no Vulkan).
//
// First fit over a free list sorted by offset; frees coalesce with both neighbours. Alignment
// padding in front of an allocation stays free as its own range, so free(offset, size) releases
// exactly what allocate() returned. Not thread-safe: the owning Allocator serialises access.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace loom::gpu {

class BlockAllocator {
public:
    explicit BlockAllocator(std::uint64_t size);

    // Returns the aligned offset, or nothing when no free range fits. `alignment` is a power of two.
    std::optional<std::uint64_t> allocate(std::uint64_t size, std::uint64_t alignment);
    // Releases [offset, offset + size). Freeing what was not allocated is a bug (asserted).
    void free(std::uint64_t offset, std::uint64_t size);

    std::uint64_t size() const { return size_; }
    std::uint64_t used() const { return used_; }
    bool empty() const { return used_ == 0; }
    std::size_t free_range_count() const { return free_.size(); }
    std::uint64_t largest_free_range() const;

private:
    struct Range {
        std::uint64_t offset;
        std::uint64_t size;
    };
    std::uint64_t size_;
    std::uint64_t used_ = 0;
    std::vector<Range> free_;
};

}  // namespace loom::gpu
