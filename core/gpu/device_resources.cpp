// core/gpu/device_resources.cpp — images and buffers: creation with their memory and views,
// wrapping images Loom does not own (swapchain images), and the wrappers' retirement.
//
// Every refusal (size 0, beyond the device limit, a format the device cannot use that way, over
// budget, out of memory) is a Result naming the resource and the value, and leaves nothing behind.
#include <string>

#include "core/base/assert.hpp"
#include "core/base/units.hpp"
#include "core/gpu/device.hpp"
#include "core/gpu/format.hpp"
#include "core/gpu/vk.hpp"

namespace loom::gpu {

namespace {

VkImageViewType view_type(ImageKind k) {
    switch (k) {
        case ImageKind::Image2D: return VK_IMAGE_VIEW_TYPE_2D;
        case ImageKind::Array2D: return VK_IMAGE_VIEW_TYPE_2D_ARRAY;
        case ImageKind::Cube: return VK_IMAGE_VIEW_TYPE_CUBE;
    }
    return VK_IMAGE_VIEW_TYPE_2D;
}

}  // namespace

Result<Image> Device::create_image(const ImageDesc& desc_in) {
    ImageDesc desc = desc_in;
    if (desc.kind == ImageKind::Cube) desc.layers = 6;
    if (desc.kind == ImageKind::Image2D) desc.layers = 1;
    const std::uint32_t max_dim =
        desc.kind == ImageKind::Cube ? props_.limits.maxImageDimensionCube : props_.limits.maxImageDimension2D;
    const Extent e = desc.extent;
    const std::string what = std::string("image '") + desc.name + "' " + std::to_string(e.width) + "x" +
                             std::to_string(e.height);
    if (e.width == 0 || e.height == 0)
        return make_error(std::string("image '") + desc.name + "' has size " + std::to_string(e.width) + "x" +
                          std::to_string(e.height) + "; both sides must be at least 1 pixel. Fix: give it a size "
                          "of 1x1 or more.");
    if (e.width > max_dim || e.height > max_dim)
        return make_error(std::string("image '") + desc.name + "' has size " + std::to_string(e.width) + "x" +
                          std::to_string(e.height) + ", beyond this device's limit of " + std::to_string(max_dim) +
                          " pixels per side (" +
                          (desc.kind == ImageKind::Cube ? "maxImageDimensionCube" : "maxImageDimension2D") + " on " +
                          props_.deviceName + "). Fix: use a size of at most " + std::to_string(max_dim) + ".");
    if (desc.kind == ImageKind::Cube && e.width != e.height)
        return make_error(what + " is a cube image, whose faces must be square. Fix: give it equal sides.");
    if (desc.layers == 0 || desc.layers > props_.limits.maxImageArrayLayers)
        return make_error(what + " has " + std::to_string(desc.layers) + " layers; this device allows 1 to " +
                          std::to_string(props_.limits.maxImageArrayLayers) + ". Fix: use fewer layers.");
    if (desc.layer_views && desc.layers > kMaxTrackedLayers)
        return make_error(what + " asks for a view per layer of " + std::to_string(desc.layers) +
                          " layers; at most " + std::to_string(kMaxTrackedLayers) +
                          " are possible. Fix: use fewer layers.");
    const bool depth = format_is_depth(desc.format);
    VkFormatProperties fp;
    vkGetPhysicalDeviceFormatProperties(physical_, desc.format, &fp);
    VkFormatFeatureFlags need = 0;
    if (desc.usage & VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT) need |= VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BIT;
    if (desc.usage & VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT) need |= VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT;
    if (desc.usage & VK_IMAGE_USAGE_SAMPLED_BIT) need |= VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT;
    if (desc.usage & VK_IMAGE_USAGE_STORAGE_BIT) need |= VK_FORMAT_FEATURE_STORAGE_IMAGE_BIT;
    if ((fp.optimalTilingFeatures & need) != need)
        return make_error(std::string("image '") + desc.name + "': format " + std::to_string(desc.format) +
                          " cannot be used that way on " + props_.deviceName + ". Fix: choose another format.");

    // Ask the driver what it allows for this format and usage, and check our budget, before
    // creating anything: a refusal then costs nothing and names the real limit.
    const VkImageCreateFlags flags = desc.kind == ImageKind::Cube ? VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT : 0;
    VkImageFormatProperties ifp{};
    if (vkGetPhysicalDeviceImageFormatProperties(physical_, desc.format, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_OPTIMAL,
                                                 desc.usage, flags, &ifp) != VK_SUCCESS ||
        ifp.maxArrayLayers < desc.layers)
        return make_error(std::string("image '") + desc.name + "': format " + std::to_string(desc.format) +
                          " with these usages is not supported on " + props_.deviceName +
                          ". Fix: choose another format.");
    const std::uint64_t estimate = image_bytes(desc.format, e.width, e.height, desc.mips, desc.layers);
    if (estimate > ifp.maxResourceSize)
        return make_error(what + " needs " + format_bytes_exact(estimate) + ", more than the " +
                          format_bytes_exact(ifp.maxResourceSize) + " one image may have on " + props_.deviceName +
                          ". Fix: use a smaller size or a smaller format (RGBA8 or RGBA16F).");
    if (auto b = tracker_.check_budget(MemoryDomain::DeviceLocal, estimate, what); !b) return b.error();

    VkImageCreateInfo ci{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
    ci.flags = flags;
    ci.imageType = VK_IMAGE_TYPE_2D;
    ci.format = desc.format;
    ci.extent = {e.width, e.height, 1};
    ci.mipLevels = desc.mips;
    ci.arrayLayers = desc.layers;
    ci.samples = VK_SAMPLE_COUNT_1_BIT;
    ci.tiling = VK_IMAGE_TILING_OPTIMAL;
    ci.usage = desc.usage;
    ci.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    VkImage image = VK_NULL_HANDLE;
    VkResult r = vkCreateImage(device_, &ci, nullptr, &image);
    if (r != VK_SUCCESS)
        return make_error(std::string("could not create image '") + desc.name + "' (" + vk_result_name(r) + ")");
    counters_.on_create(ObjectKind::Image);

    VkMemoryDedicatedRequirements dreq{VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS};
    VkMemoryRequirements2 req2{VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2, &dreq};
    VkImageMemoryRequirementsInfo2 ri{VK_STRUCTURE_TYPE_IMAGE_MEMORY_REQUIREMENTS_INFO_2};
    ri.image = image;
    vkGetImageMemoryRequirements2(device_, &ri, &req2);

    AllocationRequest rq;
    rq.requirements = req2.memoryRequirements;
    rq.kind = ResourceKind::Image;
    rq.domain = MemoryDomain::DeviceLocal;
    rq.prefer_dedicated = dreq.prefersDedicatedAllocation || dreq.requiresDedicatedAllocation;
    rq.what = what;
    rq.owner = desc.owner;
    auto alloc = allocator_->allocate(rq, image, VK_NULL_HANDLE);
    if (!alloc) {
        vkDestroyImage(device_, image, nullptr);
        counters_.on_destroy(ObjectKind::Image);
        return alloc.error();
    }
    // From here the image is owned by `out`: if binding or a view fails (a fatal exception),
    // its destructor releases the image and its memory instead of leaking them.
    Image out;
    out.device_ = this;
    out.image_ = image;
    out.alloc_ = *alloc;
    out.format_ = desc.format;
    out.extent_ = e;
    out.mips_ = desc.mips;
    out.layers_ = desc.layers;
    out.kind_ = desc.kind;
    out.aspect_ = depth ? VK_IMAGE_ASPECT_DEPTH_BIT : VK_IMAGE_ASPECT_COLOR_BIT;
    out.cookie_ = next_cookie();
    out.bytes_ = req2.memoryRequirements.size;
    const AllocationInfo& ai = allocator_->info(*alloc);
    LOOM_VK_CHECK(vkBindImageMemory(device_, image, ai.memory, ai.offset));

    const VkImageAspectFlags aspect = format_aspect(desc.format);
    auto make_view = [&](VkImageView& view, VkImageViewType type, std::uint32_t first_layer, std::uint32_t layers) {
        VkImageViewCreateInfo vi{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
        vi.image = image;
        vi.viewType = type;
        vi.format = desc.format;
        vi.subresourceRange = {aspect, 0, desc.mips, first_layer, layers};
        LOOM_VK_CHECK(vkCreateImageView(device_, &vi, nullptr, &view));
        counters_.on_create(ObjectKind::ImageView);
        set_name(VK_OBJECT_TYPE_IMAGE_VIEW, handle_bits(view), desc.name);
    };
    set_name(VK_OBJECT_TYPE_IMAGE, handle_bits(image), desc.name);
    make_view(out.view_, view_type(desc.kind), 0, desc.layers);
    if (desc.layer_views)
        for (std::uint32_t l = 0; l < desc.layers; ++l) make_view(out.layer_views_[l], VK_IMAGE_VIEW_TYPE_2D, l, 1);
    return out;
}

Result<Buffer> Device::create_buffer(const BufferDesc& desc) {
    if (desc.size == 0)
        return make_error(std::string("buffer '") + desc.name + "' has size 0. Fix: give it at least 1 byte.");
    std::string what = std::string("buffer '") + desc.name + "'";
    // Check the budget before creating anything, so a refused request costs nothing.
    if (auto b = tracker_.check_budget(desc.domain, desc.size, what); !b) return b.error();
    VkBufferCreateInfo ci{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    ci.size = desc.size;
    ci.usage = desc.usage;
    ci.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    VkBuffer buffer = VK_NULL_HANDLE;
    VkResult r = vkCreateBuffer(device_, &ci, nullptr, &buffer);
    if (r != VK_SUCCESS)
        return make_error("could not create " + what + " of " + format_bytes(desc.size) + " (" +
                          vk_result_name(r) + ")");
    counters_.on_create(ObjectKind::Buffer);
    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(device_, buffer, &req);
    AllocationRequest rq;
    rq.requirements = req;
    rq.kind = ResourceKind::Buffer;
    rq.domain = desc.domain;
    rq.what = what;
    rq.owner = desc.owner;
    auto alloc = allocator_->allocate(rq, VK_NULL_HANDLE, buffer);
    if (!alloc) {
        vkDestroyBuffer(device_, buffer, nullptr);
        counters_.on_destroy(ObjectKind::Buffer);
        return alloc.error();
    }
    const AllocationInfo& ai = allocator_->info(*alloc);
    Buffer out;  // owns the buffer and its memory from here (a failed bind releases them)
    out.device_ = this;
    out.buffer_ = buffer;
    out.alloc_ = *alloc;
    out.size_ = desc.size;
    out.usage_ = desc.usage;
    out.domain_ = desc.domain;
    out.mapped_ = ai.mapped;
    out.cookie_ = next_cookie();
    LOOM_VK_CHECK(vkBindBufferMemory(device_, buffer, ai.memory, ai.offset));
    set_name(VK_OBJECT_TYPE_BUFFER, handle_bits(buffer), desc.name);
    return out;
}

Image Device::wrap_image(VkImage image, VkFormat format, Extent extent, const char* name, bool view) {
    Image img;
    if (view) {
        VkImageViewCreateInfo vi{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
        vi.image = image;
        vi.viewType = VK_IMAGE_VIEW_TYPE_2D;
        vi.format = format;
        vi.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
        LOOM_VK_CHECK(vkCreateImageView(device_, &vi, nullptr, &img.view_));
        counters_.on_create(ObjectKind::ImageView);
        set_name(VK_OBJECT_TYPE_IMAGE_VIEW, handle_bits(img.view_), name);
    }
    img.device_ = this;
    img.image_ = image;
    img.format_ = format;
    img.extent_ = extent;
    img.owned_ = false;
    img.cookie_ = next_cookie();
    set_name(VK_OBJECT_TYPE_IMAGE, handle_bits(image), name);
    return img;
}

// ---------------------------------------------------------------------------------------------
// Wrappers (resources.hpp)
// ---------------------------------------------------------------------------------------------

void Image::reset() {
    if (image_ != VK_NULL_HANDLE && !owned_ && view_ != VK_NULL_HANDLE)  // a wrapped image's own view
        device_->retire(Retired{ObjectKind::ImageView, handle_bits(view_), 0, 0});
    if (image_ != VK_NULL_HANDLE && owned_) {
        device_->note_retired(cookie_);
        for (VkImageView v : layer_views_)
            if (v != VK_NULL_HANDLE) device_->retire(Retired{ObjectKind::ImageView, handle_bits(v), 0, 0});
        if (view_ != VK_NULL_HANDLE) device_->retire(Retired{ObjectKind::ImageView, handle_bits(view_), 0, 0});
        device_->retire(Retired{ObjectKind::Image, handle_bits(image_), 0, alloc_});
    }
    image_ = VK_NULL_HANDLE;
    view_ = VK_NULL_HANDLE;
    layer_views_ = {};
    alloc_ = 0;
    cookie_ = 0;
    owned_ = true;
    layers_ = 1;
    kind_ = ImageKind::Image2D;
    aspect_ = VK_IMAGE_ASPECT_COLOR_BIT;
    states_ = {};
}

void Image::swap(Image& o) noexcept {
    std::swap(device_, o.device_);
    std::swap(image_, o.image_);
    std::swap(view_, o.view_);
    std::swap(layer_views_, o.layer_views_);
    std::swap(alloc_, o.alloc_);
    std::swap(format_, o.format_);
    std::swap(extent_, o.extent_);
    std::swap(mips_, o.mips_);
    std::swap(layers_, o.layers_);
    std::swap(kind_, o.kind_);
    std::swap(aspect_, o.aspect_);
    std::swap(cookie_, o.cookie_);
    std::swap(bytes_, o.bytes_);
    std::swap(owned_, o.owned_);
    std::swap(states_, o.states_);
}

void Buffer::reset() {
    if (buffer_ != VK_NULL_HANDLE) {
        device_->note_retired(cookie_);  // descriptor sets name buffers by cookie too
        device_->retire(Retired{ObjectKind::Buffer, handle_bits(buffer_), 0, alloc_});
    }
    buffer_ = VK_NULL_HANDLE;
    alloc_ = 0;
    mapped_ = nullptr;
    cookie_ = 0;
}

void Buffer::swap(Buffer& o) noexcept {
    std::swap(device_, o.device_);
    std::swap(buffer_, o.buffer_);
    std::swap(alloc_, o.alloc_);
    std::swap(size_, o.size_);
    std::swap(usage_, o.usage_);
    std::swap(domain_, o.domain_);
    std::swap(mapped_, o.mapped_);
    std::swap(cookie_, o.cookie_);
}

}  // namespace loom::gpu
