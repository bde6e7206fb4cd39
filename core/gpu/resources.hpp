// core/gpu/resources.hpp — move-only RAII wrappers for Vulkan objects.
//
// Every wrapper carries a cookie: a process-unique 64-bit id given at creation. Caches key on
// cookies, never on handle values (drivers reuse handles). Destroying or reset()ing a wrapper
// RETIRES the object to the Device's DeferredDeleter: it is destroyed once the frame slot that
// might still use it has finished on the GPU. A wrapper must not outlive its Device.
#pragma once

#include <array>
#include <cstdint>
#include <utility>

#include <vulkan/vulkan.h>

#include <loom/types.hpp>

#include "core/gpu/allocator.hpp"
#include "core/gpu/barriers.hpp"
#include "core/gpu/deferred_deleter.hpp"

namespace loom::gpu {

class Device;

std::uint64_t next_cookie();
void retire_to(Device* device, const Retired& object);

template <class T>
std::uint64_t handle_bits(T handle) {
    return reinterpret_cast<std::uint64_t>(handle);
}

template <class T, ObjectKind K>
class Handle {
public:
    using value_type = T;
    static constexpr ObjectKind kKind = K;

    Handle() = default;
    Handle(Device* device, T handle) : device_(device), handle_(handle), cookie_(next_cookie()) {}
    ~Handle() { reset(); }
    Handle(Handle&& o) noexcept { swap(o); }
    Handle& operator=(Handle&& o) noexcept {
        if (this != &o) {
            reset();
            swap(o);
        }
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;

    T get() const { return handle_; }
    const T& get_ref() const { return handle_; }  // for Vulkan calls that take an array
    std::uint64_t cookie() const { return cookie_; }
    explicit operator bool() const { return handle_ != VK_NULL_HANDLE; }

    void reset() {
        if (handle_ != VK_NULL_HANDLE) retire_to(device_, Retired{K, handle_bits(handle_), 0, 0});
        handle_ = VK_NULL_HANDLE;
        cookie_ = 0;
    }

private:
    void swap(Handle& o) noexcept {
        std::swap(device_, o.device_);
        std::swap(handle_, o.handle_);
        std::swap(cookie_, o.cookie_);
    }
    Device* device_ = nullptr;
    T handle_ = VK_NULL_HANDLE;
    std::uint64_t cookie_ = 0;
};

using Sampler = Handle<VkSampler, ObjectKind::Sampler>;
using ShaderModule = Handle<VkShaderModule, ObjectKind::ShaderModule>;
using Pipeline = Handle<VkPipeline, ObjectKind::Pipeline>;
using PipelineLayout = Handle<VkPipelineLayout, ObjectKind::PipelineLayout>;
using DescriptorSetLayout = Handle<VkDescriptorSetLayout, ObjectKind::DescriptorSetLayout>;
using DescriptorPool = Handle<VkDescriptorPool, ObjectKind::DescriptorPool>;
using CommandPool = Handle<VkCommandPool, ObjectKind::CommandPool>;
using Fence = Handle<VkFence, ObjectKind::Fence>;
using Semaphore = Handle<VkSemaphore, ObjectKind::Semaphore>;
using QueryPool = Handle<VkQueryPool, ObjectKind::QueryPool>;

// What an image is: one 2D picture, an array of them (cascaded shadow maps), or the six faces of
// a cube (point-light shadows).
enum class ImageKind : std::uint8_t { Image2D, Array2D, Cube };

struct ImageDesc {
    Extent extent;
    VkFormat format = VK_FORMAT_R16G16B16A16_SFLOAT;  // a depth format makes a depth image
    VkImageUsageFlags usage = 0;
    std::uint32_t mips = 1;
    ImageKind kind = ImageKind::Image2D;
    std::uint32_t layers = 1;  // Array2D: the array's size; Cube: 6 (set for you); Image2D: 1
    bool layer_views = false;  // also one 2D view per layer (to render into one face or cascade)
    const char* name = "";   // debug name and messages
    const char* owner = "";  // operator name for per-owner bytes
};

// The most layers an image tracks one by one (barriers per face or cascade) and has views of.
inline constexpr std::uint32_t kMaxTrackedLayers = 8;

// An image with its memory and one view of all mips and layers (2D, 2D array or cube), plus
// optional per-layer 2D views. Tracks the layout/access of each layer for barriers (images
// with more than kMaxTrackedLayers layers are tracked as a whole).
class Image {
public:
    Image() = default;
    ~Image() { reset(); }
    Image(Image&& o) noexcept { swap(o); }
    Image& operator=(Image&& o) noexcept {
        if (this != &o) {
            reset();
            swap(o);
        }
        return *this;
    }
    Image(const Image&) = delete;
    Image& operator=(const Image&) = delete;

    VkImage get() const { return image_; }
    VkImageView view() const { return view_; }
    VkFormat format() const { return format_; }
    Extent extent() const { return extent_; }
    std::uint32_t mips() const { return mips_; }
    std::uint32_t layers() const { return layers_; }
    ImageKind kind() const { return kind_; }
    VkImageAspectFlags aspect() const { return aspect_; }
    // The 2D view of one layer (only for images made with layer_views).
    VkImageView layer_view(std::uint32_t layer) const { return layer_views_[layer]; }
    std::uint64_t cookie() const { return cookie_; }
    std::uint64_t bytes() const { return bytes_; }
    explicit operator bool() const { return image_ != VK_NULL_HANDLE; }
    // The state of layer 0 (of the whole image for single-layer images).
    ImageState& state() { return states_[0]; }
    const ImageState& state() const { return states_[0]; }
    ImageState& layer_state(std::uint32_t layer) { return states_[layer]; }
    std::uint32_t tracked_layers() const { return layers_ <= kMaxTrackedLayers ? layers_ : 1; }
    void reset();
    // Exchanges everything, barrier state and cookie included (a history and an output trade
    // places each frame this way).
    void swap(Image& o) noexcept;

private:
    friend class Device;
    Device* device_ = nullptr;
    VkImage image_ = VK_NULL_HANDLE;
    VkImageView view_ = VK_NULL_HANDLE;
    AllocationId alloc_ = 0;
    VkFormat format_ = VK_FORMAT_UNDEFINED;
    Extent extent_{};
    std::uint32_t mips_ = 1;
    std::uint32_t layers_ = 1;
    ImageKind kind_ = ImageKind::Image2D;
    VkImageAspectFlags aspect_ = VK_IMAGE_ASPECT_COLOR_BIT;
    std::array<VkImageView, kMaxTrackedLayers> layer_views_{};
    std::uint64_t cookie_ = 0;
    std::uint64_t bytes_ = 0;
    bool owned_ = true;  // false: a swapchain image, never destroyed by Loom
    std::array<ImageState, kMaxTrackedLayers> states_{};
};

struct BufferDesc {
    VkDeviceSize size = 0;
    VkBufferUsageFlags usage = 0;
    MemoryDomain domain = MemoryDomain::DeviceLocal;
    const char* name = "";
    const char* owner = "";
};

class Buffer {
public:
    Buffer() = default;
    ~Buffer() { reset(); }
    Buffer(Buffer&& o) noexcept { swap(o); }
    Buffer& operator=(Buffer&& o) noexcept {
        if (this != &o) {
            reset();
            swap(o);
        }
        return *this;
    }
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    VkBuffer get() const { return buffer_; }
    VkDeviceSize size() const { return size_; }
    VkBufferUsageFlags usage() const { return usage_; }
    MemoryDomain domain() const { return domain_; }
    std::byte* mapped() const { return mapped_; }  // host-visible buffers only
    std::uint64_t cookie() const { return cookie_; }
    explicit operator bool() const { return buffer_ != VK_NULL_HANDLE; }
    void reset();

private:
    friend class Device;
    void swap(Buffer& o) noexcept;
    Device* device_ = nullptr;
    VkBuffer buffer_ = VK_NULL_HANDLE;
    AllocationId alloc_ = 0;
    VkDeviceSize size_ = 0;
    VkBufferUsageFlags usage_ = 0;
    MemoryDomain domain_ = MemoryDomain::DeviceLocal;
    std::byte* mapped_ = nullptr;
    std::uint64_t cookie_ = 0;
};

}  // namespace loom::gpu
