#include "core/gpu/barriers.hpp"

#include "core/gpu/counters.hpp"
#include "core/gpu/resources.hpp"

namespace loom::gpu {

const char* image_usage_name(ImageUsage u) {
    switch (u) {
        case ImageUsage::StorageWrite: return "storage-write";
        case ImageUsage::SampledRead: return "sampled-read";
        case ImageUsage::TransferSrc: return "transfer-src";
        case ImageUsage::TransferDst: return "transfer-dst";
        case ImageUsage::ColorAttachment: return "color-attachment";
        case ImageUsage::Present: return "present";
    }
    return "?";
}

ImageState state_for(ImageUsage u) {
    switch (u) {
        case ImageUsage::StorageWrite:
            return {VK_IMAGE_LAYOUT_GENERAL, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                    VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT | VK_ACCESS_2_SHADER_STORAGE_READ_BIT};
        case ImageUsage::SampledRead:
            return {VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                    VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT | VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                    VK_ACCESS_2_SHADER_SAMPLED_READ_BIT};
        case ImageUsage::TransferSrc:
            return {VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
                    VK_ACCESS_2_TRANSFER_READ_BIT};
        case ImageUsage::TransferDst:
            return {VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
                    VK_ACCESS_2_TRANSFER_WRITE_BIT};
        case ImageUsage::ColorAttachment:
            return {VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                    VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT};
        case ImageUsage::Present:
            // Presentation needs no access of its own: the semaphore the present waits on orders it.
            return {VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, VK_PIPELINE_STAGE_2_NONE, VK_ACCESS_2_NONE};
    }
    return {};
}

namespace {
constexpr VkAccessFlags2 kWriteAccess = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_TRANSFER_WRITE_BIT |
                                        VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT | VK_ACCESS_2_SHADER_WRITE_BIT |
                                        VK_ACCESS_2_MEMORY_WRITE_BIT;
}

void BarrierBatch::require(Image& image, ImageUsage usage) {
    const ImageState next = state_for(usage);
    ImageState& cur = image.state();
    const bool same_layout = cur.layout == next.layout;
    const bool writes = (cur.access & kWriteAccess) || (next.access & kWriteAccess);
    if (same_layout && !writes) {
        // Read after read: no barrier, but later writers must wait for these readers too.
        cur.stage |= next.stage;
        cur.access |= next.access;
        return;
    }
    // Barriers in one call are unordered: a second transition of the same image needs its own call.
    for (std::uint32_t i = 0; i < count_; ++i)
        if (barriers_[i].image == image.get()) {
            flush();
            break;
        }
    if (count_ == kCapacity) flush();
    VkImageMemoryBarrier2& b = barriers_[count_++];
    b = {VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2};
    b.srcStageMask = cur.stage;
    b.srcAccessMask = cur.access & kWriteAccess;  // only writes need to be made available
    b.dstStageMask = next.stage;
    b.dstAccessMask = next.access;
    b.oldLayout = cur.layout;
    b.newLayout = next.layout;
    b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = image.get();
    b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, VK_REMAINING_MIP_LEVELS, 0, VK_REMAINING_ARRAY_LAYERS};
    cur = next;
}

void BarrierBatch::flush() {
    if (count_ == 0) return;
    VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dep.imageMemoryBarrierCount = count_;
    dep.pImageMemoryBarriers = barriers_.data();
    vkCmdPipelineBarrier2(cmd_, &dep);
    counters_.barriers += count_;
    count_ = 0;
}

}  // namespace loom::gpu
