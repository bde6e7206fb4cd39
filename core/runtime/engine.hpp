// core/runtime/engine.hpp — one running Loom: device, frames, chain, runtime, clock, stats.
//
// The frame (frame()):
//   1. begin the next frame slot (wait its fence, deferred deletion, staging reuse, timings);
//   2. advance the clock; run the update callback (project code) — anything it throws is
//      logged (at most once a second) and a crash is caught; the frame goes on;
//   3. compile the chain if it changed (an error keeps the last good plan);
//   4. record every needed operator into the slot's one command buffer; submit once.
// Steady state creates no Vulkan object, allocates no descriptor set, writes no descriptor and
// makes no heap allocation on this thread (tests assert it through stats()).
//
// Teardown order matters and is handled here: the chain's operators and every cache are
// destroyed, the deleter flushed, then the device.
// Single-threaded: call everything from one thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <memory>
#include <string>
#include <vector>

#include <loom/chain.hpp>
#include <loom/context.hpp>
#include <loom/result.hpp>

#include "core/base/function_ref.hpp"
#include "core/gpu/descriptor_cache.hpp"
#include "core/gpu/device.hpp"
#include "core/gpu/frame_context.hpp"
#include "core/gpu/program.hpp"
#include "core/gpu/staging_pool.hpp"
#include "core/graph/chain_runtime.hpp"
#include "core/io/image_io.hpp"
#include "core/runtime/clock.hpp"
#include "core/runtime/stats.hpp"
#include "core/shader/shader_compiler.hpp"

namespace loom::runtime {

// What a chain swap did (replace_chain()).
struct SwapReport {
    std::size_t kept = 0;     // operators that took over the state of the old one of their name and type
    std::size_t added = 0;    // new operators
    std::size_t removed = 0;  // old operators retired
    double setup_ms = 0.0;    // the new setup()
    double swap_ms = 0.0;     // compile check, hand-over and retirement
};

// Shows each frame somewhere (the window): called inside Engine::frame() after the chain is
// recorded, in the same command buffer, and after the one submit.
class FramePresenter {
public:
    virtual ~FramePresenter() = default;
    // Records the display of `output` (null: the chain has none yet) for frame slot `slot` and
    // fills the semaphores the submit waits on and signals. False: nothing is shown this frame.
    virtual bool record(VkCommandBuffer cmd, std::uint32_t slot, gpu::Image* output,
                        gpu::FrameContext::SubmitSync& sync) = 0;
    // After the submit of a frame record() returned true for.
    virtual void present() = 0;
};

struct EngineConfig {
    gpu::DeviceConfig device;
    Extent canvas{1280, 720};
    double fps = 60.0;
    bool fixed_step = true;
    std::vector<std::filesystem::path> shader_roots;  // searched after Loom's shaders/
    // For measuring the design against its opposite only (loom-bench's chain/<n>ops/naive cases): every
    // operator gets its own command buffer and submit, and every dispatch allocates and writes a
    // new descriptor set. The images and results are the same; never use it to render.
    bool naive = false;
};

class Engine {
public:
    using UpdateFn = FunctionRef<void(Context&)>;

    static Result<std::unique_ptr<Engine>> create(const EngineConfig& config);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Renders one frame. The result carries this frame's new problem (an exception from update,
    // a chain compile error) — the frame still ran with the last good chain.
    Result<void> frame(UpdateFn update = {});

    // Copies an operator's image as last rendered back to the CPU (waits for the GPU; one extra
    // submit). The error names the operator and why it has no image.
    // Files of the project changed on disk (canonical paths): every operator that reads one loads
    // it again (Operator::file_changed); one that failed before is created again. Errors (a file
    // it cannot use now: the operator keeps what it had) come back as messages naming the
    // operator; `reloaded` counts the operators that took a new file.
    struct FilesChanged {
        std::size_t reloaded = 0;
        std::vector<std::filesystem::path> files;  // the ones some operator took
        std::vector<std::string> errors;
    };
    FilesChanged files_changed(std::span<const std::filesystem::path> files);

    Result<io::Pixels> read(const Operator& op);
    Result<io::Pixels> read_output();
    // Any image of this engine's device (it needs TRANSFER_SRC usage), the same way.
    Result<io::Pixels> read_image(gpu::Image& image);

    // The size operators without inputs render at; a change recompiles the chain.
    void set_canvas(Extent canvas);
    Extent canvas() const { return canvas_; }
    // An operator cooked every frame even when the output does not need it (the editor's
    // viewer); "" for none. A change recompiles the chain.
    void set_viewed(const std::string& op) {
        if (compile_env_.viewed != op) compile_env_.viewed = op;
    }

    // Destroys every operator of the chain (after the GPU is done with them) and forgets the plan.
    void clear_chain();

    // Hot reload at a frame boundary: builds a new chain on the side with `setup`, checks that it
    // compiles, hands each operator's state to the new operator of the same name and type
    // (ChainRuntime::hand_over), then retires the old chain: its operators are destroyed now,
    // their images go through the deferred deleter (the GPU may still use them), and nothing of
    // them is used afterwards — so the library they came from may be unloaded once this returns.
    // If setup fails (error, exception, crash) or the new chain does not compile, the old chain
    // stays, untouched, and the error comes back. Never waits for the GPU.
    Result<SwapReport> replace_chain(FunctionRef<Result<void>(Context&)> setup);

    // Set when the update callback crashed (a signal in project code) in the last frame that ran
    // it; the message names the function, the frame and the signal. Cleared by the next frame.
    const std::string& update_crash() const { return update_crash_; }
    // Forgets every previous frame: the next frame's history inputs are black, as on frame 0.
    void restart_history();
    void wait_idle();
    // Every frame is shown through `presenter` (null: headless). It must outlive its use.
    void set_presenter(FramePresenter* presenter) { presenter_ = presenter; }

    gpu::Device& device() { return *device_; }
    Chain& chain() { return *chain_; }
    Context& context() { return context_; }
    graph::ChainRuntime& runtime() { return *runtime_; }
    gpu::FrameContext& frames() { return *frames_; }
    gpu::StagingPool& staging() { return *staging_; }
    gpu::DescriptorCache& descriptors() { return *descriptors_; }
    gpu::ProgramCache& programs() { return *programs_; }
    shader::ShaderCompiler& shaders() { return *shaders_; }
    Stats& stats() { return stats_; }
    const Clock& clock() const { return clock_; }
    Clock& clock() { return clock_; }
    std::uint64_t frames_rendered() const { return frames_rendered_; }

private:
    Engine() = default;

    std::unique_ptr<gpu::Device> device_;
    std::unique_ptr<shader::ShaderCompiler> shaders_;
    std::unique_ptr<gpu::FrameContext> frames_;
    std::unique_ptr<gpu::StagingPool> staging_;
    std::unique_ptr<gpu::DescriptorCache> descriptors_;
    std::unique_ptr<gpu::ProgramCache> programs_;
    std::unique_ptr<graph::ChainRuntime> runtime_;
    std::unique_ptr<Chain> chain_ = std::make_unique<Chain>();
    Context context_;
    Clock clock_{60.0, true};
    Stats stats_;
    Extent canvas_{};
    graph::CompileEnv compile_env_;  // kept, so a frame builds no string
    std::uint64_t frames_rendered_ = 0;
    std::string update_crash_;
    std::chrono::steady_clock::time_point last_update_error_at_{};
    std::uint64_t suppressed_update_errors_ = 0;
    FramePresenter* presenter_ = nullptr;
    std::chrono::steady_clock::time_point last_frame_end_{};

    // One-off command buffer for read().
    gpu::CommandPool read_pool_;
    gpu::Fence read_fence_;
};

}  // namespace loom::runtime
