// core/gpu/image_upload.hpp — pixel data from the CPU into an image, for data that changes
// rarely (a picture file, a font atlas, a mesh's texture).
#pragma once

#include <cstddef>

#include <vulkan/vulkan.h>

#include <loom/result.hpp>

#include "core/gpu/resources.hpp"

namespace loom::gpu {

class Device;

// Records a copy of `bytes` (tightly packed rows of `image`'s format, for mip 0 of layer 0) into
// `image` on `cmd`, through a host-visible staging buffer that the deferred deleter frees once
// this frame is done, and leaves the image ready for a transfer write (the caller's next barrier
// moves it on). Creates a buffer: not for every frame (the upload ring is for per-frame data).
Result<void> upload_image(Device& device, VkCommandBuffer cmd, Image& image, const void* data, std::size_t bytes,
                          const char* name, const char* owner);

}  // namespace loom::gpu
