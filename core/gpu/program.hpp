// core/gpu/program.hpp — a fullscreen fragment program: the one pipeline shape 2D operators use.
//
// A program is a fragment shader drawn over a fullscreen triangle into one color attachment with
// dynamic rendering. Its inputs are combined image samplers at set 0, bindings 0..inputs-1; its
// per-draw data is a push-constant block visible to the fragment stage. Pipelines are made per
// target format on first use and kept.
//
// Programs are shared: ProgramCache keys them by (shader, inputs, push size, blend), so 64 Noise
// operators use one pipeline. reload() recompiles the shader and, on success, swaps the pipelines
// (the old ones are retired); on failure the last good pipelines stay and the error comes back.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
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

enum class Blend : std::uint8_t { None, Additive };

struct ProgramDesc {
    std::string fragment;  // relative to the shader roots: "effects/blur.frag"
    std::uint32_t inputs = 0;
    std::uint32_t push_bytes = 0;
    Blend blend = Blend::None;
    std::string key() const;
};

class Program {
public:
    static Result<std::unique_ptr<Program>> create(Device& device, shader::ShaderCompiler& compiler,
                                                   VkShaderModule vertex, const ProgramDesc& desc);
    // Pipeline for rendering into `format`; VK_NULL_HANDLE if the driver refused (error logged).
    VkPipeline pipeline(VkFormat format);
    Result<void> reload(shader::ShaderCompiler& compiler);

    VkPipelineLayout layout() const { return layout_.get(); }
    VkDescriptorSetLayout set_layout() const { return set_layout_.get(); }
    std::uint64_t set_layout_cookie() const { return set_layout_.cookie(); }
    const ProgramDesc& desc() const { return desc_; }
    const std::vector<std::string>& files() const { return files_; }

private:
    Program(Device& device, VkShaderModule vertex, ProgramDesc desc) : device_(device), vertex_(vertex), desc_(std::move(desc)) {}
    Device& device_;
    VkShaderModule vertex_;
    ProgramDesc desc_;
    ShaderModule fragment_;
    DescriptorSetLayout set_layout_;
    PipelineLayout layout_;
    std::vector<std::pair<VkFormat, Pipeline>> pipelines_;
    std::vector<std::string> files_;
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
    std::size_t size() const { return programs_.size(); }
    // Reloads every program that uses `file`; returns the errors (one per failed program).
    std::vector<std::string> reload_file(const std::string& file);

    shader::ShaderCompiler& compiler() { return compiler_; }

private:
    Device& device_;
    shader::ShaderCompiler& compiler_;
    ShaderModule vertex_;
    std::map<std::string, std::unique_ptr<Program>> programs_;
};

}  // namespace loom::gpu
