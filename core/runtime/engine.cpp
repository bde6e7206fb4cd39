#include "core/runtime/engine.hpp"

#include <algorithm>
#include <exception>

#include <spdlog/spdlog.h>

#include "core/base/crash_guard.hpp"
#include "core/base/paths.hpp"
#include "core/graph/plan.hpp"
#include "core/gpu/readback.hpp"
#include "core/gpu/vk.hpp"

namespace loom::runtime {

Result<std::unique_ptr<Engine>> Engine::create(const EngineConfig& config) {
    std::unique_ptr<Engine> e(new Engine());
    auto device = gpu::Device::create(config.device);
    if (!device) return device.error();
    e->device_ = std::move(*device);
    std::vector<std::filesystem::path> roots{shader_dir()};
    roots.insert(roots.end(), config.shader_roots.begin(), config.shader_roots.end());
    e->shaders_ = std::make_unique<shader::ShaderCompiler>(roots);
    e->frames_ = std::make_unique<gpu::FrameContext>(*e->device_);
    e->staging_ = std::make_unique<gpu::StagingPool>(*e->device_);
    e->descriptors_ = std::make_unique<gpu::DescriptorCache>(*e->device_);
    e->programs_ = std::make_unique<gpu::ProgramCache>(*e->device_, *e->shaders_);
    e->runtime_ = std::make_unique<graph::ChainRuntime>(*e->device_, *e->programs_, *e->descriptors_);
    e->runtime_->set_submit_per_operator(config.naive);
    e->descriptors_->set_uncached(config.naive);
    e->clock_ = Clock(config.fps, config.fixed_step);
    e->canvas_ = config.canvas;
    e->context_.set_chain(e->chain_.get());
    e->context_.set_canvas(config.canvas);
    return e;
}

Engine::~Engine() {
    if (!device_) return;
    // create() may have failed half way: every member below the device can be missing.
    try {
        if (frames_) wait_idle();
    } catch (const std::exception& ex) {
        spdlog::error("while shutting down: {}", ex.what());
    }
    if (runtime_) runtime_->reset();
    chain_->clear();
    runtime_.reset();
    programs_.reset();
    descriptors_.reset();
    staging_.reset();
    read_fence_.reset();
    read_pool_.reset();
    frames_.reset();
    device_->deleter().flush_all();
    shaders_.reset();
    device_.reset();
}

void Engine::wait_idle() {
    if (frames_) frames_->wait_idle();
    device_->wait_idle();
}

void Engine::set_canvas(Extent canvas) {
    canvas_ = canvas;
    context_.set_canvas(canvas);
}

void Engine::clear_chain() {
    wait_idle();
    runtime_->reset();
    chain_->clear();
}

Result<SwapReport> Engine::replace_chain(FunctionRef<Result<void>(Context&)> setup) {
    using clock = std::chrono::steady_clock;
    SwapReport report;
    auto next = std::make_unique<Chain>();
    // Whatever happens, the context points at the chain that runs.
    context_.set_chain(next.get());
    const auto t0 = clock::now();
    Result<void> built = setup(context_);
    const auto t1 = clock::now();
    context_.set_chain(chain_.get());
    report.setup_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
    if (!built) return built.error();  // `next` goes now: its operators never touched the GPU
    if (next->empty())
        return make_error("the new setup() added no operators; kept the running chain. Fix: add one, e.g. "
                          "ctx.chain().add<Noise>(\"noise\").");
    graph::CompileEnv env{canvas_, device_->limits().maxImageDimension2D};
    if (auto plan = graph::compile(*next, env); !plan)
        return make_error("the new chain does not compile: " + plan.message());

    report.kept = runtime_->hand_over(*chain_, *next);
    report.added = next->size() - report.kept;
    report.removed = chain_->size() - report.kept;
    // The plan and the in-flight timing records point at the old operators: forget them, then
    // destroy those operators (their images retire until the frames using them are done).
    runtime_->reset();
    std::unique_ptr<Chain> old = std::move(chain_);
    chain_ = std::move(next);
    context_.set_chain(chain_.get());
    old.reset();
    report.swap_ms = std::chrono::duration<double, std::milli>(clock::now() - t1).count();
    return report;
}

void Engine::restart_history() { runtime_->restart_history(); }

Result<void> Engine::frame(UpdateFn update) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    const CounterSnapshot before = take_snapshot(device_->counters());

    frames_->begin_frame();
    const auto t_wait = clock::now();  // CPU work starts after the slot's fence
    descriptors_->begin_frame(frames_->slot());
    staging_->begin_frame(frames_->slot());
    runtime_->collect_timings(*frames_);
    const bool gpu_time_valid = frames_->completed_frame() != UINT64_MAX;

    clock_.advance();
    context_.set_clock(clock_.time(), clock_.dt(), clock_.frame());

    Result<void> problem;
    update_crash_.clear();
    if (update) {
        try {
            if (int sig = run_guarded([&] { update(context_); }); sig != 0) {
                update_crash_ = "update() crashed at frame " + std::to_string(clock_.frame()) + ": " +
                                signal_description(sig);
                problem = make_error(update_crash_);
            }
        } catch (...) {
            std::string msg = "update() failed at frame " + std::to_string(clock_.frame()) + ": " +
                              describe_current_exception() + " (update() is called again next frame)";
            // One line per second at most, however often it throws and whatever it says.
            const auto now = std::chrono::steady_clock::now();
            if (now - last_update_error_at_ >= std::chrono::seconds(1)) {
                if (suppressed_update_errors_)
                    spdlog::error("{} ({} more update() failures in the last second)", msg, suppressed_update_errors_);
                else
                    spdlog::error("{}", msg);
                last_update_error_at_ = now;
                suppressed_update_errors_ = 0;
            } else {
                ++suppressed_update_errors_;
            }
            problem = make_error(msg);
        }
    }
    compile_env_.canvas = canvas_;
    compile_env_.max_dimension = device_->limits().maxImageDimension2D;
    if (auto r = runtime_->sync(*chain_, compile_env_); !r) {
        spdlog::error("chain: {}", r.message());
        if (runtime_->plan()) spdlog::info("chain: still running the last chain that compiled");
        problem = r.error();
    }
    graph::FrameInfo info{clock_.time(), clock_.dt(), clock_.frame()};
    runtime_->record(*frames_, info);
    gpu::FrameContext::SubmitSync sync;
    const bool shown = presenter_ && presenter_->record(frames_->cmd(), frames_->slot(), runtime_->output_image(), sync);
    frames_->submit(sync);
    if (shown) presenter_->present();
    descriptors_->end_frame();
    ++frames_rendered_;

    const auto t1 = clock::now();
    const CounterSnapshot after = take_snapshot(device_->counters());
    // Frame time: from the end of the previous frame to the end of this one (throughput, incl.
    // waiting for the GPU); CPU time: this frame's work after its fence.
    const double frame_ms =
        std::chrono::duration<double, std::milli>(t1 - (frames_rendered_ > 1 ? last_frame_end_ : t0)).count();
    const double cpu_ms = std::chrono::duration<double, std::milli>(t1 - t_wait).count();
    stats_.record_frame(FrameCounters::between(before, after), frame_ms, cpu_ms,
                        gpu_time_valid ? runtime_->last_gpu_frame_ms() : -1.0);
    last_frame_end_ = t1;
    return problem;
}

Engine::FilesChanged Engine::files_changed(std::span<const std::filesystem::path> files) {
    FilesChanged out;
    bool retry = false;
    for (const auto& op : chain_->operators())
        for (const auto& changed : files) {
            // Links resolved: a picture that is a link, or lives in a linked folder, is the
            // file it points to.
            std::error_code ec;
            const std::filesystem::path file = std::filesystem::weakly_canonical(changed, ec);
            auto r = op->file_changed(file);
            if (!r) {
                out.errors.push_back("operator '" + op->name() + "' (" + op->type_name() + "): " + r.message());
            } else if (*r) {
                ++out.reloaded;
                retry = retry || op->failed();
                if (std::find(out.files.begin(), out.files.end(), changed) == out.files.end())
                    out.files.push_back(changed);
            }
        }
    if (retry) runtime_->retry_failed();  // one that failed on the old file is created again
    return out;
}

Result<io::Pixels> Engine::read(const Operator& op) {
    gpu::Image* image = runtime_->image_of(op);
    if (!image) {
        std::string why = op.failed() ? op.error() : "it is not needed by the chain's output, or nothing ran yet";
        return make_error("operator '" + op.name() + "' has no image to read: " + why);
    }
    return read_image(*image);
}

Result<io::Pixels> Engine::read_image(gpu::Image& target) {
    gpu::Image* image = &target;
    wait_idle();
    if (!read_pool_) {
        read_pool_ = device_->create_command_pool("readback");
        read_fence_ = device_->create_fence(false, "readback");
    }
    auto buffer = staging_->acquire(gpu::readback_bytes(*image), VK_BUFFER_USAGE_TRANSFER_DST_BIT, "readback");
    if (!buffer) return buffer.error();
    VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    ai.commandPool = read_pool_.get();
    ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    ai.commandBufferCount = 1;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    LOOM_VK_CHECK(vkResetCommandPool(device_->vk(), read_pool_.get(), 0));
    LOOM_VK_CHECK(vkAllocateCommandBuffers(device_->vk(), &ai, &cmd));
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    LOOM_VK_CHECK(vkBeginCommandBuffer(cmd, &bi));
    ++device_->counters().command_buffers_begun;
    gpu::record_readback(cmd, device_->counters(), *image, *buffer);
    LOOM_VK_CHECK(vkEndCommandBuffer(cmd));
    VkCommandBufferSubmitInfo ci{VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO};
    ci.commandBuffer = cmd;
    VkSubmitInfo2 si{VK_STRUCTURE_TYPE_SUBMIT_INFO_2};
    si.commandBufferInfoCount = 1;
    si.pCommandBufferInfos = &ci;
    LOOM_VK_CHECK(vkQueueSubmit2(device_->queue(), 1, &si, read_fence_.get()));
    ++device_->counters().submits;
    gpu::wait_fence(device_->vk(), read_fence_.get(), "an image read-back");
    LOOM_VK_CHECK(vkResetFences(device_->vk(), 1, &read_fence_.get_ref()));
    vkFreeCommandBuffers(device_->vk(), read_pool_.get(), 1, &cmd);
    auto pixels = gpu::decode_readback(buffer->mapped(), image->format(), image->extent());
    staging_->release(std::move(*buffer));
    return pixels;
}

Result<io::Pixels> Engine::read_output() {
    const Operator* out = runtime_->plan() ? runtime_->plan()->output : nullptr;
    if (!out) return make_error("the chain has no output yet (it has not compiled)");
    return read(*out);
}

}  // namespace loom::runtime
