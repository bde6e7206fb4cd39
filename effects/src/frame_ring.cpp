#include "effects/src/frame_ring.hpp"
#include "core/graph/record_context.hpp"

#include <algorithm>
#include <string>

#include "core/gpu/barriers.hpp"
#include "core/gpu/device.hpp"

namespace loom::effects {

gpu::Image* FrameRing::push(graph::RecordContext& ctx, std::uint32_t input, std::uint32_t frames,
                            std::uint32_t scratch) {
    gpu::Image& in = ctx.input(input);
    // Grow, never shrink, while the input keeps its size and format.
    const Extent e = in.extent();
    if (e != input_extent_ || std::int32_t(in.format()) != input_format_) {
        input_extent_ = e;
        input_format_ = std::int32_t(in.format());
        layers_ = 0;
    }
    layers_ = std::max(layers_, frames);
    if (label_frames_ != layers_) {  // named by its length, so an allocation error says how many frames
        label_frames_ = layers_;
        label_ = "ring of " + std::to_string(layers_) + " frames (fewer frames need less memory)";
    }
    gpu::Image* ring = ctx.scratch(scratch, in.extent(), in.format(), label_.c_str(), layers_);
    if (!ring) {
        layers_ = 0;  // a smaller request may fit
        return nullptr;
    }
    if (ring->cookie() != cookie_) {  // a new ring: nothing in it yet
        cookie_ = ring->cookie();
        head_ = layers_ - 1;
        available_ = 0;
    }
    head_ = (head_ + 1) % layers_;
    {
        gpu::BarrierBatch b(ctx.cmd(), ctx.device().counters());
        b.require(in, gpu::ImageUsage::TransferSrc);
        b.require(*ring, gpu::ImageUsage::TransferDst, head_, 1);
    }
    VkImageCopy region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, head_, 1};
    region.extent = {in.extent().width, in.extent().height, 1};
    vkCmdCopyImage(ctx.cmd(), in.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, ring->get(),
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    available_ = std::min(available_ + 1, layers_);
    return ring;
}

}  // namespace loom::effects
