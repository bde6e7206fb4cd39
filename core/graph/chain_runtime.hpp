// core/graph/chain_runtime.hpp — runs a compiled chain on the GPU.
//
// sync() recompiles when the chain's version or the compile environment changed. On success it
// adopts the new plan: creates operators that have not been created (programs), (re)allocates
// output and history images whose size or format changed, releases images of culled operators.
// On failure it keeps the previous plan (the last good state) and returns the error once.
//
// record() first evaluates the value operators (drivers first) and copies their values into the
// parameters they drive; then it writes the whole chain into the frame's one command buffer: histories first (each
// history source's output and history trade places, so every reader of history(op) sees the
// previous frame), then per step its planned barriers
// and the operator's commands, bracketed by timestamps. It allocates nothing and creates nothing
// in steady state. A failed operator's output is cleared to magenta (the error texture); a
// missing input image is replaced by a 1x1 magenta image.
//
// reset() forgets the plan; call it before the chain's operators are destroyed.
// Single-threaded (the frame loop's thread).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <loom/chain.hpp>
#include <loom/result.hpp>

#include "core/gpu/descriptor_cache.hpp"
#include "core/gpu/frame_context.hpp"
#include "core/gpu/program.hpp"
#include "core/graph/plan.hpp"
#include "core/graph/record_context.hpp"

namespace loom::gpu {
class Device;
}

namespace loom::graph {

class ChainRuntime {
public:
    ChainRuntime(gpu::Device& device, gpu::ProgramCache& programs, gpu::DescriptorCache& descriptors);
    ~ChainRuntime();
    ChainRuntime(const ChainRuntime&) = delete;
    ChainRuntime& operator=(const ChainRuntime&) = delete;

    // Compiles if needed. Returns an error only the first time a given chain version fails.
    Result<void> sync(Chain& chain, const CompileEnv& env);
    void record(gpu::FrameContext& frames, const FrameInfo& info);
    // After FrameContext::begin_frame(): per-operator GPU times from the completed frame.
    void collect_timings(const gpu::FrameContext& frames);
    void reset();
    // Hot reload, at a frame boundary, before `next` replaces `old` (call reset() after): every
    // operator of `next` with the name and type of one in `old` takes over its state — output,
    // history and scratch images, timings — and its parameters edited from outside the code.
    // It runs create() again (its code may be new). Returns how many operators were matched.
    std::size_t hand_over(Chain& old, Chain& next);
    // Runs create() again for every operator of the plan that failed (after a shader was fixed).
    // Returns how many still fail.
    std::size_t retry_failed();
    // Operators whose create() or record() crashed (a signal in project code) since the start.
    std::uint64_t crashes() const { return crashes_; }
    const std::string& last_crash() const { return last_crash_; }
    // Every history image reads as black on the next frame (as on the first).
    void restart_history();
    // The naive mode benches compare against (EngineConfig::naive): a submit after every operator.
    void set_submit_per_operator(bool on) { submit_per_operator_ = on; }

    const Plan* plan() const { return plan_ ? &*plan_ : nullptr; }
    // The image an operator rendered last (nullptr if it has none).
    gpu::Image* image_of(const Operator& op);
    gpu::Image* output_image();
    double last_gpu_frame_ms() const { return gpu_frame_ms_; }
    const gpu::UploadRing& uploads() const { return uploads_; }
    const std::string& last_compile_error() const { return compile_error_; }
    std::uint64_t compiles() const { return compiles_; }

private:
    void prepare();
    void create_op(Operator& op);
    void record_op(Operator& op, RecordContext& rc);
    // Evaluates the plan's value operators and applies every driver to the parameters it drives.
    void evaluate_values(const FrameInfo& info);
    void note_crash(Operator& op, const char* function, int sig);
    void ensure_error_image(VkCommandBuffer cmd);
    gpu::Image& sampled_image(const Operator* op, bool history);
    void clear_image(VkCommandBuffer cmd, gpu::Image& image, float r, float g, float b, float a);

    gpu::Device& device_;
    gpu::ProgramCache& programs_;
    gpu::DescriptorCache& descriptors_;
    gpu::UploadRing uploads_;
    std::optional<Plan> plan_;
    std::uint64_t compiled_version_ = 0;
    std::uint64_t failed_version_ = 0;
    std::uint64_t generation_ = 0;  // the chain's generation the plan's operators belong to
    CompileEnv compiled_env_{};
    std::string compile_error_;
    std::uint64_t compiles_ = 0;
    std::uint64_t crashes_ = 0;
    std::string last_crash_;
    std::uint64_t frame_ = 0;

    gpu::Image error_image_;
    bool error_image_ready_ = false;

    // Per frame slot: the operators whose timestamps the frame recorded, in query order.
    std::vector<std::vector<OperatorQueries>> slot_ops_;
    std::vector<std::uint32_t> slot_first_query_;
    double gpu_frame_ms_ = 0.0;
    bool submit_per_operator_ = false;
};

}  // namespace loom::graph
