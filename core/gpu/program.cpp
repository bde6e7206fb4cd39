#include "core/gpu/program.hpp"

#include <algorithm>

#include "core/gpu/device.hpp"
#include "core/shader/shader_compiler.hpp"

namespace loom::gpu {

std::string ProgramDesc::key() const {
    return shader + "|" + std::to_string(inputs) + "|" + std::to_string(push_bytes);
}

Result<std::unique_ptr<Program>> Program::create(Device& device, shader::ShaderCompiler& compiler,
                                                 const ProgramDesc& desc) {
    if (desc.inputs > kMaxInputs)
        return make_error("program '" + desc.shader + "' asks for " + std::to_string(desc.inputs) +
                          " inputs; at most " + std::to_string(kMaxInputs) + " are possible");
    if (desc.push_bytes > device.limits().maxPushConstantsSize)
        return make_error("program '" + desc.shader + "' needs " + std::to_string(desc.push_bytes) +
                          " bytes of push constants; the device offers " +
                          std::to_string(device.limits().maxPushConstantsSize));
    std::unique_ptr<Program> p(new Program(device, desc));

    VkDescriptorSetLayoutBinding bindings[kMaxInputs + 1];
    bindings[0] = {0, VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
    for (std::uint32_t i = 1; i <= desc.inputs; ++i)
        bindings[i] = {i, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
    VkDescriptorSetLayoutCreateInfo li{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    li.bindingCount = desc.inputs + 1;
    li.pBindings = bindings;
    p->set_layout_ = device.create_descriptor_set_layout(li, desc.shader.c_str());

    VkPushConstantRange range{VK_SHADER_STAGE_COMPUTE_BIT, 0, desc.push_bytes};
    VkDescriptorSetLayout set_layout = p->set_layout_.get();
    VkPipelineLayoutCreateInfo pi{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    pi.setLayoutCount = 1;
    pi.pSetLayouts = &set_layout;
    pi.pushConstantRangeCount = desc.push_bytes ? 1 : 0;
    pi.pPushConstantRanges = &range;
    p->layout_ = device.create_pipeline_layout(pi, desc.shader.c_str());

    auto pl = p->build(compiler, p->files_);
    if (!pl) return pl.error();
    p->pipeline_ = std::move(*pl);
    return p;
}

Result<Pipeline> Program::build(shader::ShaderCompiler& compiler, std::vector<std::string>& files) {
    auto spv = compiler.compile_file(desc_.shader);
    if (!spv) return spv.error();
    // The module is only needed while the pipeline is built; it retires with the frame.
    ShaderModule module = device_.create_shader_module(spv->words.data(), spv->words.size() * 4, desc_.shader.c_str());
    VkComputePipelineCreateInfo ci{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
    ci.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
    ci.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    ci.stage.module = module.get();
    ci.stage.pName = "main";
    ci.layout = layout_.get();
    auto pl = device_.create_compute_pipeline(ci, desc_.shader.c_str());
    if (!pl) return pl.error();
    files.clear();
    for (auto& f : spv->files) files.push_back(f.string());
    return pl;
}

Result<void> Program::reload(shader::ShaderCompiler& compiler) {
    std::vector<std::string> files;
    auto pl = build(compiler, files);
    if (!pl) return pl.error();
    pipeline_ = std::move(*pl);  // the old pipeline retires until its frames are done
    files_ = std::move(files);
    return {};
}

ProgramCache::ProgramCache(Device& device, shader::ShaderCompiler& compiler) : device_(device), compiler_(compiler) {}

ProgramCache::~ProgramCache() = default;

Result<Program*> ProgramCache::get(const ProgramDesc& desc) {
    const std::string key = desc.key();
    if (auto it = programs_.find(key); it != programs_.end()) return it->second.get();
    auto p = Program::create(device_, compiler_, desc);
    if (!p) return p.error();
    Program* raw = p->get();
    programs_.emplace(key, std::move(*p));
    return raw;
}

std::vector<std::string> ProgramCache::reload_file(const std::string& file) {
    std::vector<std::string> errors;
    for (auto& [key, prog] : programs_) {
        const auto& files = prog->files();
        if (std::find(files.begin(), files.end(), file) == files.end()) continue;
        if (auto r = prog->reload(compiler_); !r) errors.push_back(r.message());
    }
    return errors;
}

}  // namespace loom::gpu
