// core/gpu/barriers.hpp — image state tracking and batched synchronization2 barriers.
//
// Each Image remembers the layout, stage and access of its last use, per layer for layered
// images (a cube's faces, a cascade's slices). BarrierBatch::require() compares that with the
// next use and queues a VkImageMemoryBarrier2 when they differ (a layout change, or a write on
// either side); read-after-read in the same layout needs none, nor does the first use in a
// state that prepare() established ahead of it ("untouched"). Layers in the same state share
// one barrier. Buffers get barriers by stage and access (an upload before a vertex read).
// flush() emits every queued barrier in one vkCmdPipelineBarrier2; flush before
// vkCmdBeginRendering, never inside a rendering scope. Fixed capacity, no heap allocation.
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
    DepthAttachment,  // depth-tested and written (dynamic rendering)
    Present,          // handed to the presentation engine
};

const char* image_usage_name(ImageUsage usage);

struct ImageState {
    VkImageLayout layout = VK_IMAGE_LAYOUT_UNDEFINED;
    VkPipelineStageFlags2 stage = VK_PIPELINE_STAGE_2_NONE;
    VkAccessFlags2 access = VK_ACCESS_2_NONE;
    // Set by a barrier queued ahead of the use (BarrierBatch::prepare), cleared by the first use
    // (require): a use in the same state before anything touched the image is already ordered
    // by that barrier (the plan moves an operator's outputs to storage-write; its dispatch then
    // needs no second, write-after-write barrier). A barrier queued by require() is followed by
    // its use at once, so it leaves this false.
    bool untouched = false;
};

ImageState state_for(ImageUsage usage);

class BarrierBatch {
public:
    static constexpr std::uint32_t kCapacity = 16;
    static constexpr std::uint32_t kAllLayers = ~0u;

    BarrierBatch(VkCommandBuffer cmd, Counters& counters) : cmd_(cmd), counters_(counters) {}
    ~BarrierBatch() { flush(); }
    BarrierBatch(const BarrierBatch&) = delete;
    BarrierBatch& operator=(const BarrierBatch&) = delete;

    // Queue the transition of `image` (layers first..first+count-1, or all) to `usage` for a use
    // recorded right after the flush; updates the tracked state of those layers.
    void require(Image& image, ImageUsage usage, std::uint32_t first_layer = 0, std::uint32_t layer_count = kAllLayers) {
        transition(image, usage, first_layer, layer_count, false);
    }
    // The same, ahead of the use (the plan moving an operator's images before its record()): the
    // state stays "untouched", so the use's own require() in that state adds no second barrier.
    void prepare(Image& image, ImageUsage usage, std::uint32_t first_layer = 0, std::uint32_t layer_count = kAllLayers) {
        transition(image, usage, first_layer, layer_count, true);
    }
    // Queue a buffer barrier: writes by (src_stage, src_access) before accesses by (dst_stage,
    // dst_access) of the whole buffer.
    void buffer(VkBuffer buffer, VkPipelineStageFlags2 src_stage, VkAccessFlags2 src_access,
                VkPipelineStageFlags2 dst_stage, VkAccessFlags2 dst_access);
    void flush();
    std::uint32_t queued() const { return count_ + buffer_count_; }

private:
    void transition(Image& image, ImageUsage usage, std::uint32_t first_layer, std::uint32_t layer_count, bool ahead);
    VkCommandBuffer cmd_;
    Counters& counters_;
    void queue(Image& image, const ImageState& cur, const ImageState& next, std::uint32_t first,
               std::uint32_t count);
    std::array<VkImageMemoryBarrier2, kCapacity> barriers_{};
    std::uint32_t count_ = 0;
    std::array<VkBufferMemoryBarrier2, 4> buffers_{};
    std::uint32_t buffer_count_ = 0;
};

}  // namespace loom::gpu
