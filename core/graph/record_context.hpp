// core/graph/record_context.hpp — what an operator sees while it is created and recorded.
//
// CreateContext (once, before the first frame the operator runs): get shared programs.
// RecordContext (every frame the operator is needed): its output, inputs and history images, the
// frame's time, private scratch images, and dispatch() — one image program over every pixel of
// a target, with the barriers, descriptor set (from the cache) and push constants it needs.
// Steady-state dispatches allocate and create nothing.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>

#include <vulkan/vulkan.h>

#include <loom/operator.hpp>
#include <loom/result.hpp>

#include "core/gpu/descriptor_cache.hpp"
#include "core/gpu/frame_context.hpp"
#include "core/gpu/program.hpp"
#include "core/gpu/resources.hpp"
#include "core/gpu/upload_ring.hpp"
#include "core/graph/operator_state.hpp"

namespace loom::gpu {
class Device;
}

namespace loom::graph {

struct FrameInfo {
    double time = 0.0;
    float dt = 0.0f;
    std::uint64_t frame = 0;
};

class CreateContext {
public:
    CreateContext(gpu::Device& device, gpu::ProgramCache& programs) : device_(device), programs_(programs) {}
    // The shared program for `desc` (compiled on first use). Errors are GLSL errors as file:line.
    Result<gpu::Program*> program(const gpu::ProgramDesc& desc) { return programs_.get(desc); }
    Result<gpu::GraphicsProgram*> program(const gpu::GraphicsProgramDesc& desc) { return programs_.get(desc); }
    gpu::Device& device() { return device_; }

private:
    gpu::Device& device_;
    gpu::ProgramCache& programs_;
};

// The timestamp queries one operator's recording wrote in a frame (ChainRuntime reads them back
// when the frame is done): its start and end, and the ends of its named sections.
struct OperatorQueries {
    Operator* op = nullptr;
    std::uint32_t begin = UINT32_MAX, end = UINT32_MAX;
    std::uint32_t sections = 0;
    std::array<std::uint32_t, OperatorState::kMaxGpuSections> query{};
    std::array<const char*, OperatorState::kMaxGpuSections> label{};
};

class RecordContext {
public:
    struct Images {
        gpu::Image* output = nullptr;
        gpu::Image* history = nullptr;
        gpu::Image* inputs[kMaxOperatorInputs] = {};
        std::uint32_t input_count = 0;
    };

    RecordContext(gpu::Device& device, gpu::DescriptorCache& descriptors, gpu::UploadRing& uploads,
                  VkCommandBuffer cmd, const FrameInfo& frame, Operator& op, const Images& images,
                  gpu::FrameContext* frames = nullptr, OperatorQueries* queries = nullptr,
                  gpu::ProgramCache* programs = nullptr)
        : device_(device), descriptors_(descriptors), uploads_(uploads), cmd_(cmd), frame_(frame), op_(op),
          images_(images), frames_(frames), queries_(queries), programs_(programs) {}

    VkCommandBuffer cmd() const { return cmd_; }
    double time() const { return frame_.time; }
    float dt() const { return frame_.dt; }
    std::uint64_t frame() const { return frame_.frame; }
    gpu::Device& device() { return device_; }
    const std::string& op_name() const { return op_.name(); }
    gpu::DescriptorCache& descriptors() { return descriptors_; }
    // This frame's upload ring (camera, lights, per-object data); see gpu/upload_ring.hpp.
    gpu::UploadRing& uploads() { return uploads_; }

    Extent extent() const { return images_.output->extent(); }
    gpu::Image& output() { return *images_.output; }
    std::uint32_t input_count() const { return images_.input_count; }
    gpu::Image& input(std::uint32_t i) { return *images_.inputs[i]; }
    // The operator's own previous frame (only for operators with uses_own_history()).
    gpu::Image& history() { return *images_.history; }
    bool has_history() const { return op_.uses_own_history() && images_.history != nullptr; }

    // A private image, kept across frames and recreated when extent, format or layers change:
    // 2D (layers 0) or a 2D array of `layers` layers (a sampler2DArray in GLSL).
    // On failure (budget, size) the operator fails for this frame and nullptr comes back.
    gpu::Image* scratch(std::uint32_t index, Extent extent, VkFormat format, const char* label,
                        std::uint32_t layers = 0);

    // Runs `program` once per pixel of `target` (a storage image), sampling `inputs` at bindings
    // 1..n. The program may also read `target` (read-modify-write of the same pixel).
    void dispatch(gpu::Program& program, std::span<const gpu::ImageBinding> inputs, gpu::Image& target,
                  const void* push, std::uint32_t push_bytes);
    void dispatch(gpu::Program& program, std::initializer_list<gpu::ImageBinding> inputs, gpu::Image& target,
                  const void* push, std::uint32_t push_bytes) {
        dispatch(program, std::span<const gpu::ImageBinding>(inputs.begin(), inputs.size()), target, push,
                 push_bytes);
    }

    // Runs `program` (local_size_x = kItemGroupSize) once per item, `items` of them in groups
    // along x; `target` is bound and moved as in dispatch(). For work that is not one invocation
    // per pixel (a particle each, written with atomics).
    static constexpr std::uint32_t kItemGroupSize = 64;
    void dispatch_items(gpu::Program& program, std::span<const gpu::ImageBinding> inputs, gpu::Image& target,
                        const void* push, std::uint32_t push_bytes, std::uint32_t items);

    // Runs `program` with one workgroup per `tile_width` x `tile_height` pixels of `target` (a
    // program whose workgroup computes a tile of outputs, not one pixel per invocation); bound
    // and moved as in dispatch().
    void dispatch_tiles(gpu::Program& program, std::span<const gpu::ImageBinding> inputs, gpu::Image& target,
                        const void* push, std::uint32_t push_bytes, std::uint32_t tile_width,
                        std::uint32_t tile_height);

    // Ends a section of the operator's GPU work named `label` (a string literal: it is kept, not
    // copied): its GPU time runs from the previous section's end, or the operator's start, to
    // the commands recorded so far. Up to OperatorState::kMaxGpuSections; the times land in
    // OperatorState::gpu_sections once the frame is done (loom-bench reports them).
    // Passes the GPU overlaps are split where the timestamps fall, not by their own work.
    void gpu_section(const char* label);

    // The shared program for `desc`, built now if no operator has used it yet: for a variant
    // that a parameter picks while the chain runs (effects::ModeProgram). Building one creates
    // a pipeline in that frame; the frames after it find it made.
    Result<gpu::Program*> program(const gpu::ProgramDesc& desc);

    // Marks the operator failed with `message` (logged once); the engine shows its error texture.
    void fail(std::string message);
    bool failed() const { return failed_; }

private:
    gpu::Device& device_;
    gpu::DescriptorCache& descriptors_;
    gpu::UploadRing& uploads_;
    VkCommandBuffer cmd_;
    const FrameInfo& frame_;
    Operator& op_;
    const Images& images_;
    gpu::FrameContext* frames_;
    OperatorQueries* queries_;
    gpu::ProgramCache* programs_;
    bool failed_ = false;

    void dispatch_groups(gpu::Program& program, std::span<const gpu::ImageBinding> inputs, gpu::Image& target,
                         const void* push, std::uint32_t push_bytes, std::uint32_t groups_x, std::uint32_t groups_y);
};

}  // namespace loom::graph
