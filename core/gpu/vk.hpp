// core/gpu/vk.hpp — Vulkan include, the checked-call macro, result names and small command helpers.
//
// LOOM_VK_CHECK is for calls that only fail on a bug or a dead device. VK_ERROR_DEVICE_LOST and
// the out-of-memory results take one fatal, clean path: a DeviceFatal exception that the
// program's top level turns into a message and a non-zero exit. Any other failure is a bug and
// aborts with the expression, the result name and the location.
// Calls that can fail because of user input (allocation of a user-sized image) return a Result.
#pragma once

#include <stdexcept>
#include <string>

#include <vulkan/vulkan.h>

#include <loom/types.hpp>

namespace loom::gpu {

const char* vk_result_name(VkResult result);

// Thrown for device loss and exhausted memory: the frame loop cannot continue.
class DeviceFatal : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

[[noreturn]] void vk_check_failed(const char* expr, VkResult result, const char* file, int line);

// Waits for `fence` at most `gpu_timeout()` (30 s, or LOOM_GPU_TIMEOUT_S seconds): a hung or lost
// GPU must end Loom with a message, never hang it. A timeout is fatal like device loss
// (DeviceFatal, naming `what` and the seconds waited).
void wait_fence(VkDevice device, VkFence fence, const char* what);
// The same wait without the fatal path: VK_TIMEOUT comes back as it is (for tests).
VkResult wait_fence_for(VkDevice device, VkFence fence, double seconds);
double gpu_timeout();

// True once a DeviceFatal was thrown: from then on, teardown skips every wait on the GPU (a
// lost device never signals) and only destroys.
bool device_fatal();

// Viewport and scissor over the whole of an `extent` target (depth 0..1), for the pipelines that
// set both dynamically.
void set_viewport(VkCommandBuffer cmd, Extent extent);

}  // namespace loom::gpu

#define LOOM_VK_CHECK(expr)                                                              \
    do {                                                                                 \
        VkResult loom_vk_result_ = (expr);                                               \
        if (loom_vk_result_ != VK_SUCCESS)                                               \
            ::loom::gpu::vk_check_failed(#expr, loom_vk_result_, __FILE__, __LINE__);    \
    } while (0)
