#include "core/gpu/readback.hpp"

#include <cstring>

#include "core/gpu/barriers.hpp"
#include "core/gpu/counters.hpp"
#include "core/gpu/format.hpp"

namespace loom::gpu {

VkDeviceSize readback_bytes(const Image& image) {
    return image_bytes(image.format(), image.extent().width, image.extent().height);
}

void record_readback(VkCommandBuffer cmd, Counters& counters, Image& image, const Buffer& buffer) {
    {
        BarrierBatch b(cmd, counters);
        b.require(image, ImageUsage::TransferSrc);
    }
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {image.extent().width, image.extent().height, 1};
    vkCmdCopyImageToBuffer(cmd, image.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer.get(), 1, &region);
    // Make the copy visible to the host once the fence signals.
    VkMemoryBarrier2 mb{VK_STRUCTURE_TYPE_MEMORY_BARRIER_2};
    mb.srcStageMask = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT;
    mb.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
    mb.dstStageMask = VK_PIPELINE_STAGE_2_HOST_BIT;
    mb.dstAccessMask = VK_ACCESS_2_HOST_READ_BIT;
    VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dep.memoryBarrierCount = 1;
    dep.pMemoryBarriers = &mb;
    vkCmdPipelineBarrier2(cmd, &dep);
    ++counters.barriers;
    ++counters.barrier_calls;
}

float half_to_float(std::uint16_t h) {
    const std::uint32_t sign = (h >> 15) & 1, exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
    std::uint32_t bits;
    if (exp == 0) {
        if (mant == 0) {
            bits = sign << 31;
        } else {  // subnormal: normalise
            std::uint32_t e = 127 - 15 + 1, m = mant;
            while (!(m & 0x400)) m <<= 1, --e;
            bits = (sign << 31) | (e << 23) | ((m & 0x3ff) << 13);
        }
    } else if (exp == 31) {
        bits = (sign << 31) | (0xffu << 23) | (mant << 13);
    } else {
        bits = (sign << 31) | ((exp - 15 + 127) << 23) | (mant << 13);
    }
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

Result<io::Pixels> decode_readback(const std::byte* data, VkFormat format, Extent e) {
    io::Pixels px;
    px.width = e.width;
    px.height = e.height;
    const std::size_t n = std::size_t(e.width) * e.height;
    px.rgba.resize(n * 4);
    switch (format) {
        case VK_FORMAT_R8G8B8A8_UNORM:
            for (std::size_t i = 0; i < n * 4; ++i) px.rgba[i] = std::to_integer<std::uint8_t>(data[i]) / 255.0f;
            break;
        case VK_FORMAT_R16G16B16A16_SFLOAT:
            for (std::size_t i = 0; i < n * 4; ++i) {
                std::uint16_t h;
                std::memcpy(&h, data + i * 2, 2);
                px.rgba[i] = half_to_float(h);
            }
            break;
        case VK_FORMAT_R32G32B32A32_SFLOAT: std::memcpy(px.rgba.data(), data, n * 16); break;
        case VK_FORMAT_R32_SFLOAT:
            for (std::size_t i = 0; i < n; ++i) {
                float v;
                std::memcpy(&v, data + i * 4, 4);
                px.rgba[i * 4 + 0] = px.rgba[i * 4 + 1] = px.rgba[i * 4 + 2] = v;
                px.rgba[i * 4 + 3] = 1.0f;
            }
            break;
        default: return make_error("readback of format " + std::to_string(format) + " is not supported");
    }
    px.premultiplied = format != VK_FORMAT_R32_SFLOAT;  // as the chain holds it; files get straight
    return px;
}

}  // namespace loom::gpu
