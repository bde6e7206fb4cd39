// core/gpu/format.hpp — formats: mapping from loom::Format, byte sizes (incl. block-compressed).
#pragma once

#include <cstdint>

#include <vulkan/vulkan.h>

#include <loom/types.hpp>

namespace loom::gpu {

VkFormat to_vk(Format format);

// Bytes of one texel for uncompressed formats, of one 4x4 block for block-compressed ones.
// Returns 0 for formats Loom does not know (callers treat that as a bug).
std::uint32_t format_block_bytes(VkFormat format);
// Block width/height in texels: 4 for BCn, 1 otherwise.
std::uint32_t format_block_extent(VkFormat format);
bool format_is_block_compressed(VkFormat format);
// Depth (and depth-stencil) formats, and the aspect an image of `format` has.
bool format_is_depth(VkFormat format);
VkImageAspectFlags format_aspect(VkFormat format);

// Bytes of a 2D image with `mips` levels and `layers` layers, rounding partial blocks up.
std::uint64_t image_bytes(VkFormat format, std::uint32_t width, std::uint32_t height, std::uint32_t mips = 1,
                          std::uint32_t layers = 1);

}  // namespace loom::gpu
