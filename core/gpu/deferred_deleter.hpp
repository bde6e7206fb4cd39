// core/gpu/deferred_deleter.hpp — objects retired by a frame are destroyed once its fence signals.
//
// A resource handle's destructor calls retire(); the object joins the list of the current frame
// slot. When the frame loop comes back to that slot it waits for the slot's fence (the GPU is done
// with everything recorded then) and calls begin_frame(slot), which destroys the slot's objects
// in the order they were retired. flush_all() is for a device that is idle (shutdown, tests).
//
// One destroy function serves every object (no std::function per object); the Retired record is
// plain data. Not thread-safe: the frame loop's thread owns it.
#pragma once

#include <cstdint>
#include <vector>

#include "core/gpu/counters.hpp"

namespace loom::gpu {

struct Retired {
    ObjectKind kind = ObjectKind::Count;
    std::uint64_t handle = 0;
    std::uint64_t parent = 0;   // descriptor pool of a descriptor set, command pool of a buffer
    std::uint64_t memory = 0;   // allocation id to release with the object (0: none)
};

class DeferredDeleter {
public:
    using DestroyFn = void (*)(void* user, const Retired& object);

    DeferredDeleter(std::uint32_t frames_in_flight, DestroyFn destroy, void* user);
    DeferredDeleter(const DeferredDeleter&) = delete;
    DeferredDeleter& operator=(const DeferredDeleter&) = delete;

    void retire(const Retired& object);
    // The slot's fence has signalled: destroy what it retired, then make it the current slot.
    void begin_frame(std::uint32_t slot);
    // Destroys everything pending, in retirement order per slot, oldest slot first. Device idle.
    void flush_all();

    std::uint32_t current_slot() const { return current_; }
    std::size_t pending() const;
    std::uint32_t frames_in_flight() const { return static_cast<std::uint32_t>(slots_.size()); }

private:
    void destroy_slot(std::uint32_t slot);
    std::vector<std::vector<Retired>> slots_;
    std::uint32_t current_ = 0;
    DestroyFn destroy_;
    void* user_;
};

}  // namespace loom::gpu
