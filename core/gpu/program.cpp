#include "core/gpu/program.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include <spdlog/spdlog.h>

#include "core/base/assert.hpp"
#include "core/gpu/device.hpp"
#include "core/shader/shader_compiler.hpp"

namespace loom::gpu {

std::string ProgramDesc::key() const {
    std::string k = shader + "|" + std::to_string(inputs) + "|" + std::to_string(push_bytes) + "|" +
                    std::to_string(block.x) + "x" + std::to_string(block.y);
    for (const auto& [name, value] : defines) k += "|" + name + "=" + value;
    if (specialized()) k += "|c" + std::to_string(constants[0]) + "," + std::to_string(constants[1]);
    for (const auto& b : bindings) {
        k += "|b";
        k += std::to_string(b.binding);
        k += ':';
        k += std::to_string(b.descriptorType);
        k += ':';
        k += std::to_string(b.descriptorCount);
        k += ':';
        k += std::to_string(b.stageFlags);
    }
    return k;
}

Result<void> ProgramBase::check_push_bytes(const Device& device, const std::string& name, std::uint32_t push_bytes) {
    if (push_bytes > device.limits().maxPushConstantsSize)
        return make_error("program '" + name + "' needs " + std::to_string(push_bytes) +
                          " bytes of push constants; the device offers " +
                          std::to_string(device.limits().maxPushConstantsSize));
    return {};
}

Result<void> ProgramBase::init(shader::ShaderCompiler& compiler, std::span<const VkDescriptorSetLayoutBinding> bindings,
                               VkShaderStageFlags stages, std::uint32_t push_bytes, const std::string& name) {
    VkDescriptorSetLayoutCreateInfo li{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    li.bindingCount = static_cast<std::uint32_t>(bindings.size());
    li.pBindings = bindings.data();
    set_layout_ = device_.create_descriptor_set_layout(li, name.c_str());

    VkPushConstantRange range{stages, 0, push_bytes};
    VkDescriptorSetLayout set_layout = set_layout_.get();
    VkPipelineLayoutCreateInfo pi{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    pi.setLayoutCount = 1;
    pi.pSetLayouts = &set_layout;
    pi.pushConstantRangeCount = push_bytes ? 1 : 0;
    pi.pPushConstantRanges = &range;
    layout_ = device_.create_pipeline_layout(pi, name.c_str());

    auto pl = build(compiler, files_);
    if (!pl) return pl.error();
    pipeline_ = std::move(*pl);
    return {};
}

Result<void> ProgramBase::reload(shader::ShaderCompiler& compiler) {
    std::vector<std::string> files;
    auto pl = build(compiler, files);
    if (!pl) return pl.error();
    pipeline_ = std::move(*pl);  // the old pipeline retires until its frames are done
    files_ = std::move(files);
    return {};
}

PassBlock default_pass_block(const Device& device) {
    // Read once: a malformed value is said once, not per program.
    static const std::optional<PassBlock> forced = []() -> std::optional<PassBlock> {
        const char* v = std::getenv("LOOM_PASS_BLOCK");
        if (!v || !*v) return std::nullopt;
        unsigned x = 0, y = 0;
        char tail = 0;
        if (std::sscanf(v, "%ux%u%c", &x, &y, &tail) == 2 && x >= 1 && y >= 1 && x <= PassBlock::kMax &&
            y <= PassBlock::kMax)
            return PassBlock{x, y};
        spdlog::warn("LOOM_PASS_BLOCK is '{}': it takes WxH, pixels per invocation along x and y, 1 to {} each "
                     "(e.g. 1x2); using the device's choice",
                     v, PassBlock::kMax);
        return std::nullopt;
    }();
    if (forced) return *forced;
    // A GPU launches workgroups at a rate of its own: with a pixel an invocation, a copy pass at
    // 3840x2160 took the same time in 8 and 16 bits a pixel (H100, H200); 2x2 took it to under a
    // third (docs/PERFORMANCE.md).
    if (device.is_software()) return {1, 1};
    return {2, 2};
}

Result<std::unique_ptr<Program>> Program::create(Device& device, shader::ShaderCompiler& compiler,
                                                 const ProgramDesc& desc) {
    LOOM_ASSERT(desc.block.x >= 1 && desc.block.y >= 1 && desc.block.x <= PassBlock::kMax &&
                    desc.block.y <= PassBlock::kMax,
                "a program's pass block is resolved (ProgramCache::get) and at most 8x8");
    if (desc.inputs > kMaxInputs)
        return make_error("program '" + desc.shader + "' asks for " + std::to_string(desc.inputs) +
                          " inputs; at most " + std::to_string(kMaxInputs) + " are possible");
    if (auto r = check_push_bytes(device, desc.shader, desc.push_bytes); !r) return r.error();
    std::unique_ptr<Program> p(new Program(device, desc));
    if (!desc.bindings.empty()) {
        if (auto r = p->init(compiler, desc.bindings, VK_SHADER_STAGE_COMPUTE_BIT, desc.push_bytes, desc.shader); !r)
            return r.error();
        return p;
    }
    VkDescriptorSetLayoutBinding bindings[kMaxInputs + 1];
    bindings[0] = {0, VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
    for (std::uint32_t i = 1; i <= desc.inputs; ++i)
        bindings[i] = {i, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
    if (auto r = p->init(compiler, std::span(bindings, desc.inputs + 1), VK_SHADER_STAGE_COMPUTE_BIT, desc.push_bytes,
                         desc.shader);
        !r)
        return r.error();
    return p;
}

Result<Pipeline> Program::build(shader::ShaderCompiler& compiler, std::vector<std::string>& files) {
    auto defines = desc_.defines;
    if (desc_.block.x > 1 || desc_.block.y > 1) defines.emplace_back("LOOM_PASS_BLOCKS", "1");
    auto spv = compiler.compile_file(desc_.shader, defines);
    if (!spv) return spv.error();
    // The module is only needed while the pipeline is built; it retires with the frame.
    ShaderModule module = device_.create_shader_module(spv->words.data(), spv->words.size() * 4, desc_.shader.c_str());
    VkComputePipelineCreateInfo ci{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
    ci.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
    ci.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    ci.stage.module = module.get();
    ci.stage.pName = "main";
    ci.layout = layout();
    std::string name = desc_.shader;  // macros and constants tell a program's variants apart
    for (const auto& [macro, value] : defines)
        name += " " + macro + "=" + value;
    const VkSpecializationMapEntry entries[2] = {{0, 0, sizeof(std::int32_t)},
                                                 {1, sizeof(std::int32_t), sizeof(std::int32_t)}};
    const VkSpecializationInfo specialization{2, entries, sizeof desc_.constants, desc_.constants.data()};
    if (desc_.specialized()) {
        ci.stage.pSpecializationInfo = &specialization;
        name += " constants " + std::to_string(desc_.constants[0]) + "," + std::to_string(desc_.constants[1]);
    }
    auto pl = device_.create_compute_pipeline(ci, name.c_str());
    if (!pl) return pl.error();
    files.clear();
    for (auto& f : spv->files) files.push_back(f.string());
    return pl;
}

ProgramCache::ProgramCache(Device& device, shader::ShaderCompiler& compiler) : device_(device), compiler_(compiler) {}

ProgramCache::~ProgramCache() = default;

Result<Program*> ProgramCache::get(const ProgramDesc& asked) {
    ProgramDesc desc = asked;
    // A program with its own set layout is dispatched by its owner, never by pass.glsl's main().
    if (!desc.bindings.empty())
        desc.block = {1, 1};
    else if (desc.block.x == 0 || desc.block.y == 0)
        desc.block = default_pass_block(device_);
    const std::string key = desc.key();
    if (auto it = programs_.find(key); it != programs_.end()) return it->second.get();
    auto p = Program::create(device_, compiler_, desc);
    if (!p) return p.error();
    Program* raw = p->get();
    programs_.emplace(key, std::move(*p));
    return raw;
}

Result<GraphicsProgram*> ProgramCache::get(const GraphicsProgramDesc& desc) {
    const std::string key = desc.key();
    if (auto it = graphics_.find(key); it != graphics_.end()) return it->second.get();
    auto p = GraphicsProgram::create(device_, compiler_, desc);
    if (!p) return p.error();
    GraphicsProgram* raw = p->get();
    graphics_.emplace(key, std::move(*p));
    return raw;
}

std::vector<std::string> ProgramCache::reload_file(const std::string& file) {
    std::vector<std::string> errors;
    auto reload_all = [&](auto& map) {
        for (auto& [key, prog] : map) {
            const auto& files = prog->files();
            if (std::find(files.begin(), files.end(), file) == files.end()) continue;
            if (auto r = prog->reload(compiler_); !r) errors.push_back(r.message());
        }
    };
    reload_all(programs_);
    reload_all(graphics_);
    return errors;
}

// ---------------------------------------------------------------------------------------------
// Graphics programs
// ---------------------------------------------------------------------------------------------

std::string GraphicsProgramDesc::key() const {
    // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false positive) on
    // "literal" + std::to_string(...).
    std::string k;
    auto put = [&k](char tag, std::uint64_t v) {
        k += tag;
        k += std::to_string(v);
    };
    k += vertex;
    k += '|';
    k += fragment;
    put('|', push_bytes);
    if (!vertex_layout.empty()) {
        put('s', vertex_stride);
        for (const auto& a : vertex_layout) {
            put('@', a.location);
            put(':', a.format);
            put(':', a.offset);
        }
    } else if (mesh_vertices) {
        put('v', vertex_attributes);
    } else {
        k += '-';
    }
    for (const auto& b : bindings) {
        put('b', b.binding);
        put(':', b.descriptorType);
        put(':', b.descriptorCount);
        put(':', b.stageFlags);
    }
    for (std::uint32_t i = 0; i < color_count; ++i) put('c', color_formats[i]);
    put('d', depth_format);
    put('|', cull);
    put('/', front_face);
    k += depth_test ? 't' : '-';
    k += depth_write ? 'w' : '-';
    put('/', depth_compare);
    k += depth_bias ? 'b' : '-';
    k += dynamic_front_face ? 'f' : '-';
    k += alpha_blend ? 'a' : '-';
    k += additive ? '+' : '-';
    k += premultiplied ? 'p' : '-';
    put('t', topology);
    return k;
}

Result<std::unique_ptr<GraphicsProgram>> GraphicsProgram::create(Device& device, shader::ShaderCompiler& compiler,
                                                                 const GraphicsProgramDesc& desc) {
    const std::string name = desc.vertex + (desc.fragment.empty() ? "" : " + " + desc.fragment);
    if (auto r = check_push_bytes(device, name, desc.push_bytes); !r) return r.error();
    if (desc.color_count > GraphicsProgramDesc::kMaxColors)
        return make_error("program '" + name + "' has " + std::to_string(desc.color_count) + " colour outputs; at most " +
                          std::to_string(GraphicsProgramDesc::kMaxColors) + " are possible");
    std::unique_ptr<GraphicsProgram> p(new GraphicsProgram(device, desc));
    if (auto r = p->init(compiler, desc.bindings, p->push_stages(), desc.push_bytes, name); !r) return r.error();
    return p;
}

Result<Pipeline> GraphicsProgram::build(shader::ShaderCompiler& compiler, std::vector<std::string>& files) {
    const GraphicsProgramDesc& d = desc_;
    auto vs = compiler.compile_file(d.vertex);
    if (!vs) return vs.error();
    std::optional<shader::SpirV> fs;
    if (!d.fragment.empty()) {
        auto f = compiler.compile_file(d.fragment);
        if (!f) return f.error();
        fs = std::move(*f);
    }
    // Modules are only needed while the pipeline is built; they retire with the frame.
    ShaderModule vmod = device_.create_shader_module(vs->words.data(), vs->words.size() * 4, d.vertex.c_str());
    ShaderModule fmod;
    if (fs) fmod = device_.create_shader_module(fs->words.data(), fs->words.size() * 4, d.fragment.c_str());
    VkPipelineShaderStageCreateInfo stages[2] = {{VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO},
                                                 {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO}};
    stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
    stages[0].module = vmod.get();
    stages[0].pName = "main";
    stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
    stages[1].module = fmod.get();
    stages[1].pName = "main";

    // loom::Vertex: position, normal, uv, tangent.
    const VkVertexInputBindingDescription vb{0, 48, VK_VERTEX_INPUT_RATE_VERTEX};
    const VkVertexInputAttributeDescription va[] = {
        {0, 0, VK_FORMAT_R32G32B32_SFLOAT, 0},
        {1, 0, VK_FORMAT_R32G32B32_SFLOAT, 12},
        {2, 0, VK_FORMAT_R32G32_SFLOAT, 24},
        {3, 0, VK_FORMAT_R32G32B32A32_SFLOAT, 32},
    };
    const VkVertexInputBindingDescription custom{0, d.vertex_stride, VK_VERTEX_INPUT_RATE_VERTEX};
    VkPipelineVertexInputStateCreateInfo vi{VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
    if (!d.vertex_layout.empty()) {
        vi.vertexBindingDescriptionCount = 1;
        vi.pVertexBindingDescriptions = &custom;
        vi.vertexAttributeDescriptionCount = static_cast<std::uint32_t>(d.vertex_layout.size());
        vi.pVertexAttributeDescriptions = d.vertex_layout.data();
    } else if (d.mesh_vertices) {
        vi.vertexBindingDescriptionCount = 1;
        vi.pVertexBindingDescriptions = &vb;
        vi.vertexAttributeDescriptionCount = std::min<std::uint32_t>(d.vertex_attributes, 4);
        vi.pVertexAttributeDescriptions = va;
    }
    VkPipelineInputAssemblyStateCreateInfo ia{VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
    ia.topology = d.topology;
    VkPipelineViewportStateCreateInfo vp{VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
    vp.viewportCount = 1;
    vp.scissorCount = 1;
    VkPipelineRasterizationStateCreateInfo rs{VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
    rs.polygonMode = VK_POLYGON_MODE_FILL;
    rs.cullMode = d.cull;
    rs.frontFace = d.front_face;
    rs.depthBiasEnable = d.depth_bias ? VK_TRUE : VK_FALSE;
    rs.lineWidth = 1.0f;
    VkPipelineMultisampleStateCreateInfo ms{VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
    ms.rasterizationSamples = VK_SAMPLE_COUNT_1_BIT;
    VkPipelineDepthStencilStateCreateInfo ds{VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};
    ds.depthTestEnable = d.depth_format != VK_FORMAT_UNDEFINED && d.depth_test;
    ds.depthWriteEnable = d.depth_format != VK_FORMAT_UNDEFINED && d.depth_write;
    ds.depthCompareOp = d.depth_compare;
    std::array<VkPipelineColorBlendAttachmentState, GraphicsProgramDesc::kMaxColors> blend{};
    for (std::uint32_t i = 0; i < d.color_count; ++i) {
        auto& b = blend[i];
        b.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT | VK_COLOR_COMPONENT_B_BIT |
                           VK_COLOR_COMPONENT_A_BIT;
        if (d.alpha_blend) {
            b.blendEnable = VK_TRUE;
            b.srcColorBlendFactor = d.premultiplied ? VK_BLEND_FACTOR_ONE : VK_BLEND_FACTOR_SRC_ALPHA;
            b.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
            b.colorBlendOp = VK_BLEND_OP_ADD;
            b.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
            b.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
            b.alphaBlendOp = VK_BLEND_OP_ADD;
        } else if (d.additive) {
            b.blendEnable = VK_TRUE;
            b.srcColorBlendFactor = d.premultiplied ? VK_BLEND_FACTOR_ONE : VK_BLEND_FACTOR_SRC_ALPHA;
            b.dstColorBlendFactor = VK_BLEND_FACTOR_ONE;
            b.colorBlendOp = VK_BLEND_OP_ADD;
            // Light adds up; coverage does not go past 1 (premultiplied: alpha is src over dst).
            b.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
            b.dstAlphaBlendFactor = d.premultiplied ? VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA : VK_BLEND_FACTOR_ONE;
            b.alphaBlendOp = VK_BLEND_OP_ADD;
        }
    }
    VkPipelineColorBlendStateCreateInfo cb{VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
    cb.attachmentCount = d.color_count;
    cb.pAttachments = blend.data();
    VkDynamicState dyn[4] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
    std::uint32_t dyn_count = 2;
    if (d.depth_bias) dyn[dyn_count++] = VK_DYNAMIC_STATE_DEPTH_BIAS;
    if (d.dynamic_front_face) dyn[dyn_count++] = VK_DYNAMIC_STATE_FRONT_FACE;  // core in Vulkan 1.3
    VkPipelineDynamicStateCreateInfo dy{VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO};
    dy.dynamicStateCount = dyn_count;
    dy.pDynamicStates = dyn;
    VkPipelineRenderingCreateInfo ri{VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO};
    ri.colorAttachmentCount = d.color_count;
    ri.pColorAttachmentFormats = d.color_formats.data();
    ri.depthAttachmentFormat = d.depth_format;

    VkGraphicsPipelineCreateInfo gi{VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO, &ri};
    gi.stageCount = fs ? 2 : 1;
    gi.pStages = stages;
    gi.pVertexInputState = &vi;
    gi.pInputAssemblyState = &ia;
    gi.pViewportState = &vp;
    gi.pRasterizationState = &rs;
    gi.pMultisampleState = &ms;
    gi.pDepthStencilState = &ds;
    gi.pColorBlendState = &cb;
    gi.pDynamicState = &dy;
    gi.layout = layout();
    const std::string name = d.vertex + (d.fragment.empty() ? "" : " + " + d.fragment);
    auto pl = device_.create_graphics_pipeline(gi, name.c_str());
    if (!pl) return pl.error();
    files.clear();
    for (auto& f : vs->files) files.push_back(f.string());
    if (fs)
        for (auto& f : fs->files) files.push_back(f.string());
    return pl;
}

}  // namespace loom::gpu
