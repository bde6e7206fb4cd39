// addons/editor/overlay_renderer.hpp — Dear ImGui's draw data, drawn through Loom's device.
//
// ImGui's own Vulkan backend allocates outside Loom (invisible to the counters, the memory
// tracker and the leak watch, and it registers a descriptor set per texture per call — the
// well-known leak). This renderer draws ImGui's draw data with Loom's objects instead:
//   - one gpu::GraphicsProgram (shaders/editor/imgui.vert/.frag, ImDrawVert vertices, alpha
//     blending), dynamic rendering into the target;
//   - the font atlas as a Loom image, uploaded once in the frame's command buffer;
//   - vertex and index data in a host-visible buffer per frame slot, grown (doubled) only when
//     the UI needs more, so a steady UI creates nothing;
//   - textures named by image cookie (ImTextureID = the cookie), resolved when recording through
//     the caller's resolver, and bound with sets from the DescriptorCache: made once per image,
//     dropped when the image is retired — a thumbnail writes no descriptor per frame.
// Every barrier (textures to sampled, target to colour attachment) is flushed before the
// rendering scope begins. Single-threaded (the frame loop's thread).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <vulkan/vulkan.h>

#include <loom/result.hpp>

#include "core/base/function_ref.hpp"
#include "core/gpu/descriptor_cache.hpp"
#include "core/gpu/program.hpp"
#include "core/gpu/resources.hpp"

struct ImDrawData;

namespace loom::shader {
class ShaderCompiler;
}
namespace loom::gpu {
class Device;
}

namespace loom::editor {

class OverlayRenderer {
public:
    using Resolver = FunctionRef<gpu::Image*(std::uint64_t cookie)>;

    // ImGui's font atlas must be built (the renderer uploads it on its first record()).
    static Result<std::unique_ptr<OverlayRenderer>> create(gpu::Device& device, shader::ShaderCompiler& shaders,
                                                           gpu::DescriptorCache& descriptors, VkFormat target_format);
    ~OverlayRenderer();

    // The ImTextureID of the font atlas.
    std::uint64_t font_texture() const { return font_.cookie(); }

    // Records `draw` over `target` (any state; left as a colour attachment). Textures other than
    // the font come from `resolve` (null: skipped this frame).
    void record(VkCommandBuffer cmd, gpu::Image& target, std::uint32_t slot, const ImDrawData* draw,
                Resolver resolve);

    std::uint64_t buffer_growths() const { return growths_; }

private:
    OverlayRenderer(gpu::Device& device, gpu::DescriptorCache& descriptors)
        : device_(device), descriptors_(descriptors) {}
    Result<void> init(shader::ShaderCompiler& shaders, VkFormat target_format);
    void upload_font(VkCommandBuffer cmd);
    bool ensure(gpu::Buffer& buffer, VkDeviceSize bytes, VkBufferUsageFlags usage, const char* name);

    gpu::Device& device_;
    gpu::DescriptorCache& descriptors_;
    std::unique_ptr<gpu::GraphicsProgram> program_;
    gpu::Image font_;
    gpu::Buffer font_upload_;
    bool font_ready_ = false;
    std::vector<gpu::Buffer> vertices_, indices_;  // per frame slot
    std::uint64_t growths_ = 0;
};

}  // namespace loom::editor
