#include "core/gpu/swapchain.hpp"

#include <algorithm>
#include <string>

#include <spdlog/spdlog.h>

#include "core/gpu/barriers.hpp"
#include "core/gpu/device.hpp"
#include "core/gpu/vk.hpp"

namespace loom::gpu {

namespace {
// The blit writes the image; the acquire semaphore is waited on at this stage, and the first
// barrier of the image starts from it, so the layout change waits for the presentation engine.
constexpr VkPipelineStageFlags2 kDisplayStage = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT;
}  // namespace

Result<std::unique_ptr<Swapchain>> Swapchain::create(Device& device, Extent framebuffer, bool vsync) {
    std::unique_ptr<Swapchain> s(new Swapchain(device));
    for (std::uint32_t i = 0; i < device.frames_in_flight(); ++i)
        s->acquired_.push_back(device.create_semaphore("swapchain.acquired"));
    if (auto r = s->build(framebuffer, vsync); !r) return r.error();
    return s;
}

Swapchain::~Swapchain() {
    images_.clear();
    if (swapchain_) device_.retire(Retired{ObjectKind::Swapchain, handle_bits(swapchain_), 0, 0});
}

Result<void> Swapchain::build(Extent framebuffer, bool vsync) {
    VkPhysicalDevice pd = device_.physical();
    VkSurfaceKHR surface = device_.surface();
    VkSurfaceCapabilitiesKHR caps{};
    LOOM_VK_CHECK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(pd, surface, &caps));
    if (!(caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_DST_BIT))
        return make_error("the window's surface does not accept transfer writes; Loom cannot display there. "
                          "Fix: run with --headless.");

    std::uint32_t n = 0;
    vkGetPhysicalDeviceSurfaceFormatsKHR(pd, surface, &n, nullptr);
    std::vector<VkSurfaceFormatKHR> formats(n);
    vkGetPhysicalDeviceSurfaceFormatsKHR(pd, surface, &n, formats.data());
    VkSurfaceFormatKHR chosen{VK_FORMAT_UNDEFINED, VK_COLOR_SPACE_SRGB_NONLINEAR_KHR};
    for (VkFormat want : {VK_FORMAT_B8G8R8A8_UNORM, VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_A2B10G10R10_UNORM_PACK32}) {
        for (const auto& f : formats) {
            VkFormatProperties fp{};
            vkGetPhysicalDeviceFormatProperties(pd, f.format, &fp);
            if (f.format == want && f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR &&
                (fp.optimalTilingFeatures & VK_FORMAT_FEATURE_BLIT_DST_BIT))
                chosen = f;
        }
        if (chosen.format != VK_FORMAT_UNDEFINED) break;
    }
    if (chosen.format == VK_FORMAT_UNDEFINED)
        return make_error("the window's surface offers no UNORM format Loom can blit to. Fix: run with --headless.");

    vkGetPhysicalDeviceSurfacePresentModesKHR(pd, surface, &n, nullptr);
    std::vector<VkPresentModeKHR> modes(n);
    vkGetPhysicalDeviceSurfacePresentModesKHR(pd, surface, &n, modes.data());
    auto has = [&](VkPresentModeKHR m) { return std::find(modes.begin(), modes.end(), m) != modes.end(); };
    mode_ = VK_PRESENT_MODE_FIFO_KHR;  // always there: vsync
    if (!vsync) {
        if (has(VK_PRESENT_MODE_MAILBOX_KHR))
            mode_ = VK_PRESENT_MODE_MAILBOX_KHR;
        else if (has(VK_PRESENT_MODE_IMMEDIATE_KHR))
            mode_ = VK_PRESENT_MODE_IMMEDIATE_KHR;
    }

    Extent e = framebuffer;
    if (caps.currentExtent.width != UINT32_MAX) e = {caps.currentExtent.width, caps.currentExtent.height};
    e.width = std::clamp(e.width, caps.minImageExtent.width, caps.maxImageExtent.width);
    e.height = std::clamp(e.height, caps.minImageExtent.height, caps.maxImageExtent.height);

    std::uint32_t count = caps.minImageCount + 1;
    if (caps.maxImageCount) count = std::min(count, caps.maxImageCount);

    VkSwapchainCreateInfoKHR ci{VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
    ci.surface = surface;
    ci.minImageCount = count;
    ci.imageFormat = chosen.format;
    ci.imageColorSpace = chosen.colorSpace;
    ci.imageExtent = {e.width, e.height};
    ci.imageArrayLayers = 1;
    // Colour attachment too, when offered: the editor overlay renders on top of the blit.
    ci.imageUsage = VK_IMAGE_USAGE_TRANSFER_DST_BIT |
                    (caps.supportedUsageFlags & VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT);
    attachment_ = (caps.supportedUsageFlags & VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT) != 0;
    ci.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
    ci.preTransform = caps.currentTransform;
    ci.compositeAlpha = (caps.supportedCompositeAlpha & VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR)
                            ? VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR
                            : static_cast<VkCompositeAlphaFlagBitsKHR>(caps.supportedCompositeAlpha &
                                                                       -caps.supportedCompositeAlpha);
    ci.presentMode = mode_;
    ci.clipped = VK_TRUE;
    ci.oldSwapchain = swapchain_;
    VkSwapchainKHR created = VK_NULL_HANDLE;
    const VkResult r = vkCreateSwapchainKHR(device_.vk(), &ci, nullptr, &created);
    if (r != VK_SUCCESS)
        return make_error(std::string("could not create the window's swapchain (") + vk_result_name(r) +
                          "). Fix: run with --headless.");
    device_.counters().on_create(ObjectKind::Swapchain);
    device_.set_name(VK_OBJECT_TYPE_SWAPCHAIN_KHR, handle_bits(created), "window");
    // The old one (and its images) retire like any object.
    images_.clear();
    rendered_.clear();
    if (swapchain_) device_.retire(Retired{ObjectKind::Swapchain, handle_bits(swapchain_), 0, 0});
    swapchain_ = created;
    format_ = chosen.format;
    extent_ = e;
    vsync_ = vsync;

    LOOM_VK_CHECK(vkGetSwapchainImagesKHR(device_.vk(), swapchain_, &n, nullptr));
    std::vector<VkImage> images(n);
    LOOM_VK_CHECK(vkGetSwapchainImagesKHR(device_.vk(), swapchain_, &n, images.data()));
    for (VkImage img : images) {
        images_.push_back(device_.wrap_image(img, format_, extent_, "swapchain image", attachment_));
        rendered_.push_back(device_.create_semaphore("swapchain.rendered"));
    }
    return {};
}

Result<void> Swapchain::recreate(Extent framebuffer, bool vsync) {
    // Frames in flight may still present the old images: let them finish (a resize is rare).
    device_.wait_idle();
    ++recreations_;
    return build(framebuffer, vsync);
}

Swapchain::Acquire Swapchain::acquire(std::uint32_t slot) {
    // Bounded: a window system that stops answering must not hang the frame loop.
    const VkResult r = vkAcquireNextImageKHR(device_.vk(), swapchain_, 1'000'000'000ull, acquired_[slot].get(),
                                             VK_NULL_HANDLE, &index_);
    if (r == VK_ERROR_OUT_OF_DATE_KHR) return Acquire::OutOfDate;
    if (r == VK_TIMEOUT || r == VK_NOT_READY) return Acquire::Timeout;
    if (r != VK_SUBOPTIMAL_KHR) LOOM_VK_CHECK(r);
    images_[index_].state() = {};  // its old contents are not needed: start from UNDEFINED
    return Acquire::Ok;
}

bool Swapchain::linear_blit(VkFormat source) {
    VkFormatProperties fp{};
    vkGetPhysicalDeviceFormatProperties(device_.physical(), source, &fp);
    return (fp.optimalTilingFeatures & VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT) != 0;
}

void Swapchain::record_display(VkCommandBuffer cmd, Image* source) {
    Counters& counters = device_.counters();
    Image& target = images_[index_];
    if (source) {
        BarrierBatch bb(cmd, counters);
        bb.require(*source, ImageUsage::TransferSrc);
    }
    VkImageMemoryBarrier2 b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2};
    b.srcStageMask = kDisplayStage;
    b.srcAccessMask = VK_ACCESS_2_NONE;
    b.dstStageMask = kDisplayStage;
    b.dstAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
    b.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    b.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = target.get();
    b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    VkDependencyInfo di{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    di.imageMemoryBarrierCount = 1;
    di.pImageMemoryBarriers = &b;
    vkCmdPipelineBarrier2(cmd, &di);
    ++counters.barriers;
    ++counters.barrier_calls;

    const VkClearColorValue black{{0.0f, 0.0f, 0.0f, 1.0f}};
    vkCmdClearColorImage(cmd, target.get(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &black, 1, &b.subresourceRange);
    if (source) {
        // The clear and the blit both write the image.
        b.oldLayout = b.newLayout;
        b.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
        vkCmdPipelineBarrier2(cmd, &di);
        ++counters.barriers;
        ++counters.barrier_calls;
    ++counters.barrier_calls;
        // Letterbox: the largest rectangle of the source's aspect that fits, centred.
        const Extent s = source->extent();
        const double scale = std::min(double(extent_.width) / s.width, double(extent_.height) / s.height);
        const auto w = std::max<std::int32_t>(1, static_cast<std::int32_t>(s.width * scale + 0.5));
        const auto h = std::max<std::int32_t>(1, static_cast<std::int32_t>(s.height * scale + 0.5));
        const std::int32_t x = (static_cast<std::int32_t>(extent_.width) - w) / 2;
        const std::int32_t y = (static_cast<std::int32_t>(extent_.height) - h) / 2;
        VkImageBlit region{};
        region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
        region.srcOffsets[1] = {static_cast<std::int32_t>(s.width), static_cast<std::int32_t>(s.height), 1};
        region.dstSubresource = region.srcSubresource;
        region.dstOffsets[0] = {x, y, 0};
        region.dstOffsets[1] = {x + w, y + h, 1};
        vkCmdBlitImage(cmd, source->get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target.get(),
                       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region,
                       linear_blit(source->format()) ? VK_FILTER_LINEAR : VK_FILTER_NEAREST);
        ++counters.draws;
    }
    target.state() = state_for(ImageUsage::TransferDst);
}

void Swapchain::finish(VkCommandBuffer cmd) {
    BarrierBatch bb(cmd, device_.counters());
    bb.require(images_[index_], ImageUsage::Present);
}

bool Swapchain::present() {
    VkPresentInfoKHR pi{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
    VkSemaphore wait = rendered_[index_].get();
    pi.waitSemaphoreCount = 1;
    pi.pWaitSemaphores = &wait;
    pi.swapchainCount = 1;
    pi.pSwapchains = &swapchain_;
    pi.pImageIndices = &index_;
    const VkResult r = vkQueuePresentKHR(device_.queue(), &pi);
    if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) return false;
    LOOM_VK_CHECK(r);
    return true;
}

}  // namespace loom::gpu
