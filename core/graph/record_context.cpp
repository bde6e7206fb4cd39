#include "core/graph/record_context.hpp"

#include <spdlog/spdlog.h>

#include "core/gpu/barriers.hpp"
#include "core/gpu/device.hpp"
#include "core/graph/operator_state.hpp"

namespace loom::graph {

gpu::Image* RecordContext::scratch(std::uint32_t index, Extent extent, VkFormat format, const char* label) {
    auto& list = op_.state().scratch;
    if (list.size() <= index) list.resize(index + 1);
    gpu::Image* img = &list[index];
    if (*img && img->extent() == extent && img->format() == format) return img;
    gpu::ImageDesc d;
    d.extent = extent;
    d.format = format;
    d.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
              VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    d.name = label;
    d.owner = op_.name().c_str();
    auto r = device_.create_image(d);
    if (!r) {
        fail(r.message());
        return nullptr;
    }
    *img = std::move(r.value());
    // Indexing again (rather than returning img) keeps GCC 12 from a false -Wreturn-local-addr.
    return &op_.state().scratch[index];
}

void RecordContext::draw(gpu::Program& program, std::span<const gpu::ImageBinding> inputs, gpu::Image& target,
                         const void* push, std::uint32_t push_bytes, LoadOp load) {
    if (failed_) return;
    {
        gpu::BarrierBatch b(cmd_, device_.counters());
        for (const gpu::ImageBinding& in : inputs) b.require(*in.image, gpu::ImageUsage::SampledRead);
        b.require(target, gpu::ImageUsage::ColorWrite);
    }
    VkPipeline pipeline = program.pipeline(target.format());
    if (pipeline == VK_NULL_HANDLE) {
        fail("the driver could not build the pipeline for " + program.desc().fragment);
        return;
    }
    VkDescriptorSet set = VK_NULL_HANDLE;
    if (!inputs.empty()) set = descriptors_.get(program.set_layout(), program.set_layout_cookie(), inputs);

    const Extent e = target.extent();
    VkRenderingAttachmentInfo att{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    att.imageView = target.view();
    att.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    att.loadOp = load == LoadOp::Load    ? VK_ATTACHMENT_LOAD_OP_LOAD
                 : load == LoadOp::Clear ? VK_ATTACHMENT_LOAD_OP_CLEAR
                                         : VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    att.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    att.clearValue.color = {{0.0f, 0.0f, 0.0f, 0.0f}};
    VkRenderingInfo ri{VK_STRUCTURE_TYPE_RENDERING_INFO};
    ri.renderArea = {{0, 0}, {e.width, e.height}};
    ri.layerCount = 1;
    ri.colorAttachmentCount = 1;
    ri.pColorAttachments = &att;
    vkCmdBeginRendering(cmd_, &ri);
    const VkViewport vp{0.0f, 0.0f, float(e.width), float(e.height), 0.0f, 1.0f};
    const VkRect2D sc{{0, 0}, {e.width, e.height}};
    vkCmdSetViewport(cmd_, 0, 1, &vp);
    vkCmdSetScissor(cmd_, 0, 1, &sc);
    vkCmdBindPipeline(cmd_, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
    if (set) vkCmdBindDescriptorSets(cmd_, VK_PIPELINE_BIND_POINT_GRAPHICS, program.layout(), 0, 1, &set, 0, nullptr);
    if (push_bytes) vkCmdPushConstants(cmd_, program.layout(), VK_SHADER_STAGE_FRAGMENT_BIT, 0, push_bytes, push);
    vkCmdDraw(cmd_, 3, 1, 0, 0);
    vkCmdEndRendering(cmd_);
    ++device_.counters().draws;
}

void RecordContext::fail(std::string message) {
    failed_ = true;
    auto& st = op_.state();
    if (st.error != message) {
        spdlog::error("operator '{}' ({}): {}", op_.name(), op_.type_name(), message);
        st.error = std::move(message);
    }
}

}  // namespace loom::graph
