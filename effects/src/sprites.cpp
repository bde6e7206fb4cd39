#include "effects/src/sprites.hpp"

#include "core/gpu/barriers.hpp"
#include "core/gpu/device.hpp"
#include "core/gpu/format.hpp"
#include "core/gpu/vk.hpp"

namespace loom::effects {

Result<SpritePrograms> sprite_programs(graph::CreateContext& ctx, const char* vertex, Format output,
                                       std::uint32_t push_bytes, std::uint32_t sampled_bindings, bool points) {
    SpritePrograms out;
    for (bool additive : {true, false}) {
        gpu::GraphicsProgramDesc d;
        d.vertex = vertex;
        d.fragment = "effects/sprite.frag";
        for (std::uint32_t b = 0; b < sampled_bindings; ++b)
            d.bindings.push_back({b, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr});
        d.push_bytes = push_bytes;
        d.mesh_vertices = false;
        d.color_count = 1;
        d.color_formats[0] = gpu::to_vk(output);
        d.cull = VK_CULL_MODE_NONE;
        d.depth_test = d.depth_write = false;
        d.additive = additive;
        d.alpha_blend = !additive;
        d.premultiplied = true;  // sprite.frag writes premultiplied colour, like every chain image
        if (points) d.topology = VK_PRIMITIVE_TOPOLOGY_POINT_LIST;
        auto p = ctx.program(d);
        if (!p) return p.error();
        (additive ? out.added : out.over) = *p;
    }
    return out;
}

void draw_sprites(graph::RecordContext& ctx, gpu::GraphicsProgram& program, glm::vec4 clear, std::uint32_t instances,
                  const void* push, std::uint32_t push_bytes, VkDescriptorSet set, std::span<gpu::Image* const> sampled) {
    VkCommandBuffer cmd = ctx.cmd();
    gpu::Image& out = ctx.output();
    {
        // Every barrier before the rendering scope begins, none inside it.
        gpu::BarrierBatch b(cmd, ctx.device().counters());
        for (gpu::Image* img : sampled) b.require(*img, gpu::ImageUsage::SampledRead);
        b.require(out, gpu::ImageUsage::ColorAttachment);
    }
    VkRenderingAttachmentInfo ca{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    ca.imageView = out.view();
    ca.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    ca.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    ca.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    ca.clearValue.color = {{clear.r * clear.a, clear.g * clear.a, clear.b * clear.a, clear.a}};  // premultiplied
    const Extent e = out.extent();
    VkRenderingInfo ri{VK_STRUCTURE_TYPE_RENDERING_INFO};
    ri.renderArea = {{0, 0}, {e.width, e.height}};
    ri.layerCount = 1;
    ri.colorAttachmentCount = 1;
    ri.pColorAttachments = &ca;
    vkCmdBeginRendering(cmd, &ri);
    gpu::set_viewport(cmd, e);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, program.pipeline());
    if (set != VK_NULL_HANDLE)
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, program.layout(), 0, 1, &set, 0, nullptr);
    vkCmdPushConstants(cmd, program.layout(), program.push_stages(), 0, push_bytes, push);
    // One instance of all the vertices (sprite i is vertices 6i..6i+5, or vertex i for points):
    // GPUs pack the vertices of many sprites into one batch, not one tiny instance per batch.
    if (instances) vkCmdDraw(cmd, sprite_vertices(program) * instances, 1, 0, 0);
    ++ctx.device().counters().draws;
    vkCmdEndRendering(cmd);
}

}  // namespace loom::effects
