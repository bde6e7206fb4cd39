#include "core/graph/record_context.hpp"

#include <algorithm>
#include <cstring>

#include <spdlog/spdlog.h>

#include "core/base/assert.hpp"
#include "core/gpu/barriers.hpp"
#include "core/gpu/device.hpp"
#include "core/gpu/format.hpp"
#include "core/graph/operator_state.hpp"

namespace loom::graph {

gpu::Image* RecordContext::scratch(std::uint32_t index, Extent extent, VkFormat format, const char* label,
                                   std::uint32_t layers) {
    auto& list = op_.state().scratch;
    if (list.size() <= index) list.resize(index + 1);
    gpu::Image* img = &list[index];
    const gpu::ImageKind kind = layers ? gpu::ImageKind::Array2D : gpu::ImageKind::Image2D;
    if (*img && img->extent() == extent && img->format() == format && img->kind() == kind &&
        img->layers() == std::max(layers, 1u))
        return img;
    gpu::ImageDesc d;
    d.extent = extent;
    d.format = format;
    d.kind = kind;
    d.layers = std::max(layers, 1u);
    d.usage = VK_IMAGE_USAGE_STORAGE_BIT | VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
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

void RecordContext::gpu_section(const char* label) {
    if (!frames_ || !queries_ || queries_->sections >= queries_->query.size()) return;
    const std::uint32_t q = frames_->write_timestamp(VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT);
    if (q == UINT32_MAX) return;
    queries_->query[queries_->sections] = q;
    queries_->label[queries_->sections] = label;
    ++queries_->sections;
}

void RecordContext::dispatch(gpu::Program& program, std::span<const gpu::ImageBinding> inputs, gpu::Image& target,
                             const void* push, std::uint32_t push_bytes) {
    const Extent e = target.extent();
    constexpr std::uint32_t g = gpu::Program::kGroupSize;
    // A large target takes the program's block of pixels an invocation (pass.glsl reads it back
    // from the group count); a small one a pixel each, so its few workgroups spread wider.
    const bool large = std::uint64_t(e.width) * e.height >= gpu::PassBlock::kMinPixels;
    const gpu::PassBlock b = large ? program.desc().block : gpu::PassBlock{1, 1};
    const std::uint32_t gx = g * b.x, gy = g * b.y;
    dispatch_groups(program, inputs, target, push, push_bytes, (e.width + gx - 1) / gx, (e.height + gy - 1) / gy);
}

void RecordContext::dispatch_items(gpu::Program& program, std::span<const gpu::ImageBinding> inputs,
                                   gpu::Image& target, const void* push, std::uint32_t push_bytes,
                                   std::uint32_t items) {
    dispatch_groups(program, inputs, target, push, push_bytes, (items + kItemGroupSize - 1) / kItemGroupSize, 1);
}

void RecordContext::dispatch_tiles(gpu::Program& program, std::span<const gpu::ImageBinding> inputs,
                                   gpu::Image& target, const void* push, std::uint32_t push_bytes,
                                   std::uint32_t tile_width, std::uint32_t tile_height) {
    LOOM_ASSERT(tile_width > 0 && tile_height > 0, "a tile has pixels");
    const Extent e = target.extent();
    dispatch_groups(program, inputs, target, push, push_bytes, (e.width + tile_width - 1) / tile_width,
                    (e.height + tile_height - 1) / tile_height);
}

void RecordContext::dispatch_groups(gpu::Program& program, std::span<const gpu::ImageBinding> inputs,
                                    gpu::Image& target, const void* push, std::uint32_t push_bytes,
                                    std::uint32_t groups_x, std::uint32_t groups_y) {
    LOOM_ASSERT(program.desc().bindings.empty(), "a program with its own set layout is bound by its owner");
    if (failed_ || groups_x == 0 || groups_y == 0) return;
    {
        gpu::BarrierBatch b(cmd_, device_.counters());
        for (const gpu::ImageBinding& in : inputs) b.require(*in.image, gpu::ImageUsage::SampledRead);
        b.require(target, gpu::ImageUsage::StorageWrite);
    }
    auto level0 = [](const gpu::Image& i) { return gpu::image_bytes(i.format(), i.extent().width, i.extent().height, 1, i.layers()); };
    std::uint64_t bytes = level0(target);
    for (std::size_t i = 0; i < inputs.size(); ++i) {  // each image once (unused bindings repeat one)
        bool seen = inputs[i].image == &target;
        for (std::size_t k = 0; k < i && !seen; ++k) seen = inputs[k].image == inputs[i].image;
        if (!seen) bytes += level0(*inputs[i].image);
    }
    op_.state().dispatch_bytes += bytes;
    VkDescriptorSet set = descriptors_.get(program.set_layout(), program.set_layout_cookie(), target, inputs);
    vkCmdBindPipeline(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, program.pipeline());
    vkCmdBindDescriptorSets(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, program.layout(), 0, 1, &set, 0, nullptr);
    if (push_bytes) vkCmdPushConstants(cmd_, program.layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0, push_bytes, push);
    vkCmdDispatch(cmd_, groups_x, groups_y, 1);
    ++device_.counters().draws;
}

std::uint64_t params_signature(const Operator& op) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the values' bits
    for (const ParamBase* p : op.params()) {
        float v[4] = {};
        p->get_floats(v);
        for (int i = 0; i < p->components(); ++i) {
            std::uint32_t bits;
            std::memcpy(&bits, &v[i], sizeof bits);
            h = (h ^ bits) * 1099511628211ull;
        }
    }
    return h;
}

Result<gpu::Program*> RecordContext::program(const gpu::ProgramDesc& desc) {
    if (!programs_) return make_error("program '" + desc.shader + "': no program cache while recording");
    return programs_->get(desc);
}

void RecordContext::fail(std::string message) {
    failed_ = true;
    auto& st = op_.state();
    st.failed_recording = true;
    st.failed_signature = params_signature(op_);
    // Said once, also when a retry (after a parameter changed) fails the same way again.
    if (st.last_record_error != message) {
        spdlog::error("operator '{}' ({}): {}", op_.name(), op_.type_name(), message);
        st.last_record_error = message;
    }
    if (st.error != message) st.error = std::move(message);
}

}  // namespace loom::graph
