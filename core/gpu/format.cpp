#include "core/gpu/format.hpp"

#include <algorithm>

namespace loom {

const char* format_name(Format f) {
    switch (f) {
        case Format::RGBA8: return "RGBA8";
        case Format::RGBA16F: return "RGBA16F";
        case Format::RGBA32F: return "RGBA32F";
        case Format::R32F: return "R32F";
    }
    return "?";
}

namespace gpu {

VkFormat to_vk(Format f) {
    switch (f) {
        case Format::RGBA8: return VK_FORMAT_R8G8B8A8_UNORM;
        case Format::RGBA16F: return VK_FORMAT_R16G16B16A16_SFLOAT;
        case Format::RGBA32F: return VK_FORMAT_R32G32B32A32_SFLOAT;
        case Format::R32F: return VK_FORMAT_R32_SFLOAT;
    }
    return VK_FORMAT_UNDEFINED;
}

bool format_is_block_compressed(VkFormat f) {
    return f >= VK_FORMAT_BC1_RGB_UNORM_BLOCK && f <= VK_FORMAT_BC7_SRGB_BLOCK;
}

std::uint32_t format_block_extent(VkFormat f) { return format_is_block_compressed(f) ? 4 : 1; }

std::uint32_t format_block_bytes(VkFormat f) {
    switch (f) {
        case VK_FORMAT_R8_UNORM:
        case VK_FORMAT_R8_SRGB:
        case VK_FORMAT_S8_UINT: return 1;
        case VK_FORMAT_R8G8_UNORM:
        case VK_FORMAT_R16_SFLOAT:
        case VK_FORMAT_R16_UNORM:
        case VK_FORMAT_D16_UNORM: return 2;
        case VK_FORMAT_R8G8B8A8_UNORM:
        case VK_FORMAT_R8G8B8A8_SRGB:
        case VK_FORMAT_B8G8R8A8_UNORM:
        case VK_FORMAT_B8G8R8A8_SRGB:
        case VK_FORMAT_A2B10G10R10_UNORM_PACK32:
        case VK_FORMAT_B10G11R11_UFLOAT_PACK32:
        case VK_FORMAT_R16G16_SFLOAT:
        case VK_FORMAT_R32_SFLOAT:
        case VK_FORMAT_R32_UINT:
        case VK_FORMAT_D32_SFLOAT:
        case VK_FORMAT_X8_D24_UNORM_PACK32:
        case VK_FORMAT_D24_UNORM_S8_UINT: return 4;
        case VK_FORMAT_D32_SFLOAT_S8_UINT: return 8;  // 4 + 1, padded as drivers store it
        case VK_FORMAT_R16G16B16A16_SFLOAT:
        case VK_FORMAT_R16G16B16A16_UNORM:
        case VK_FORMAT_R32G32_SFLOAT: return 8;
        case VK_FORMAT_R32G32B32A32_SFLOAT: return 16;
        // Block-compressed: bytes per 4x4 block.
        case VK_FORMAT_BC1_RGB_UNORM_BLOCK:
        case VK_FORMAT_BC1_RGB_SRGB_BLOCK:
        case VK_FORMAT_BC1_RGBA_UNORM_BLOCK:
        case VK_FORMAT_BC1_RGBA_SRGB_BLOCK:
        case VK_FORMAT_BC4_UNORM_BLOCK:
        case VK_FORMAT_BC4_SNORM_BLOCK: return 8;
        case VK_FORMAT_BC2_UNORM_BLOCK:
        case VK_FORMAT_BC2_SRGB_BLOCK:
        case VK_FORMAT_BC3_UNORM_BLOCK:
        case VK_FORMAT_BC3_SRGB_BLOCK:
        case VK_FORMAT_BC5_UNORM_BLOCK:
        case VK_FORMAT_BC5_SNORM_BLOCK:
        case VK_FORMAT_BC6H_UFLOAT_BLOCK:
        case VK_FORMAT_BC6H_SFLOAT_BLOCK:
        case VK_FORMAT_BC7_UNORM_BLOCK:
        case VK_FORMAT_BC7_SRGB_BLOCK: return 16;
        default: return 0;
    }
}

std::uint64_t image_bytes(VkFormat f, std::uint32_t w, std::uint32_t h, std::uint32_t mips, std::uint32_t layers) {
    const std::uint64_t block = format_block_extent(f);
    const std::uint64_t bytes = format_block_bytes(f);
    std::uint64_t total = 0;
    for (std::uint32_t m = 0; m < mips; ++m) {
        const std::uint64_t mw = std::max<std::uint32_t>(1, w >> m), mh = std::max<std::uint32_t>(1, h >> m);
        total += ((mw + block - 1) / block) * ((mh + block - 1) / block) * bytes;
    }
    return total * layers;
}

bool format_is_depth(VkFormat f) {
    switch (f) {
        case VK_FORMAT_D16_UNORM:
        case VK_FORMAT_D32_SFLOAT:
        case VK_FORMAT_X8_D24_UNORM_PACK32:
        case VK_FORMAT_D16_UNORM_S8_UINT:
        case VK_FORMAT_D24_UNORM_S8_UINT:
        case VK_FORMAT_D32_SFLOAT_S8_UINT: return true;
        default: return false;
    }
}

VkImageAspectFlags format_aspect(VkFormat f) {
    // Only the depth aspect is ever sampled or rendered by Loom, also of depth-stencil formats.
    return format_is_depth(f) ? VK_IMAGE_ASPECT_DEPTH_BIT : VK_IMAGE_ASPECT_COLOR_BIT;
}

}  // namespace gpu
}  // namespace loom
