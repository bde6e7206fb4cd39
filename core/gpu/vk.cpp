#include "core/gpu/vk.hpp"

#include <atomic>
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

}  // namespace loom::gpu
