// core/gpu/frame_context.hpp — frames in flight: one command buffer, fence and timestamp pool per slot.
//
// begin_frame() takes the next slot, waits for its fence (the GPU finished the frame recorded in
// it kFramesInFlight frames ago), reads that frame's timestamps, runs the deferred deleter for
// the slot, resets the slot's command pool and begins its one command buffer. submit() ends it
// and submits it: one vkQueueSubmit2 per frame (split(), for the naive mode benches compare
// against, adds a submit and a command buffer). wait_idle() drains every slot.
// Single-threaded.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <vulkan/vulkan.h>

#include "core/gpu/resources.hpp"

namespace loom::gpu {

class Device;

class FrameContext {
public:
    explicit FrameContext(Device& device);
    ~FrameContext();
    FrameContext(const FrameContext&) = delete;
    FrameContext& operator=(const FrameContext&) = delete;

    VkCommandBuffer begin_frame();
    // Waits on / signals the given semaphores (a swapchain image's), when not null.
    struct SubmitSync {
        VkSemaphore wait = VK_NULL_HANDLE;
        VkPipelineStageFlags2 wait_stage = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
        VkSemaphore signal = VK_NULL_HANDLE;
    };
    void submit(const SubmitSync& sync);
    void submit() { submit(SubmitSync{}); }
    // Ends and submits the command buffer recorded so far (no fence, no semaphores) and begins
    // another of the same slot: cmd() changes. Queue order keeps the barriers recorded before
    // valid. Only the naive mode that benches compare against uses it.
    void split();
    void wait_idle();

    VkCommandBuffer cmd() const { return slots_[slot_].current; }
    std::uint32_t slot() const { return slot_; }
    std::uint32_t slot_count() const { return static_cast<std::uint32_t>(slots_.size()); }
    // Frames begun so far; the current frame's index is frames_begun() - 1.
    std::uint64_t frames_begun() const { return frames_begun_; }

    // Timestamp queries of the current frame. Reserve before the frame's first timestamp (it may
    // recreate the pools, which only happens when the chain grows). write_timestamp returns the
    // query index, or UINT32_MAX when the capacity is used up.
    void reserve_timestamps(std::uint32_t count);
    std::uint32_t write_timestamp(VkPipelineStageFlags2 stage);

    // Timestamps (in nanoseconds, relative to nothing in particular) that the frame previously
    // recorded in this slot wrote, valid after begin_frame(). Empty before the slot's first reuse.
    std::span<const std::uint64_t> completed_timestamps() const;
    // Frame index those timestamps belong to (UINT64_MAX if none).
    std::uint64_t completed_frame() const { return slots_[slot_].completed_frame; }
    bool timestamps_supported() const { return timestamps_supported_; }

private:
    struct Slot {
        CommandPool pool;
        VkCommandBuffer cmd = VK_NULL_HANDLE;
        VkCommandBuffer current = VK_NULL_HANDLE;  // cmd, or one of `more` after split()
        std::vector<VkCommandBuffer> more;         // split()'s, kept for the slot's next frames
        std::uint32_t more_used = 0;
        Fence fence;
        QueryPool queries;
        std::uint32_t capacity = 0;  // grows to wanted_timestamps_ when the slot is not in flight
        std::uint32_t used = 0;
        bool submitted = false;
        std::uint64_t frame = UINT64_MAX;
        std::uint64_t completed_frame = UINT64_MAX;
        std::vector<std::uint64_t> results;
        std::uint32_t result_count = 0;
    };
    void collect(Slot& s);
    void end_and_submit(const SubmitSync& sync, VkFence fence);  // the slot's current command buffer
    void grow_timestamps(Slot& s, bool reset_now);

    Device& device_;
    std::vector<Slot> slots_;
    std::uint32_t wanted_timestamps_ = 0;
    std::uint32_t slot_ = 0;
    std::uint64_t frames_begun_ = 0;
    bool recording_ = false;
    bool timestamps_supported_ = false;
    double ns_per_tick_ = 1.0;
    std::uint64_t valid_mask_ = ~0ull;
};

}  // namespace loom::gpu
