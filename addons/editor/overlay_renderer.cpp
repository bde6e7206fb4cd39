#include "addons/editor/overlay_renderer.hpp"

#include <cstring>

#include <imgui.h>

#include "core/gpu/barriers.hpp"
#include "core/gpu/device.hpp"
#include "core/gpu/vk.hpp"
#include "core/shader/shader_compiler.hpp"

namespace loom::editor {

namespace {
struct Push {
    float scale[2];
    float translate[2];
    float opaque;
};
}  // namespace

Result<std::unique_ptr<OverlayRenderer>> OverlayRenderer::create(gpu::Device& device, shader::ShaderCompiler& shaders,
                                                                 gpu::DescriptorCache& descriptors,
                                                                 VkFormat target_format) {
    std::unique_ptr<OverlayRenderer> r(new OverlayRenderer(device, descriptors));
    if (auto e = r->init(shaders, target_format); !e) return e.error();
    return r;
}

OverlayRenderer::~OverlayRenderer() = default;

Result<void> OverlayRenderer::init(shader::ShaderCompiler& shaders, VkFormat target_format) {
    gpu::GraphicsProgramDesc pd;
    pd.vertex = "editor/imgui.vert";
    pd.fragment = "editor/imgui.frag";
    pd.bindings = {{0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr}};
    pd.push_bytes = sizeof(Push);
    pd.mesh_vertices = false;
    pd.vertex_layout = {
        {0, 0, VK_FORMAT_R32G32_SFLOAT, static_cast<std::uint32_t>(offsetof(ImDrawVert, pos))},
        {1, 0, VK_FORMAT_R32G32_SFLOAT, static_cast<std::uint32_t>(offsetof(ImDrawVert, uv))},
        {2, 0, VK_FORMAT_R8G8B8A8_UNORM, static_cast<std::uint32_t>(offsetof(ImDrawVert, col))}};
    pd.vertex_stride = sizeof(ImDrawVert);
    pd.color_count = 1;
    pd.color_formats[0] = target_format;
    pd.cull = VK_CULL_MODE_NONE;
    pd.depth_test = false;
    pd.depth_write = false;
    pd.alpha_blend = true;
    auto program = gpu::GraphicsProgram::create(device_, shaders, pd);
    if (!program) return program.error();
    program_ = std::move(*program);

    // The font atlas.
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    gpu::ImageDesc d;
    d.extent = {static_cast<std::uint32_t>(w), static_cast<std::uint32_t>(h)};
    d.format = VK_FORMAT_R8G8B8A8_UNORM;
    d.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    d.name = "editor.font";
    d.owner = "editor";
    auto font = device_.create_image(d);
    if (!font) return font.error();
    font_ = std::move(*font);
    gpu::BufferDesc bd;
    bd.size = static_cast<VkDeviceSize>(w) * static_cast<VkDeviceSize>(h) * 4;
    bd.usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT;
    bd.domain = gpu::MemoryDomain::HostVisible;
    bd.name = "editor.font-upload";
    bd.owner = "editor";
    auto up = device_.create_buffer(bd);
    if (!up) return up.error();
    font_upload_ = std::move(*up);
    std::memcpy(font_upload_.mapped(), pixels, bd.size);
    ImGui::GetIO().Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(font_.cookie())));
    vertices_.resize(device_.frames_in_flight());
    indices_.resize(device_.frames_in_flight());
    return {};
}

void OverlayRenderer::upload_font(VkCommandBuffer cmd) {
    {
        gpu::BarrierBatch bb(cmd, device_.counters());
        bb.require(font_, gpu::ImageUsage::TransferDst);
    }
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {font_.extent().width, font_.extent().height, 1};
    vkCmdCopyBufferToImage(cmd, font_upload_.get(), font_.get(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    font_upload_.reset();  // retired: destroyed once this frame is done
    font_ready_ = true;
}

bool OverlayRenderer::ensure(gpu::Buffer& buffer, VkDeviceSize bytes, VkBufferUsageFlags usage, const char* name) {
    if (buffer && buffer.size() >= bytes) return true;
    VkDeviceSize size = 64 * 1024;
    while (size < bytes) size *= 2;
    gpu::BufferDesc d;
    d.size = size;
    d.usage = usage;
    d.domain = gpu::MemoryDomain::HostVisible;
    d.name = name;
    d.owner = "editor";
    auto b = device_.create_buffer(d);
    if (!b) return false;
    buffer = std::move(*b);  // the old one retires with its frame
    ++growths_;
    return true;
}

void OverlayRenderer::record(VkCommandBuffer cmd, gpu::Image& target, std::uint32_t slot, const ImDrawData* draw,
                             Resolver resolve) {
    if (!font_ready_) upload_font(cmd);
    if (!draw || draw->TotalVtxCount == 0) return;
    gpu::Buffer& vb = vertices_[slot];
    gpu::Buffer& ib = indices_[slot];
    if (!ensure(vb, draw->TotalVtxCount * sizeof(ImDrawVert), VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, "editor.vertices") ||
        !ensure(ib, draw->TotalIdxCount * sizeof(ImDrawIdx), VK_BUFFER_USAGE_INDEX_BUFFER_BIT, "editor.indices"))
        return;
    auto* vdst = reinterpret_cast<ImDrawVert*>(vb.mapped());
    auto* idst = reinterpret_cast<ImDrawIdx*>(ib.mapped());
    for (int n = 0; n < draw->CmdListsCount; ++n) {
        const ImDrawList* list = draw->CmdLists[n];
        std::memcpy(vdst, list->VtxBuffer.Data, list->VtxBuffer.Size * sizeof(ImDrawVert));
        std::memcpy(idst, list->IdxBuffer.Data, list->IdxBuffer.Size * sizeof(ImDrawIdx));
        vdst += list->VtxBuffer.Size;
        idst += list->IdxBuffer.Size;
    }
    auto texture = [&](ImTextureID id) -> gpu::Image* {
        const auto cookie = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(id));
        if (cookie == font_.cookie()) return &font_;
        gpu::Image* img = resolve ? resolve(cookie) : nullptr;
        return img && *img ? img : nullptr;
    };
    // Barriers first, all of them: none may sit inside the rendering scope.
    {
        gpu::BarrierBatch bb(cmd, device_.counters());
        for (int n = 0; n < draw->CmdListsCount; ++n)
            for (const ImDrawCmd& c : draw->CmdLists[n]->CmdBuffer)
                if (!c.UserCallback)
                    if (gpu::Image* img = texture(c.TextureId)) bb.require(*img, gpu::ImageUsage::SampledRead);
        bb.require(target, gpu::ImageUsage::ColorAttachment);
    }
    VkRenderingAttachmentInfo color{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    color.imageView = target.view();
    color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    color.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    VkRenderingInfo ri{VK_STRUCTURE_TYPE_RENDERING_INFO};
    ri.renderArea = {{0, 0}, {target.extent().width, target.extent().height}};
    ri.layerCount = 1;
    ri.colorAttachmentCount = 1;
    ri.pColorAttachments = &color;
    vkCmdBeginRendering(cmd, &ri);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, program_->pipeline());
    const VkDeviceSize zero = 0;
    VkBuffer vbh = vb.get();
    vkCmdBindVertexBuffers(cmd, 0, 1, &vbh, &zero);
    vkCmdBindIndexBuffer(cmd, ib.get(), 0, sizeof(ImDrawIdx) == 2 ? VK_INDEX_TYPE_UINT16 : VK_INDEX_TYPE_UINT32);
    const float fw = draw->DisplaySize.x * draw->FramebufferScale.x;
    const float fh = draw->DisplaySize.y * draw->FramebufferScale.y;
    VkViewport viewport{0.0f, 0.0f, fw, fh, 0.0f, 1.0f};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    Push push{};
    push.scale[0] = 2.0f / draw->DisplaySize.x;
    push.scale[1] = 2.0f / draw->DisplaySize.y;
    push.translate[0] = -1.0f - draw->DisplayPos.x * push.scale[0];
    push.translate[1] = -1.0f - draw->DisplayPos.y * push.scale[1];
    const ImVec2 clip_off = draw->DisplayPos;
    const ImVec2 clip_scale = draw->FramebufferScale;
    std::uint32_t vtx_base = 0, idx_base = 0;
    VkDescriptorSet bound = VK_NULL_HANDLE;
    float bound_opaque = -1.0f;
    for (int n = 0; n < draw->CmdListsCount; ++n) {
        const ImDrawList* list = draw->CmdLists[n];
        for (const ImDrawCmd& c : list->CmdBuffer) {
            if (c.UserCallback) continue;
            gpu::Image* img = texture(c.TextureId);
            if (!img) continue;
            const float x0 = std::max((c.ClipRect.x - clip_off.x) * clip_scale.x, 0.0f);
            const float y0 = std::max((c.ClipRect.y - clip_off.y) * clip_scale.y, 0.0f);
            const float x1 = std::min((c.ClipRect.z - clip_off.x) * clip_scale.x, fw);
            const float y1 = std::min((c.ClipRect.w - clip_off.y) * clip_scale.y, fh);
            if (x1 <= x0 || y1 <= y0) continue;
            VkRect2D scissor{{static_cast<std::int32_t>(x0), static_cast<std::int32_t>(y0)},
                             {static_cast<std::uint32_t>(x1 - x0), static_cast<std::uint32_t>(y1 - y0)}};
            vkCmdSetScissor(cmd, 0, 1, &scissor);
            const gpu::ImageBinding binding{img, gpu::SamplerKind::LinearClamp};
            VkDescriptorSet set = descriptors_.get_sampled(program_->set_layout(), program_->set_layout_cookie(),
                                                                 {&binding, 1});
            if (set != bound) {
                vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, program_->layout(), 0, 1, &set, 0,
                                        nullptr);
                bound = set;
            }
            push.opaque = img == &font_ ? 0.0f : 1.0f;
            if (push.opaque != bound_opaque) {
                vkCmdPushConstants(cmd, program_->layout(), VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                                   sizeof push, &push);
                bound_opaque = push.opaque;
            }
            vkCmdDrawIndexed(cmd, c.ElemCount, 1, idx_base + c.IdxOffset, static_cast<std::int32_t>(vtx_base + c.VtxOffset),
                             0);
            ++device_.counters().draws;
        }
        vtx_base += static_cast<std::uint32_t>(list->VtxBuffer.Size);
        idx_base += static_cast<std::uint32_t>(list->IdxBuffer.Size);
    }
    vkCmdEndRendering(cmd);
}

}  // namespace loom::editor
