// core/gpu/swapchain.hpp — presenting to a window surface.
//
// A Swapchain owns the VkSwapchainKHR of the device's surface, wraps its images (Loom tracks
// their layout for barriers but never destroys them), one "acquired" semaphore per frame slot
// and one "rendered" semaphore per image. Per frame:
//   acquire(slot)  → an image, or OutOfDate (recreate, then acquire again);
//   record_display(cmd, source) → clears the image and blits `source` into it letterboxed
//                    (aspect kept, bars black), inside the frame's one command buffer, after the
//                    chain; an overlay may then render on current(); finish(cmd) readies it for
//                    presenting;
//   the frame is submitted waiting on acquired_semaphore(slot) and signalling rendered_semaphore();
//   present()      → false when the swapchain should be recreated (out of date, suboptimal).
// recreate() (a resize, a vsync change) waits for the device, builds the new swapchain from the
// old one and retires the old one through the deferred deleter like any object.
// The display is a transfer (blit) because swapchain formats rarely allow storage writes; the
// swapchain is UNORM, so what the window shows is what a PNG snapshot holds.
// Single-threaded (the frame loop's thread).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <vulkan/vulkan.h>

#include <loom/result.hpp>
#include <loom/types.hpp>

#include "core/gpu/resources.hpp"

namespace loom::gpu {

class Device;

class Swapchain {
public:
    enum class Acquire { Ok, OutOfDate, Timeout };

    static Result<std::unique_ptr<Swapchain>> create(Device& device, Extent framebuffer, bool vsync);
    ~Swapchain();
    Swapchain(const Swapchain&) = delete;
    Swapchain& operator=(const Swapchain&) = delete;

    Result<void> recreate(Extent framebuffer, bool vsync);

    Acquire acquire(std::uint32_t slot);
    void record_display(VkCommandBuffer cmd, Image* source);
    // After record_display() (and whatever else draws on current()): ready it for present().
    void finish(VkCommandBuffer cmd);
    bool present();

    VkSemaphore acquired_semaphore(std::uint32_t slot) const { return acquired_[slot].get(); }
    VkSemaphore rendered_semaphore() const { return rendered_[index_].get(); }
    Extent extent() const { return extent_; }
    bool vsync() const { return vsync_; }
    VkPresentModeKHR present_mode() const { return mode_; }
    VkFormat format() const { return format_; }
    std::uint32_t image_count() const { return static_cast<std::uint32_t>(images_.size()); }
    std::uint64_t recreations() const { return recreations_; }
    // Whether the images can be rendered to (they then have views); the current image.
    bool attachment() const { return attachment_; }
    Image& current() { return images_[index_]; }

private:
    explicit Swapchain(Device& device) : device_(device) {}
    Result<void> build(Extent framebuffer, bool vsync);
    bool linear_blit(VkFormat source);

    Device& device_;
    VkSwapchainKHR swapchain_ = VK_NULL_HANDLE;
    VkFormat format_ = VK_FORMAT_UNDEFINED;
    VkPresentModeKHR mode_ = VK_PRESENT_MODE_FIFO_KHR;
    Extent extent_{};
    bool vsync_ = true;
    std::vector<Image> images_;
    std::vector<Semaphore> rendered_;
    std::vector<Semaphore> acquired_;
    std::uint32_t index_ = 0;
    std::uint64_t recreations_ = 0;
    bool attachment_ = false;
};

}  // namespace loom::gpu
