#include "core/gpu/program.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "core/base/assert.hpp"
#include "core/gpu/device.hpp"
#include "core/shader/shader_compiler.hpp"

namespace loom::gpu {

std::string ProgramDesc::key() const {
    return fragment + "|" + std::to_string(inputs) + "|" + std::to_string(push_bytes) + "|" +
           std::to_string(static_cast<int>(blend));
}

Result<std::unique_ptr<Program>> Program::create(Device& device, shader::ShaderCompiler& compiler,
                                                 VkShaderModule vertex, const ProgramDesc& desc) {
    if (desc.inputs > 16) return make_error("program '" + desc.fragment + "' asks for more than 16 inputs");
    if (desc.push_bytes > device.limits().maxPushConstantsSize)
        return make_error("program '" + desc.fragment + "' needs " + std::to_string(desc.push_bytes) +
                          " bytes of push constants; the device offers " +
                          std::to_string(device.limits().maxPushConstantsSize));
    std::unique_ptr<Program> p(new Program(device, vertex, desc));
    auto spv = compiler.compile_file(desc.fragment);
    if (!spv) return spv.error();
    p->fragment_ = device.create_shader_module(spv->words.data(), spv->words.size() * 4, desc.fragment.c_str());
    for (auto& f : spv->files) p->files_.push_back(f.string());

    VkDescriptorSetLayoutBinding bindings[16];
    for (std::uint32_t i = 0; i < desc.inputs; ++i)
        bindings[i] = {i, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
    VkDescriptorSetLayoutCreateInfo li{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    li.bindingCount = desc.inputs;
    li.pBindings = bindings;
    p->set_layout_ = device.create_descriptor_set_layout(li, desc.fragment.c_str());

    VkPushConstantRange range{VK_SHADER_STAGE_FRAGMENT_BIT, 0, desc.push_bytes};
    VkDescriptorSetLayout set_layout = p->set_layout_.get();
    VkPipelineLayoutCreateInfo pi{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    pi.setLayoutCount = 1;
    pi.pSetLayouts = &set_layout;
    pi.pushConstantRangeCount = desc.push_bytes ? 1 : 0;
    pi.pPushConstantRanges = &range;
    p->layout_ = device.create_pipeline_layout(pi, desc.fragment.c_str());
    return p;
}

VkPipeline Program::pipeline(VkFormat format) {
    for (auto& [f, pl] : pipelines_)
        if (f == format) return pl.get();

    VkPipelineShaderStageCreateInfo stages[2] = {{VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO},
                                                 {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO}};
    stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
    stages[0].module = vertex_;
    stages[0].pName = "main";
    stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
    stages[1].module = fragment_.get();
    stages[1].pName = "main";
    VkPipelineVertexInputStateCreateInfo vin{VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
    VkPipelineInputAssemblyStateCreateInfo ia{VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
    ia.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
    VkPipelineViewportStateCreateInfo vp{VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
    vp.viewportCount = 1;
    vp.scissorCount = 1;
    VkPipelineRasterizationStateCreateInfo rs{VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
    rs.polygonMode = VK_POLYGON_MODE_FILL;
    rs.cullMode = VK_CULL_MODE_NONE;
    rs.lineWidth = 1.0f;
    VkPipelineMultisampleStateCreateInfo ms{VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
    ms.rasterizationSamples = VK_SAMPLE_COUNT_1_BIT;
    VkPipelineColorBlendAttachmentState att{};
    att.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT | VK_COLOR_COMPONENT_B_BIT |
                         VK_COLOR_COMPONENT_A_BIT;
    if (desc_.blend == Blend::Additive) {
        att.blendEnable = VK_TRUE;
        att.srcColorBlendFactor = att.dstColorBlendFactor = VK_BLEND_FACTOR_ONE;
        att.srcAlphaBlendFactor = att.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
        att.colorBlendOp = att.alphaBlendOp = VK_BLEND_OP_ADD;
    }
    VkPipelineColorBlendStateCreateInfo cb{VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
    cb.attachmentCount = 1;
    cb.pAttachments = &att;
    const VkDynamicState dyn[] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
    VkPipelineDynamicStateCreateInfo ds{VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO};
    ds.dynamicStateCount = 2;
    ds.pDynamicStates = dyn;
    VkPipelineRenderingCreateInfo ri{VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO};
    ri.colorAttachmentCount = 1;
    ri.pColorAttachmentFormats = &format;
    VkGraphicsPipelineCreateInfo ci{VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO, &ri};
    ci.stageCount = 2;
    ci.pStages = stages;
    ci.pVertexInputState = &vin;
    ci.pInputAssemblyState = &ia;
    ci.pViewportState = &vp;
    ci.pRasterizationState = &rs;
    ci.pMultisampleState = &ms;
    ci.pColorBlendState = &cb;
    ci.pDynamicState = &ds;
    ci.layout = layout_.get();
    auto pl = device_.create_graphics_pipeline(ci, desc_.fragment.c_str());
    if (!pl) {
        spdlog::error("{}", pl.message());
        return VK_NULL_HANDLE;
    }
    VkPipeline h = pl->get();
    pipelines_.emplace_back(format, std::move(*pl));
    return h;
}

Result<void> Program::reload(shader::ShaderCompiler& compiler) {
    auto spv = compiler.compile_file(desc_.fragment);
    if (!spv) return spv.error();
    fragment_ = device_.create_shader_module(spv->words.data(), spv->words.size() * 4, desc_.fragment.c_str());
    files_.clear();
    for (auto& f : spv->files) files_.push_back(f.string());
    pipelines_.clear();  // retired; rebuilt per format on next use
    return {};
}

ProgramCache::ProgramCache(Device& device, shader::ShaderCompiler& compiler) : device_(device), compiler_(compiler) {}

ProgramCache::~ProgramCache() = default;

Result<Program*> ProgramCache::get(const ProgramDesc& desc) {
    const std::string key = desc.key();
    if (auto it = programs_.find(key); it != programs_.end()) return it->second.get();
    if (!vertex_) {
        auto spv = compiler_.compile_file("common/fullscreen.vert");
        if (!spv) return spv.error();
        vertex_ = device_.create_shader_module(spv->words.data(), spv->words.size() * 4, "fullscreen.vert");
    }
    auto p = Program::create(device_, compiler_, vertex_.get(), desc);
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
