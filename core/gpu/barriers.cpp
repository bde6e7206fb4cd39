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
        case ImageUsage::DepthAttachment: return "depth-attachment";
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
                    VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT | VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT |
                        VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,  // vertex: sprites read their input there
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
        case ImageUsage::DepthAttachment:
            return {VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
                    VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
                    VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT};
        case ImageUsage::Present:
            // Presentation needs no access of its own: the semaphore the present waits on orders it.
            return {VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, VK_PIPELINE_STAGE_2_NONE, VK_ACCESS_2_NONE};
    }
    return {};
}

namespace {
// Every access that writes: a depth write left out here would leave a shadow map's contents
// invisible to the pass that samples it.
constexpr VkAccessFlags2 kWriteAccess = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT |
                                        VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_TRANSFER_WRITE_BIT |
                                        VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT | VK_ACCESS_2_SHADER_WRITE_BIT |
                                        VK_ACCESS_2_HOST_WRITE_BIT | VK_ACCESS_2_MEMORY_WRITE_BIT;

bool same_state(const ImageState& a, const ImageState& b) {
    return a.layout == b.layout && a.stage == b.stage && a.access == b.access;
}
}

void BarrierBatch::transition(Image& image, ImageUsage usage, std::uint32_t first_layer, std::uint32_t layer_count,
                              bool ahead) {
    const ImageState next = state_for(usage);
    const std::uint32_t tracked = image.tracked_layers();
    std::uint32_t first = 0, end = tracked;
    if (tracked > 1 && layer_count != kAllLayers) {
        first = first_layer;
        end = first_layer + layer_count;
    }
    // Runs of layers in the same state share one barrier.
    std::uint32_t run = first;
    for (std::uint32_t l = first + 1; l <= end; ++l) {
        if (l < end && same_state(image.layer_state(l), image.layer_state(run)) &&
            image.layer_state(l).untouched == image.layer_state(run).untouched)
            continue;
        const ImageState cur = image.layer_state(run);
        const bool same_layout = cur.layout == next.layout;
        const bool writes = (cur.access & kWriteAccess) || (next.access & kWriteAccess);
        if (cur.untouched && same_state(cur, next)) {
            // The barrier queued ahead for this state orders this use: nothing touched it since.
            for (std::uint32_t i = run; i < l; ++i) image.layer_state(i).untouched = ahead;
        } else if (same_layout && !writes) {
            // Read after read: no barrier, but later writers must wait for these readers too.
            for (std::uint32_t i = run; i < l; ++i) {
                image.layer_state(i).stage |= next.stage;
                image.layer_state(i).access |= next.access;
                image.layer_state(i).untouched = image.layer_state(i).untouched && ahead;
            }
        } else {
            // A single-layer-tracked image with more layers covers them all.
            const std::uint32_t count = tracked == 1 ? VK_REMAINING_ARRAY_LAYERS : l - run;
            queue(image, cur, next, run, count);
            for (std::uint32_t i = run; i < l; ++i) {
                image.layer_state(i) = next;
                image.layer_state(i).untouched = ahead;
            }
        }
        run = l;
    }
}

void BarrierBatch::queue(Image& image, const ImageState& cur, const ImageState& next, std::uint32_t first,
                         std::uint32_t count) {
    // Barriers in one call are unordered: a second transition of the same image needs its own call.
    for (std::uint32_t i = 0; i < count_; ++i)
        if (barriers_[i].image == image.get()) {
            const auto& r = barriers_[i].subresourceRange;
            const bool overlap = count == VK_REMAINING_ARRAY_LAYERS || r.layerCount == VK_REMAINING_ARRAY_LAYERS ||
                                 (first < r.baseArrayLayer + r.layerCount && r.baseArrayLayer < first + count);
            if (overlap) {
                flush();
                break;
            }
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
    b.subresourceRange = {image.aspect(), 0, VK_REMAINING_MIP_LEVELS, first, count};
}

void BarrierBatch::buffer(VkBuffer buffer, VkPipelineStageFlags2 src_stage, VkAccessFlags2 src_access,
                          VkPipelineStageFlags2 dst_stage, VkAccessFlags2 dst_access) {
    if (buffer_count_ == buffers_.size()) flush();
    VkBufferMemoryBarrier2& b = buffers_[buffer_count_++];
    b = {VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER_2};
    b.srcStageMask = src_stage;
    b.srcAccessMask = src_access;
    b.dstStageMask = dst_stage;
    b.dstAccessMask = dst_access;
    b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.buffer = buffer;
    b.offset = 0;
    b.size = VK_WHOLE_SIZE;
}

void BarrierBatch::flush() {
    if (count_ == 0 && buffer_count_ == 0) return;
    VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dep.imageMemoryBarrierCount = count_;
    dep.pImageMemoryBarriers = barriers_.data();
    dep.bufferMemoryBarrierCount = buffer_count_;
    dep.pBufferMemoryBarriers = buffers_.data();
    vkCmdPipelineBarrier2(cmd_, &dep);
    counters_.barriers += count_ + buffer_count_;
    ++counters_.barrier_calls;
    count_ = 0;
    buffer_count_ = 0;
}

}  // namespace loom::gpu
