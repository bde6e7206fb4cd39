// core/gpu/readback.hpp — copying an image back to the CPU.
//
// record_readback() records, into the frame's command buffer, the transition of the image to a
// transfer source and a copy of mip 0 into a host-visible buffer. Once the frame's fence has
// signalled, decode_readback() turns the buffer's bytes into float RGBA pixels for any format Loom
// renders (RGBA8, RGBA16F, RGBA32F, R32F shown as grey).
#pragma once

#include <cstddef>

#include <vulkan/vulkan.h>

#include <loom/result.hpp>

#include "core/gpu/resources.hpp"
#include "core/io/image_io.hpp"

namespace loom::gpu {

struct Counters;

// Bytes a readback of `image` needs in the buffer.
VkDeviceSize readback_bytes(const Image& image);

void record_readback(VkCommandBuffer cmd, Counters& counters, Image& image, const Buffer& buffer);

Result<io::Pixels> decode_readback(const std::byte* data, VkFormat format, Extent extent);

float half_to_float(std::uint16_t h);

}  // namespace loom::gpu
