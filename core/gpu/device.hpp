// core/gpu/device.hpp — the Vulkan instance, the chosen physical device, the logical device and
// the services every GPU object goes through (allocator, tracker, deleter, counters, samplers,
// pipeline cache, validation log).
//
// Device choice: `auto` takes a discrete GPU first, then any other GPU, then a CPU device
// (Mesa's lavapipe); `software` takes a CPU device; a number takes that device index (as listed by
// `loom info`). LOOM_GPU in the environment overrides what the program asked for.
// Requirements: Vulkan 1.3 with dynamicRendering and synchronization2.
//
// With validation on, the Khronos validation layer reports through a debug messenger into the
// ValidationLog (and spdlog); tests assert the log stays empty.
//
// Lifetime: create() once; everything created from a Device must be gone before it is destroyed
// (the destructor waits for the GPU and flushes the deferred deleter). Single-threaded.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <vulkan/vulkan.h>

#include <loom/result.hpp>

#include "core/gpu/allocator.hpp"
#include "core/gpu/counters.hpp"
#include "core/gpu/deferred_deleter.hpp"
#include "core/gpu/memory_tracker.hpp"
#include "core/gpu/resources.hpp"

namespace loom::gpu {

struct GpuChoice {
    enum class Kind : std::uint8_t { Auto, Software, Index };
    Kind kind = Kind::Auto;
    std::uint32_t index = 0;
    // "auto", "software", or a device index. The error names the bad value.
    static Result<GpuChoice> parse(std::string_view text);
};

struct DeviceConfig {
    GpuChoice gpu;
    bool validation = false;
    bool sync_validation = false;  // also the layer's synchronization checks (slower)
    std::uint64_t host_visible_budget = kDefaultHostVisibleBudget;
    std::uint32_t frames_in_flight = 2;
    bool pipeline_cache = true;  // load/save the pipeline cache under the cache directory
    bool read_environment = true;  // honour LOOM_GPU, LOOM_VALIDATE, LOOM_HOST_BUDGET_MB
    // For a window: the instance extensions the window system needs, and a function that makes
    // the window's surface once the instance exists. The device then must be able to present to
    // it (its queue family is checked), and VK_KHR_swapchain is enabled. The Device owns the
    // surface from then on.
    std::vector<std::string> instance_extensions;
    std::function<VkSurfaceKHR(VkInstance)> make_surface;
};

struct PhysicalDeviceInfo {
    std::uint32_t index = 0;
    std::string name;
    VkPhysicalDeviceType type = VK_PHYSICAL_DEVICE_TYPE_OTHER;
    std::uint32_t api_version = 0;
    std::uint32_t driver_version = 0;
    std::uint32_t vendor_id = 0, device_id = 0;
    bool suitable = false;
    std::string unsuitable_reason;
};

const char* device_type_name(VkPhysicalDeviceType type);

// Lists the Vulkan devices (creates a short-lived instance). For `loom info` and error messages.
Result<std::vector<PhysicalDeviceInfo>> list_physical_devices();

// Validation messages: counted per severity, the last few kept for test failure output.
class ValidationLog {
public:
    void add(VkDebugUtilsMessageSeverityFlagBitsEXT severity, const char* message);
    std::uint64_t errors() const { return errors_; }
    std::uint64_t warnings() const { return warnings_; }
    std::uint64_t count() const { return errors_ + warnings_; }
    std::vector<std::string> recent() const;
    void clear();
    // Vulkan objects Loom still held when the device was destroyed (UINT64_MAX: not destroyed yet).
    std::uint64_t live_objects_at_destroy() const { return live_at_destroy_; }
    void set_live_objects_at_destroy(std::uint64_t n) { live_at_destroy_ = n; }

private:
    std::atomic<std::uint64_t> live_at_destroy_{UINT64_MAX};
    std::atomic<std::uint64_t> errors_{0}, warnings_{0};
    mutable std::mutex mutex_;
    std::vector<std::string> recent_;
};

// The samplers operators name most: fixed states looked up without hashing.
enum class SamplerKind : std::uint8_t {
    LinearClamp,
    NearestClamp,
    LinearRepeat,
    LinearMirror,
    LinearBorder,
    ShadowCompare,  // depth comparison (ref <= stored), bilinear (2x2 PCF), white border: lit outside
    Count
};

// A sampler's state. The Device keeps one sampler per distinct state (samplers.cpp).
struct SamplerDesc {
    VkFilter filter = VK_FILTER_LINEAR;
    VkSamplerMipmapMode mip = VK_SAMPLER_MIPMAP_MODE_NEAREST;
    VkSamplerAddressMode address = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    VkBorderColor border = VK_BORDER_COLOR_FLOAT_TRANSPARENT_BLACK;
    bool compare = false;
    VkCompareOp compare_op = VK_COMPARE_OP_LESS_OR_EQUAL;
    float max_anisotropy = 0.0f;  // 0: off
    std::uint64_t key() const;
};
SamplerDesc sampler_desc(SamplerKind kind);
const char* sampler_kind_name(SamplerKind kind);

struct HeapBudget {
    std::uint64_t size = 0, usage = 0, budget = 0;
    bool device_local = false;
};

class Device {
public:
    static Result<std::unique_ptr<Device>> create(const DeviceConfig& config);
    ~Device();
    Device(const Device&) = delete;
    Device& operator=(const Device&) = delete;

    VkInstance instance() const { return instance_; }
    VkPhysicalDevice physical() const { return physical_; }
    VkDevice vk() const { return device_; }
    VkQueue queue() const { return queue_; }
    std::uint32_t queue_family() const { return queue_family_; }
    const VkPhysicalDeviceProperties& properties() const { return props_; }
    const VkPhysicalDeviceLimits& limits() const { return props_.limits; }
    std::string_view name() const { return props_.deviceName; }
    bool is_software() const { return props_.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU; }
    bool validation_enabled() const { return validation_; }
    std::uint32_t frames_in_flight() const { return frames_in_flight_; }

    Allocator& allocator() { return *allocator_; }
    MemoryTracker& memory() { return tracker_; }
    const MemoryTracker& memory() const { return tracker_; }
    Counters& counters() { return counters_; }
    const Counters& counters() const { return counters_; }
    DeferredDeleter& deleter() { return *deleter_; }
    ValidationLog& validation() { return *validation_log_; }
    // Shared so a test can read messages the layer reports while the device is destroyed.
    std::shared_ptr<ValidationLog> validation_log() const { return validation_log_; }
    VkPipelineCache pipeline_cache() const { return pipeline_cache_; }
    // Bytes of driver data the persisted pipeline cache gave at start (0: none or refused).
    std::size_t pipeline_cache_loaded_bytes() const { return pipeline_cache_loaded_; }

    VkSampler sampler(SamplerKind kind) const { return kind_samplers_[static_cast<std::size_t>(kind)]->get(); }
    std::uint64_t sampler_cookie(SamplerKind kind) const {
        return kind_samplers_[static_cast<std::size_t>(kind)]->cookie();
    }
    const Sampler& sampler_ref(SamplerKind kind) const { return *kind_samplers_[static_cast<std::size_t>(kind)]; }
    // The sampler with `desc`'s state, made on first request and kept until the device goes
    // (samplers are few and small). Failure is a dead device (LOOM_VK_CHECK).
    const Sampler& sampler(const SamplerDesc& desc);
    std::size_t sampler_count() const { return sampler_cache_.size(); }

    // Heap sizes, with usage and budget from VK_EXT_memory_budget when the device has it.
    bool has_memory_budget() const { return has_memory_budget_; }
    // imageAtomicAdd on r32f storage images (VK_EXT_shader_atomic_float), enabled when offered.
    bool has_image_float_atomic_add() const { return has_image_float_atomic_add_; }
    // shaderInt64 and 64-bit atomics on storage buffers (Vulkan 1.2's shaderBufferInt64Atomics),
    // enabled when offered: Render3D's compute rasterizer needs both.
    bool has_int64_atomics() const { return has_int64_atomics_; }
    std::uint32_t heap_budgets(std::array<HeapBudget, VK_MAX_MEMORY_HEAPS>& out) const;

    // Resources. Errors (size 0, size beyond the device limit, budget, out of memory) name the
    // resource and the value and leave nothing allocated.
    Result<Image> create_image(const ImageDesc& desc);
    Result<Buffer> create_buffer(const BufferDesc& desc);

    // Plain objects; failures here are bugs or a dead device (LOOM_VK_CHECK).
    ShaderModule create_shader_module(const std::uint32_t* code, std::size_t bytes, const char* name);
    DescriptorSetLayout create_descriptor_set_layout(const VkDescriptorSetLayoutCreateInfo& info, const char* name);
    PipelineLayout create_pipeline_layout(const VkPipelineLayoutCreateInfo& info, const char* name);
    DescriptorPool create_descriptor_pool(const VkDescriptorPoolCreateInfo& info, const char* name);
    Result<Pipeline> create_compute_pipeline(const VkComputePipelineCreateInfo& info, const char* name);
    Result<Pipeline> create_graphics_pipeline(const VkGraphicsPipelineCreateInfo& info, const char* name);
    CommandPool create_command_pool(const char* name);
    Fence create_fence(bool signaled, const char* name);
    QueryPool create_timestamp_pool(std::uint32_t count, const char* name);
    Semaphore create_semaphore(const char* name);
    // The window surface (VK_NULL_HANDLE headless).
    VkSurfaceKHR surface() const { return surface_; }
    // An image Loom does not own (a swapchain image): tracked for barriers, never destroyed.
    // With `view`, it gets a view of its own (destroyed with the wrapper), for rendering into it.
    Image wrap_image(VkImage image, VkFormat format, Extent extent, const char* name, bool view = false);

    // Descriptor sets are allocated by the DescriptorCache; these keep the counters true.
    VkDescriptorSet allocate_descriptor_set(VkDescriptorPool pool, VkDescriptorSetLayout layout);
    void write_descriptors(const VkWriteDescriptorSet* writes, std::uint32_t count);

    void set_name(VkObjectType type, std::uint64_t handle, const char* name);
    void retire(const Retired& object) { deleter_->retire(object); }
    // Images and buffers retired since the last call (cookies), for caches that key on them.
    void note_retired(std::uint64_t cookie) { retired_resources_.push_back(cookie); }
    std::vector<std::uint64_t>& retired_resources() { return retired_resources_; }
    void wait_idle();

    // Destroys one object immediately (the DeferredDeleter's callback).
    void destroy_now(const Retired& object);

private:
    Device() = default;
    // The one shape of every plain vkCreate*: checked call, counted, named, wrapped.
    template <class H, class Info, class CreateFn>
    H create_plain(CreateFn create, const Info& info, VkObjectType type, const char* name);
    Result<void> init(const DeviceConfig& config);
    // Counts and names a pipeline vkCreate*Pipelines made (or turns its failure into an error).
    Result<Pipeline> adopt_pipeline(VkResult result, VkPipeline pipeline, const char* name);
    void load_pipeline_cache();
    void save_pipeline_cache();

    VkInstance instance_ = VK_NULL_HANDLE;
    VkSurfaceKHR surface_ = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
    VkPhysicalDevice physical_ = VK_NULL_HANDLE;
    VkDevice device_ = VK_NULL_HANDLE;
    VkQueue queue_ = VK_NULL_HANDLE;
    std::uint32_t queue_family_ = 0;
    VkPhysicalDeviceProperties props_{};
    bool validation_ = false;
    bool debug_utils_ = false;
    bool has_memory_budget_ = false;
    bool has_image_float_atomic_add_ = false;
    bool has_int64_atomics_ = false;
    bool use_pipeline_cache_ = true;
    std::uint32_t frames_in_flight_ = 2;
    std::uint64_t pipelines_at_load_ = 0;
    std::size_t pipeline_cache_loaded_ = 0;

    std::shared_ptr<ValidationLog> validation_log_ = std::make_shared<ValidationLog>();
    Counters counters_;
    MemoryTracker tracker_;
    std::unique_ptr<Allocator> allocator_;
    std::unique_ptr<DeferredDeleter> deleter_;
    VkPipelineCache pipeline_cache_ = VK_NULL_HANDLE;
    std::unordered_map<std::uint64_t, Sampler> sampler_cache_;  // node-based: entries never move
    std::array<const Sampler*, static_cast<std::size_t>(SamplerKind::Count)> kind_samplers_{};

    PFN_vkSetDebugUtilsObjectNameEXT set_name_fn_ = nullptr;
    std::vector<std::uint64_t> retired_resources_;
};

}  // namespace loom::gpu
