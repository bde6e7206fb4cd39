#include "core/gpu/vk.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <spdlog/spdlog.h>

namespace loom::gpu {

const char* vk_result_name(VkResult r) {
    switch (r) {
#define LOOM_CASE(x) \
    case x: return #x;
        LOOM_CASE(VK_SUCCESS)
        LOOM_CASE(VK_NOT_READY)
        LOOM_CASE(VK_TIMEOUT)
        LOOM_CASE(VK_EVENT_SET)
        LOOM_CASE(VK_EVENT_RESET)
        LOOM_CASE(VK_INCOMPLETE)
        LOOM_CASE(VK_ERROR_OUT_OF_HOST_MEMORY)
        LOOM_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY)
        LOOM_CASE(VK_ERROR_INITIALIZATION_FAILED)
        LOOM_CASE(VK_ERROR_DEVICE_LOST)
        LOOM_CASE(VK_ERROR_MEMORY_MAP_FAILED)
        LOOM_CASE(VK_ERROR_LAYER_NOT_PRESENT)
        LOOM_CASE(VK_ERROR_EXTENSION_NOT_PRESENT)
        LOOM_CASE(VK_ERROR_FEATURE_NOT_PRESENT)
        LOOM_CASE(VK_ERROR_INCOMPATIBLE_DRIVER)
        LOOM_CASE(VK_ERROR_TOO_MANY_OBJECTS)
        LOOM_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED)
        LOOM_CASE(VK_ERROR_FRAGMENTED_POOL)
        LOOM_CASE(VK_ERROR_UNKNOWN)
        LOOM_CASE(VK_ERROR_OUT_OF_POOL_MEMORY)
        LOOM_CASE(VK_ERROR_INVALID_EXTERNAL_HANDLE)
        LOOM_CASE(VK_ERROR_FRAGMENTATION)
        LOOM_CASE(VK_PIPELINE_COMPILE_REQUIRED)
        LOOM_CASE(VK_ERROR_SURFACE_LOST_KHR)
        LOOM_CASE(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR)
        LOOM_CASE(VK_SUBOPTIMAL_KHR)
        LOOM_CASE(VK_ERROR_OUT_OF_DATE_KHR)
        LOOM_CASE(VK_ERROR_VALIDATION_FAILED_EXT)
#undef LOOM_CASE
        default: return "VK_RESULT_UNKNOWN";
    }
}

namespace {
std::atomic<bool> g_fatal{false};
}

bool device_fatal() { return g_fatal.load(std::memory_order_relaxed); }

double gpu_timeout() {
    static const double seconds = [] {
        const char* env = std::getenv("LOOM_GPU_TIMEOUT_S");
        const double v = env ? std::atof(env) : 0.0;
        return v > 0.0 ? v : 30.0;
    }();
    return seconds;
}

VkResult wait_fence_for(VkDevice device, VkFence fence, double seconds) {
    const auto ns = static_cast<std::uint64_t>(std::min(seconds, 1.0e9) * 1.0e9);
    return vkWaitForFences(device, 1, &fence, VK_TRUE, ns);
}

void wait_fence(VkDevice device, VkFence fence, const char* what) {
    const double seconds = gpu_timeout();
    const VkResult r = wait_fence_for(device, fence, seconds);
    if (r == VK_TIMEOUT) {
        g_fatal.store(true, std::memory_order_relaxed);
        char msg[256];
        std::snprintf(msg, sizeof msg,
                      "the GPU did not finish %s within %.0f s: it is hung or lost. Fix: restart Loom; if one "
                      "frame really takes longer, raise LOOM_GPU_TIMEOUT_S",
                      what, seconds);
        spdlog::error("{}", msg);
        throw DeviceFatal(msg);
    }
    if (r != VK_SUCCESS) vk_check_failed("vkWaitForFences", r, __FILE__, __LINE__);
}

void vk_check_failed(const char* expr, VkResult r, const char* file, int line) {
    spdlog::error("{} returned {} at {}:{}", expr, vk_result_name(r), file, line);
    if (r == VK_ERROR_DEVICE_LOST || r == VK_ERROR_OUT_OF_DEVICE_MEMORY || r == VK_ERROR_OUT_OF_HOST_MEMORY) {
        g_fatal.store(true, std::memory_order_relaxed);
        throw DeviceFatal(std::string(vk_result_name(r)) + " from " + expr +
                          ": the GPU can no longer run this frame loop");
    }
    spdlog::default_logger()->flush();
    std::abort();
}

void set_viewport(VkCommandBuffer cmd, Extent e) {
    const VkViewport vp{0.0f, 0.0f, float(e.width), float(e.height), 0.0f, 1.0f};
    const VkRect2D sc{{0, 0}, {e.width, e.height}};
    vkCmdSetViewport(cmd, 0, 1, &vp);
    vkCmdSetScissor(cmd, 0, 1, &sc);
}

}  // namespace loom::gpu
