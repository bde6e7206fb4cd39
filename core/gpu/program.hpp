// core/gpu/program.hpp — an image program: the one pipeline shape 2D operators use.
//
// A program is a compute shader run over every output pixel (8x8 workgroups, each invocation
// computing a block of pixels: ProgramDesc::block). Its output is a
// storage image at set 0, binding 0; its inputs are combined image samplers at bindings 1..n;
// its per-dispatch data is one push-constant block. Shaders include common/pass.glsl, which
// declares all of that and calls `vec4 loom_effect(vec2 uv, ivec2 pixel)` for each pixel.
//
// Compute rather than a fullscreen fragment pass: on GPUs built for compute (the H100/H200
// class) fragment shading runs on a small part of the chip and is many times slower, while on
// desktop GPUs and lavapipe the two cost about the same.
//
// Programs are shared: ProgramCache keys them by (shader, inputs, push size, macros, block,
// specialization constants), so 64 Noise operators use one pipeline. reload() recompiles the
// shader and, on success, swaps the pipeline (the old one is retired); on failure the last good
// pipeline stays and the error comes back.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <vulkan/vulkan.h>

#include <loom/result.hpp>

#include "core/gpu/resources.hpp"

namespace loom::shader {
class ShaderCompiler;
}

namespace loom::gpu {

class Device;

// How many pixels one invocation of common/pass.glsl's main() computes, along x and y, on a
// target of at least kMinPixels (a smaller one runs a pixel an invocation: its workgroups are
// too few to fill a GPU as it is). A workgroup of 8x8 invocations covers 8 * x by 8 * y pixels,
// invocation (i, j) the pixels (i + 8a, j + 8b). The shader reads the block from the dispatch's
// group count, so one pipeline runs any block.
struct PassBlock {
    std::uint32_t x = 0, y = 0;  // 0: the device's choice (ProgramCache::get)
    static constexpr std::uint32_t kMax = 8;
    static constexpr std::uint64_t kMinPixels = 1u << 19;
    bool operator==(const PassBlock&) const = default;
};

struct ProgramDesc {
    std::string shader;  // relative to the shader roots: "effects/blur.comp"
    std::uint32_t inputs = 0;
    std::uint32_t push_bytes = 0;
    // Macros defined before the shader's first line (the Shader operator's value names).
    std::vector<std::pair<std::string, std::string>> defines;
    // Set 0 of a program with its own layout (Render3D's lighting pass: buffers, shadow maps),
    // used instead of the storage image + `inputs` samplers; RecordContext::dispatch() does not
    // bind such a program, its owner does.
    std::vector<VkDescriptorSetLayoutBinding> bindings;
    // Pixels per invocation of pass.glsl's main() on a large target; a program with its own
    // main() (one that defines LOOM_PASS_OWN_MAIN) sets {1, 1}. Left at {0, 0},
    // ProgramCache::get() fills in the device's choice (default_pass_block()).
    // RecordContext::dispatch() sizes its groups by it.
    PassBlock block;
    // Values of the shader's specialization constants 0 and 1 (common/spec.glsl); -1 leaves a
    // constant at the shader's own default. effects::ModeProgram sets them on a CPU device.
    std::array<std::int32_t, 2> constants{-1, -1};
    bool specialized() const { return constants[0] >= 0 || constants[1] >= 0; }
    std::string key() const;
};

// The block of pixels an invocation of pass.glsl's main() computes on `device` unless a program
// says otherwise: 1x1 on a CPU device (its invocations are lanes of one core already), and on
// a GPU the block measured fastest there (docs/PERFORMANCE.md). LOOM_PASS_BLOCK=WxH (1 to 8
// each) overrides it on any device; a malformed value is logged once and ignored.
PassBlock default_pass_block(const Device& device);

// What compute and graphics programs share: set 0's layout, a pipeline layout with one push
// range, the pipeline, the shader files it was built from, and reload().
class ProgramBase {
public:
    virtual ~ProgramBase() = default;
    ProgramBase(const ProgramBase&) = delete;
    ProgramBase& operator=(const ProgramBase&) = delete;

    // Rebuilds from the shader files; on success the old pipeline retires (its frames finish
    // with it), on failure the last good one stays and the error comes back.
    Result<void> reload(shader::ShaderCompiler& compiler);

    VkPipeline pipeline() const { return pipeline_.get(); }
    VkPipelineLayout layout() const { return layout_.get(); }
    VkDescriptorSetLayout set_layout() const { return set_layout_.get(); }
    std::uint64_t set_layout_cookie() const { return set_layout_.cookie(); }
    const std::vector<std::string>& files() const { return files_; }

protected:
    explicit ProgramBase(Device& device) : device_(device) {}
    // Errors when the device offers fewer push-constant bytes than `push_bytes`.
    static Result<void> check_push_bytes(const Device& device, const std::string& name, std::uint32_t push_bytes);
    // Makes set 0 from `bindings` and the pipeline layout (one push range over `stages`), then
    // builds the first pipeline.
    Result<void> init(shader::ShaderCompiler& compiler, std::span<const VkDescriptorSetLayoutBinding> bindings,
                      VkShaderStageFlags stages, std::uint32_t push_bytes, const std::string& name);
    virtual Result<Pipeline> build(shader::ShaderCompiler& compiler, std::vector<std::string>& files) = 0;

    Device& device_;

private:
    DescriptorSetLayout set_layout_;
    PipelineLayout layout_;
    Pipeline pipeline_;
    std::vector<std::string> files_;
};

class Program final : public ProgramBase {
public:
    static constexpr std::uint32_t kGroupSize = 8;  // matches local_size in common/pass.glsl
    static constexpr std::uint32_t kMaxInputs = 15;  // = loom::kMaxOperatorInputs

    static Result<std::unique_ptr<Program>> create(Device& device, shader::ShaderCompiler& compiler,
                                                   const ProgramDesc& desc);
    const ProgramDesc& desc() const { return desc_; }

private:
    Program(Device& device, ProgramDesc desc) : ProgramBase(device), desc_(std::move(desc)) {}
    Result<Pipeline> build(shader::ShaderCompiler& compiler, std::vector<std::string>& files) override;
    ProgramDesc desc_;
};

// A graphics program: a vertex shader and an optional fragment shader (none: depth only, as for
// shadow maps) drawing with dynamic rendering into the given attachment formats. Vertices are
// loom::Vertex (position, normal, uv, tangent; 48 bytes) at binding 0, a layout of the caller's,
// or none. Set 0 has the
// given bindings; one push-constant block is visible to both stages. Viewport, scissor and depth
// bias are dynamic (and the front face, on request). Cached by the whole state (GraphicsProgramDesc::key), next to the compute ones.
struct GraphicsProgramDesc {
    static constexpr std::uint32_t kMaxColors = 4;
    std::string vertex;    // "render3d/mesh.vert"
    std::string fragment;  // "render3d/gbuffer.frag", or empty
    std::vector<VkDescriptorSetLayoutBinding> bindings;
    std::uint32_t push_bytes = 0;
    bool mesh_vertices = true;
    std::uint32_t vertex_attributes = 4;  // the first n of position, normal, uv, tangent (locations 0..n-1)
    // Another vertex layout at binding 0 (the editor's ImDrawVert): used instead of loom::Vertex
    // when not empty, `vertex_stride` bytes per vertex.
    std::vector<VkVertexInputAttributeDescription> vertex_layout;
    std::uint32_t vertex_stride = 0;
    std::uint32_t color_count = 0;
    std::array<VkFormat, kMaxColors> color_formats{};
    VkFormat depth_format = VK_FORMAT_UNDEFINED;
    VkCullModeFlags cull = VK_CULL_MODE_BACK_BIT;
    VkFrontFace front_face = VK_FRONT_FACE_COUNTER_CLOCKWISE;
    bool depth_test = true;
    bool depth_write = true;
    VkCompareOp depth_compare = VK_COMPARE_OP_LESS_OR_EQUAL;
    bool depth_bias = false;  // vkCmdSetDepthBias per draw
    bool dynamic_front_face = false;  // vkCmdSetFrontFace per draw (mirrored transforms); front_face unused
    bool alpha_blend = false;  // source over
    bool additive = false;     // colour * alpha added to what is there (particles, glows)
    bool premultiplied = false;  // with either: the fragment's colour is already times its alpha
    VkPrimitiveTopology topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;  // points: one pixel each
    std::string key() const;
};

class GraphicsProgram final : public ProgramBase {
public:
    static Result<std::unique_ptr<GraphicsProgram>> create(Device& device, shader::ShaderCompiler& compiler,
                                                           const GraphicsProgramDesc& desc);
    VkShaderStageFlags push_stages() const { return VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT; }
    const GraphicsProgramDesc& desc() const { return desc_; }

private:
    GraphicsProgram(Device& device, GraphicsProgramDesc desc) : ProgramBase(device), desc_(std::move(desc)) {}
    Result<Pipeline> build(shader::ShaderCompiler& compiler, std::vector<std::string>& files) override;
    GraphicsProgramDesc desc_;
};

class ProgramCache {
public:
    ProgramCache(Device& device, shader::ShaderCompiler& compiler);
    ~ProgramCache();
    ProgramCache(const ProgramCache&) = delete;
    ProgramCache& operator=(const ProgramCache&) = delete;

    // The shared program for `desc`, compiling it on first request. Errors are GLSL errors
    // (file:line) or a missing shader; a failed desc is retried on the next request.
    Result<Program*> get(const ProgramDesc& desc);
    Result<GraphicsProgram*> get(const GraphicsProgramDesc& desc);
    std::size_t size() const { return programs_.size() + graphics_.size(); }
    // Reloads every program that uses `file`; returns the errors (one per failed program).
    std::vector<std::string> reload_file(const std::string& file);

    shader::ShaderCompiler& compiler() { return compiler_; }

private:
    Device& device_;
    shader::ShaderCompiler& compiler_;
    std::map<std::string, std::unique_ptr<Program>> programs_;
    std::map<std::string, std::unique_ptr<GraphicsProgram>> graphics_;
};

}  // namespace loom::gpu
