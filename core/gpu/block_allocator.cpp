#include "core/gpu/block_allocator.hpp"

#include <algorithm>

#include "core/base/assert.hpp"

namespace loom::gpu {

BlockAllocator::BlockAllocator(std::uint64_t size) : size_(size) { free_.push_back({0, size}); }

std::optional<std::uint64_t> BlockAllocator::allocate(std::uint64_t size, std::uint64_t alignment) {
    LOOM_ASSERT(size > 0, "zero-sized suballocation");
    LOOM_ASSERT(alignment && (alignment & (alignment - 1)) == 0, "alignment must be a power of two");
    for (std::size_t i = 0; i < free_.size(); ++i) {
        Range r = free_[i];
        const std::uint64_t aligned = (r.offset + alignment - 1) & ~(alignment - 1);
        const std::uint64_t pad = aligned - r.offset;
        if (pad + size > r.size) continue;
        const std::uint64_t tail = r.size - pad - size;
        // Replace r by [padding] and [tail], keeping the list sorted.
        if (pad && tail) {
            free_[i] = {r.offset, pad};
            free_.insert(free_.begin() + static_cast<std::ptrdiff_t>(i) + 1, Range{aligned + size, tail});
        } else if (pad) {
            free_[i] = {r.offset, pad};
        } else if (tail) {
            free_[i] = {aligned + size, tail};
        } else {
            free_.erase(free_.begin() + static_cast<std::ptrdiff_t>(i));
        }
        used_ += size;
        return aligned;
    }
    return std::nullopt;
}

void BlockAllocator::free(std::uint64_t offset, std::uint64_t size) {
    LOOM_ASSERT(offset + size <= size_ && size <= used_, "free outside the block");
    auto it = std::lower_bound(free_.begin(), free_.end(), offset,
                               [](const Range& r, std::uint64_t o) { return r.offset < o; });
    LOOM_ASSERT(it == free_.end() || it->offset >= offset + size, "double free (overlaps the next free range)");
    LOOM_ASSERT(it == free_.begin() || std::prev(it)->offset + std::prev(it)->size <= offset,
                "double free (overlaps the previous free range)");
    used_ -= size;
    it = free_.insert(it, Range{offset, size});
    // Coalesce with the next range, then with the previous one.
    auto next = std::next(it);
    if (next != free_.end() && it->offset + it->size == next->offset) {
        it->size += next->size;
        free_.erase(next);
    }
    if (it != free_.begin()) {
        auto prev = std::prev(it);
        if (prev->offset + prev->size == it->offset) {
            prev->size += it->size;
            free_.erase(it);
        }
    }
}

std::uint64_t BlockAllocator::largest_free_range() const {
    std::uint64_t m = 0;
    for (const Range& r : free_) m = std::max(m, r.size);
    return m;
}

}  // namespace loom::gpu
