#include "core/gpu/frame_context.hpp"

#include <algorithm>

#include "core/base/assert.hpp"
#include "core/gpu/device.hpp"
#include "core/gpu/vk.hpp"

namespace loom::gpu {

FrameContext::FrameContext(Device& device) : device_(device), slots_(device.frames_in_flight()) {
    const auto& limits = device.limits();
    timestamps_supported_ = limits.timestampComputeAndGraphics && limits.timestampPeriod > 0;
    ns_per_tick_ = limits.timestampPeriod;
    std::uint32_t family_count = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(device.physical(), &family_count, nullptr);
    std::vector<VkQueueFamilyProperties> fams(family_count);
    vkGetPhysicalDeviceQueueFamilyProperties(device.physical(), &family_count, fams.data());
    const std::uint32_t bits = fams[device.queue_family()].timestampValidBits;
    if (bits == 0) timestamps_supported_ = false;
    valid_mask_ = bits >= 64 ? ~0ull : ((1ull << bits) - 1);

    for (std::uint32_t i = 0; i < slots_.size(); ++i) {
        Slot& s = slots_[i];
        s.pool = device.create_command_pool("frame");
        VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
        ai.commandPool = s.pool.get();
        ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        ai.commandBufferCount = 1;
        LOOM_VK_CHECK(vkAllocateCommandBuffers(device.vk(), &ai, &s.cmd));
        s.fence = device.create_fence(false, "frame");
    }
    wanted_timestamps_ = 64;
    if (timestamps_supported_)
        for (Slot& s : slots_) grow_timestamps(s, false);
}

FrameContext::~FrameContext() {
    try {
        wait_idle();
    } catch (const DeviceFatal&) {
        // Reported where it was thrown; destruction goes on.
    }
}

void FrameContext::reserve_timestamps(std::uint32_t count) {
    if (!timestamps_supported_) return;
    wanted_timestamps_ = std::max(wanted_timestamps_, count);
    // Only the slot being recorded grows now (its frame has written no timestamp yet); a slot
    // still in flight keeps its pool until begin_frame() has collected its results.
    if (recording_) grow_timestamps(slots_[slot_], true);
}

void FrameContext::grow_timestamps(Slot& s, bool reset_now) {
    if (s.capacity >= wanted_timestamps_) return;
    LOOM_ASSERT(s.used == 0, "timestamp pools grow before the frame's first timestamp");
    // Grow in steps, so a chain that grows one operator at a time does not recreate each time.
    const std::uint32_t cap = std::max(wanted_timestamps_, s.capacity * 2);
    s.queries = device_.create_timestamp_pool(cap, "frame-timestamps");
    s.capacity = cap;
    s.results.assign(cap, 0);
    if (reset_now) vkCmdResetQueryPool(s.current, s.queries.get(), 0, cap);
}

std::uint32_t FrameContext::write_timestamp(VkPipelineStageFlags2 stage) {
    Slot& s = slots_[slot_];
    if (!timestamps_supported_ || s.used >= s.capacity || !s.queries) return UINT32_MAX;
    vkCmdWriteTimestamp2(s.current, stage, s.queries.get(), s.used);
    return s.used++;
}

void FrameContext::collect(Slot& s) {
    s.result_count = 0;
    s.completed_frame = UINT64_MAX;
    if (!s.submitted) return;
    wait_fence(device_.vk(), s.fence.get(), "a frame");
    LOOM_VK_CHECK(vkResetFences(device_.vk(), 1, &s.fence.get_ref()));
    s.submitted = false;
    if (timestamps_supported_ && s.used > 0 && s.queries) {
        VkResult r = vkGetQueryPoolResults(device_.vk(), s.queries.get(), 0, s.used, s.used * sizeof(std::uint64_t),
                                           s.results.data(), sizeof(std::uint64_t), VK_QUERY_RESULT_64_BIT);
        if (r == VK_SUCCESS) {
            for (std::uint32_t i = 0; i < s.used; ++i)
                s.results[i] = static_cast<std::uint64_t>(double(s.results[i] & valid_mask_) * ns_per_tick_);
            s.result_count = s.used;
            s.completed_frame = s.frame;
        }
    }
}

VkCommandBuffer FrameContext::begin_frame() {
    LOOM_ASSERT(!recording_, "begin_frame twice without submit");
    slot_ = static_cast<std::uint32_t>(frames_begun_ % slots_.size());
    Slot& s = slots_[slot_];
    collect(s);
    device_.deleter().begin_frame(slot_);
    LOOM_VK_CHECK(vkResetCommandPool(device_.vk(), s.pool.get(), 0));
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    LOOM_VK_CHECK(vkBeginCommandBuffer(s.cmd, &bi));
    ++device_.counters().command_buffers_begun;
    s.current = s.cmd;
    s.more_used = 0;
    s.used = 0;
    s.frame = frames_begun_;
    if (timestamps_supported_) grow_timestamps(s, false);
    if (timestamps_supported_ && s.queries) vkCmdResetQueryPool(s.cmd, s.queries.get(), 0, s.capacity);
    recording_ = true;
    ++frames_begun_;
    return s.cmd;
}

void FrameContext::end_and_submit(const SubmitSync& sync, VkFence fence) {
    Slot& s = slots_[slot_];
    LOOM_VK_CHECK(vkEndCommandBuffer(s.current));
    VkCommandBufferSubmitInfo ci{VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO};
    ci.commandBuffer = s.current;
    VkSubmitInfo2 si{VK_STRUCTURE_TYPE_SUBMIT_INFO_2};
    si.commandBufferInfoCount = 1;
    si.pCommandBufferInfos = &ci;
    VkSemaphoreSubmitInfo wait{VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO};
    VkSemaphoreSubmitInfo signal{VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO};
    if (sync.wait) {
        wait.semaphore = sync.wait;
        wait.stageMask = sync.wait_stage;
        si.waitSemaphoreInfoCount = 1;
        si.pWaitSemaphoreInfos = &wait;
    }
    if (sync.signal) {
        signal.semaphore = sync.signal;
        signal.stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
        si.signalSemaphoreInfoCount = 1;
        si.pSignalSemaphoreInfos = &signal;
    }
    LOOM_VK_CHECK(vkQueueSubmit2(device_.queue(), 1, &si, fence));
    ++device_.counters().submits;
}

void FrameContext::submit(const SubmitSync& sync) {
    LOOM_ASSERT(recording_, "submit without begin_frame");
    Slot& s = slots_[slot_];
    end_and_submit(sync, s.fence.get());
    s.submitted = true;
    recording_ = false;
}

void FrameContext::split() {
    LOOM_ASSERT(recording_, "split without begin_frame");
    Slot& s = slots_[slot_];
    end_and_submit(SubmitSync{}, VK_NULL_HANDLE);
    if (s.more_used == s.more.size()) {
        VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
        ai.commandPool = s.pool.get();
        ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        ai.commandBufferCount = 1;
        s.more.push_back(VK_NULL_HANDLE);
        LOOM_VK_CHECK(vkAllocateCommandBuffers(device_.vk(), &ai, &s.more.back()));
    }
    s.current = s.more[s.more_used++];
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    LOOM_VK_CHECK(vkBeginCommandBuffer(s.current, &bi));
    ++device_.counters().command_buffers_begun;
}

void FrameContext::wait_idle() {
    if (device_fatal()) {  // nothing will ever signal; a frame cut short stays unsubmitted
        recording_ = false;
        for (Slot& s : slots_) s.submitted = false;
        return;
    }
    LOOM_ASSERT(!recording_, "wait_idle while a frame is being recorded");
    for (Slot& s : slots_) {
        if (!s.submitted) continue;
        wait_fence(device_.vk(), s.fence.get(), "the frames in flight");
    }
}

std::span<const std::uint64_t> FrameContext::completed_timestamps() const {
    const Slot& s = slots_[slot_];
    return {s.results.data(), s.result_count};
}

}  // namespace loom::gpu
