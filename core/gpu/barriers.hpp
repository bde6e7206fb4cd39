// core/gpu/barriers.hpp — image state tracking and batched synchronization2 barriers.
//
// Each Image remembers the layout, stage and access of its last use. BarrierBatch::require()
// compares that with the next use and queues a VkImageMemoryBarrier2 when they differ (a layout
// change, or a write on either side); read-after-read in the same layout needs none. flush()
// emits every queued barrier in one vkCmdPipelineBarrier2. Fixed capacity, no heap allocation.
#pragma once

#include <array>
#include <cstdint>

#include <vulkan/vulkan.h>

namespace loom::gpu {

class Image;
struct Counters;

enum class ImageUsage : std::uint8_t {
    StorageWrite,  // written (and possibly read back) as a storage image by a compute shader
    SampledRead,   // sampled in a fragment or compute shader
    TransferSrc,
    TransferDst,
    ColorAttachment,  // rendered to (dynamic rendering)
    Present,          // handed to the presentation engine
};

const char* image_usage_name(ImageUsage usage);

struct ImageState {
    VkImageLayout layout = VK_IMAGE_LAYOUT_UNDEFINED;
    VkPipelineStageFlags2 stage = VK_PIPELINE_STAGE_2_NONE;
    VkAccessFlags2 access = VK_ACCESS_2_NONE;
};

ImageState state_for(ImageUsage usage);

class BarrierBatch {
public:
    static constexpr std::uint32_t kCapacity = 16;

    BarrierBatch(VkCommandBuffer cmd, Counters& counters) : cmd_(cmd), counters_(counters) {}
    ~BarrierBatch() { flush(); }
    BarrierBatch(const BarrierBatch&) = delete;
    BarrierBatch& operator=(const BarrierBatch&) = delete;

    // Queue the transition of `image` to `usage`; updates the image's tracked state.
    void require(Image& image, ImageUsage usage);
    void flush();
    std::uint32_t queued() const { return count_; }

private:
    VkCommandBuffer cmd_;
    Counters& counters_;
    std::array<VkImageMemoryBarrier2, kCapacity> barriers_{};
    std::uint32_t count_ = 0;
};

}  // namespace loom::gpu
