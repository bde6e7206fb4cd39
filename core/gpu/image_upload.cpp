#include "core/gpu/image_upload.hpp"

#include <cstring>

#include "core/gpu/barriers.hpp"
#include "core/gpu/device.hpp"

namespace loom::gpu {

Result<void> upload_image(Device& device, VkCommandBuffer cmd, Image& image, const void* data, std::size_t bytes,
                          const char* name, const char* owner) {
    BufferDesc d;
    d.size = bytes;
    d.usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT;
    d.domain = MemoryDomain::HostVisible;
    d.name = name;
    d.owner = owner;
    auto staging = device.create_buffer(d);
    if (!staging) return staging.error();
    std::memcpy(staging->mapped(), data, bytes);
    {
        BarrierBatch b(cmd, device.counters());
        b.require(image, ImageUsage::TransferDst, 0, 1);
    }
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {image.extent().width, image.extent().height, 1};
    vkCmdCopyBufferToImage(cmd, staging->get(), image.get(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    return {};  // `staging` retires through the deferred deleter, after this frame
}

}  // namespace loom::gpu
