#include "core/graph/chain_runtime.hpp"

#include <spdlog/spdlog.h>

#include <cstring>
#include <exception>

#include "core/base/assert.hpp"
#include "core/base/crash_guard.hpp"
#include "core/gpu/barriers.hpp"
#include "core/gpu/device.hpp"
#include "core/gpu/format.hpp"
#include "core/graph/operator_state.hpp"

namespace loom::graph {

namespace {
constexpr VkImageUsageFlags kOutputUsage = VK_IMAGE_USAGE_STORAGE_BIT | VK_IMAGE_USAGE_SAMPLED_BIT |
                                           VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
// An operator's output, and its history (the two trade places each frame): an operator that
// draws into its output renders to it as a colour attachment.
VkImageUsageFlags output_usage(const Operator& op) {
    return kOutputUsage | (op.renders_output() ? VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT : 0);
}
}

ChainRuntime::ChainRuntime(gpu::Device& device, gpu::ProgramCache& programs, gpu::DescriptorCache& descriptors)
    : device_(device), programs_(programs), descriptors_(descriptors), uploads_(device), slot_ops_(device.frames_in_flight()),
      slot_first_query_(device.frames_in_flight(), 0) {}

ChainRuntime::~ChainRuntime() = default;

void ChainRuntime::reset() {
    plan_.reset();
    compiled_version_ = 0;
    failed_version_ = 0;
    for (auto& v : slot_ops_) v.clear();
}

void ChainRuntime::restart_history() {
    if (!plan_) return;
    for (Operator* op : plan_->history_sources) op->state().history_valid = false;
}

Result<void> ChainRuntime::sync(Chain& chain, const CompileEnv& env) {
    // chain.clear() (from update(), say) destroyed every operator the plan and the in-flight
    // timings point at: forget them all before anything else, never keep such a plan.
    if (chain.generation() != generation_) {
        reset();
        generation_ = chain.generation();
    }
    const bool env_changed = env != compiled_env_;
    if (plan_ && chain.version() == compiled_version_ && !env_changed) return {};
    if (!env_changed && chain.version() == failed_version_) return {};  // reported already
    if (chain.empty()) {  // nothing to run is not an error; there is simply no output
        plan_.reset();
        compiled_version_ = chain.version();
        compiled_env_ = env;
        return {};
    }
    auto plan = compile(chain, env);
    ++compiles_;
    if (!plan) {
        failed_version_ = chain.version();
        compile_error_ = plan.message();
        compiled_env_ = env;  // do not retry until the chain or the environment changes again
        return plan.error();
    }
    compile_error_.clear();
    plan_ = std::move(*plan);
    compiled_version_ = chain.version();
    failed_version_ = 0;
    compiled_env_ = env;
    prepare();
    return {};
}

void ChainRuntime::prepare() {
    Plan& plan = *plan_;
    // Images of operators the output no longer needs are released (they come back if needed).
    for (Operator* op : plan.culled) {
        auto& st = op->state();
        st.output.reset();
        st.history.reset();
        st.scratch.clear();
    }
    for (PlanStep& step : plan.steps) {
        Operator& op = *step.op;
        OperatorState& st = op.state();
        st.extent = step.extent;
        st.format = step.format;
        const VkFormat vkf = gpu::to_vk(step.format);

        // Create (or retry a failed create after a structural change).
        // An operator that draws into its output builds pipelines for the output's format: a new
        // format creates it again.
        const bool format_changed = op.renders_output() && st.output && st.output.format() != vkf;
        if (!st.created || !st.error.empty() || format_changed) create_op(op);
        if (!st.output || st.output.extent() != step.extent || st.output.format() != vkf) {
            gpu::ImageDesc d;
            d.extent = step.extent;
            d.format = vkf;
            d.usage = output_usage(op);
            d.name = op.name().c_str();
            d.owner = op.name().c_str();
            auto img = device_.create_image(d);
            if (!img) {
                st.output.reset();
                st.error = img.message();
                spdlog::error("operator '{}' ({}): {}", op.name(), op.type_name(), st.error);
            } else {
                st.output = std::move(*img);
            }
            st.history_valid = false;
        }
        if (step.history_source && st.output) {
            if (!st.history || st.history.extent() != step.extent || st.history.format() != vkf) {
                gpu::ImageDesc d;
                d.extent = step.extent;
                d.format = vkf;
                d.usage = output_usage(op);  // it becomes the output every other frame
                std::string name = op.name() + ".history";
                d.name = name.c_str();
                d.owner = op.name().c_str();
                auto img = device_.create_image(d);
                if (!img) {
                    st.history.reset();  // never keep a history of another size
                    st.error = img.message();
                    spdlog::error("operator '{}' ({}): {}", op.name(), op.type_name(), st.error);
                } else {
                    st.history = std::move(*img);
                }
                st.history_valid = false;
            }
        } else if (!step.history_source) {
            st.history.reset();
        }
    }
    // Room for this plan's timestamps and op lists, so record() never grows anything.
    for (auto& v : slot_ops_) v.reserve(plan.steps.size());
    spdlog::debug("chain compiled: {}", plan.order_string());
}

void ChainRuntime::note_crash(Operator& op, const char* function, int sig) {
    ++crashes_;
    last_crash_ = "operator '" + op.name() + "' (" + op.type_name() + ") crashed in " + function + " at frame " +
                  std::to_string(frame_) + ": " + signal_description(sig);
    op.state().error = last_crash_;
    spdlog::error("{}", last_crash_);
}

void ChainRuntime::create_op(Operator& op) {
    OperatorState& st = op.state();
    st.error.clear();
    st.failed_recording = false;
    st.created = true;
    CreateContext cc(device_, programs_);
    Result<void> r;
    try {
        // An operator's own code may come from a project: a crash there fails the operator only.
        if (int sig = run_guarded([&] { r = op.create(cc); }); sig != 0) return note_crash(op, "create()", sig);
    } catch (...) {
        r = make_error("create() threw: " + describe_current_exception());
    }
    if (!r) {
        st.error = r.message();
        spdlog::error("operator '{}' ({}): {}", op.name(), op.type_name(), st.error);
    }
}

void ChainRuntime::evaluate_values(const FrameInfo& info) {
    Plan& plan = *plan_;
    const ValueContext vc{info.time, info.dt, info.frame};
    for (ValueOperator* v : plan.values) {
        for (ParamBase* p : v->params())
            if (p->driven()) p->apply_drivers();
        std::string& error = v->state().error;
        if (!error.empty()) continue;  // a value that failed keeps its last value
        try {
            // A value operator may come from a project: a crash there fails that value only.
            if (int sig = run_guarded([&] { v->evaluate(vc); }); sig != 0) note_crash(*v, "evaluate()", sig);
        } catch (...) {
            error = "evaluate() threw: " + describe_current_exception();
            spdlog::error("operator '{}' ({}): {}", v->name(), v->type_name(), error);
        }
    }
    for (Operator* op : plan.driven)
        for (ParamBase* p : op->params())
            if (p->driven()) p->apply_drivers();
}

void ChainRuntime::record_op(Operator& op, RecordContext& rc) {
    try {
        if (int sig = run_guarded([&] { op.record(rc); }); sig != 0) note_crash(op, "record()", sig);
    } catch (...) {
        rc.fail("record() threw: " + describe_current_exception());
    }
}

std::size_t ChainRuntime::hand_over(Chain& old, Chain& next) {
    std::size_t matched = 0;
    for (const auto& op : next.operators()) {
        Operator* prev = old.find(op->name());
        // Type names are compared as text: the two may live in two builds of a project library.
        if (!prev || std::strcmp(prev->type_name(), op->type_name()) != 0) continue;
        op->exchange_state(*prev);
        op->take_over(*prev);
        OperatorState& st = op->state();
        st.created = false;  // new code: its create() runs again (shared programs make it cheap)
        st.error.clear();
        for (ParamBase* p : prev->params()) {
            if (!p->edited()) continue;
            ParamBase* q = op->param(p->name());
            if (!q || q->type() != p->type() || q->components() != p->components()) continue;
            float v[4];
            p->get_floats(v);
            q->set_edited(v);
        }
        ++matched;
    }
    return matched;
}

std::size_t ChainRuntime::retry_failed() {
    if (!plan_) return 0;
    std::size_t failing = 0;
    for (PlanStep& step : plan_->steps) {
        OperatorState& st = step.op->state();
        if (st.error.empty() || !st.output) continue;
        create_op(*step.op);
        if (!st.error.empty()) ++failing;
    }
    return failing;
}

void ChainRuntime::clear_image(VkCommandBuffer cmd, gpu::Image& image, float r, float g, float b, float a) {
    {
        gpu::BarrierBatch bb(cmd, device_.counters());
        bb.require(image, gpu::ImageUsage::TransferDst);
    }
    VkClearColorValue c{{r, g, b, a}};
    VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, VK_REMAINING_MIP_LEVELS, 0, 1};
    vkCmdClearColorImage(cmd, image.get(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &c, 1, &range);
}

void ChainRuntime::ensure_error_image(VkCommandBuffer cmd) {
    if (error_image_ready_) return;
    if (!error_image_) {
        gpu::ImageDesc d;
        d.extent = {1, 1};
        d.format = VK_FORMAT_R8G8B8A8_UNORM;
        d.usage = kOutputUsage;
        d.name = "error-texture";
        d.owner = "loom";
        auto img = device_.create_image(d);
        LOOM_ASSERT(img.ok(), "a 1x1 image must be creatable");
        error_image_ = std::move(*img);
    }
    clear_image(cmd, error_image_, 1.0f, 0.0f, 1.0f, 1.0f);
    gpu::BarrierBatch bb(cmd, device_.counters());
    bb.require(error_image_, gpu::ImageUsage::SampledRead);
    error_image_ready_ = true;
}

gpu::Image& ChainRuntime::sampled_image(const Operator* op, bool history) {
    auto& st = const_cast<Operator*>(op)->state();
    gpu::Image& img = history ? st.history : st.output;
    return img ? img : error_image_;
}

gpu::Image* ChainRuntime::image_of(const Operator& op) {
    auto& st = const_cast<Operator&>(op).state();
    return st.output ? &st.output : nullptr;
}

gpu::Image* ChainRuntime::output_image() { return plan_ && plan_->output ? image_of(*plan_->output) : nullptr; }

void ChainRuntime::record(gpu::FrameContext& frames, const FrameInfo& info) {
    if (!plan_) return;
    Plan& plan = *plan_;
    frame_ = info.frame;
    evaluate_values(info);
    VkCommandBuffer cmd = frames.cmd();
    gpu::Counters& counters = device_.counters();
    ensure_error_image(cmd);

    // The frame's start, then per operator its start, end and up to kMaxGpuSections sections.
    frames.reserve_timestamps(1 + (2 + OperatorState::kMaxGpuSections) * static_cast<std::uint32_t>(plan.steps.size()));
    auto& ops = slot_ops_[frames.slot()];
    ops.clear();
    slot_first_query_[frames.slot()] = frames.write_timestamp(VK_PIPELINE_STAGE_2_TOP_OF_PIPE_BIT);
    uploads_.begin_frame(frames.slot());

    // Histories: each history source's output holds the previous frame, so it becomes the
    // history and the old history image is this frame's output (written in full by the
    // operator, or cleared): nothing is copied. The first frame's history is black.
    if (!plan.history_sources.empty()) {
        // A history only ever trades places with an output of its own size and format.
        auto usable = [](OperatorState& st) {
            return st.history && st.output && st.history.extent() == st.output.extent() &&
                   st.history.format() == st.output.format();
        };
        gpu::BarrierBatch bb(cmd, counters);
        for (Operator* op : plan.history_sources) {
            auto& st = op->state();
            if (!usable(st)) continue;
            if (st.history_valid)
                st.output.swap(st.history);
            else
                bb.require(st.history, gpu::ImageUsage::TransferDst);
        }
        bb.flush();
        for (Operator* op : plan.history_sources) {
            auto& st = op->state();
            if (!usable(st) || st.history_valid) continue;
            VkClearColorValue c{{0.0f, 0.0f, 0.0f, 0.0f}};
            VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
            vkCmdClearColorImage(cmd, st.history.get(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &c, 1, &range);
        }
    }

    using clock = std::chrono::steady_clock;
    for (PlanStep& step : plan.steps) {
        Operator& op = *step.op;
        OperatorState& st = op.state();
        const auto t0 = clock::now();
        OperatorQueries& queries = ops.emplace_back();  // capacity reserved at compile: no allocation
        queries.op = &op;
        queries.begin = frames.write_timestamp(VK_PIPELINE_STAGE_2_TOP_OF_PIPE_BIT);
        st.dispatch_bytes = 0;

        // An operator that failed while recording gets another try once a parameter changed
        // (fewer frames for a ring that did not fit, a smaller radius, ...).
        if (!st.error.empty() && st.failed_recording && params_signature(op) != st.failed_signature) {
            st.error.clear();
            st.failed_recording = false;
        }
        if (!st.error.empty() || !st.output) {
            if (st.output) clear_image(cmd, st.output, 1.0f, 0.0f, 1.0f, 1.0f);
        } else {
            RecordContext::Images images;
            {
                gpu::BarrierBatch bb(cmd, counters);
                for (const ImageUse& use : step.uses) bb.prepare(sampled_image(use.op, use.history), use.usage);
            }
            images.output = &st.output;
            images.history = st.history ? &st.history : &error_image_;
            images.input_count = static_cast<std::uint32_t>(step.inputs.size());
            for (std::size_t k = 0; k < step.inputs.size(); ++k)
                images.inputs[k] = &sampled_image(step.inputs[k], step.input_is_history[k]);
            RecordContext rc(device_, descriptors_, uploads_, cmd, info, op, images, &frames, &queries,
                             &programs_);
            record_op(op, rc);
            if (rc.failed() || !st.error.empty()) clear_image(cmd, st.output, 1.0f, 0.0f, 1.0f, 1.0f);
        }
        if (step.history_source && st.history && st.output && st.history.extent() == st.output.extent())
            st.history_valid = true;
        queries.end = frames.write_timestamp(VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT);
        if (submit_per_operator_) {
            frames.split();
            cmd = frames.cmd();
        }
        st.cpu_record_ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
        ++st.frames_recorded;
    }
}

void ChainRuntime::collect_timings(const gpu::FrameContext& frames) {
    auto ts = frames.completed_timestamps();
    const auto& ops = slot_ops_[frames.slot()];
    const std::uint32_t first = slot_first_query_[frames.slot()];
    if (ts.empty() || first == UINT32_MAX || first >= ts.size()) return;
    auto span_ms = [](std::uint64_t from, std::uint64_t to) { return to >= from ? double(to - from) * 1e-6 : 0.0; };
    for (const OperatorQueries& q : ops) {
        OperatorState& st = q.op->state();
        st.gpu_section_count = 0;
        if (q.begin >= ts.size() || q.end >= ts.size()) continue;
        st.gpu_ms = span_ms(ts[q.begin], ts[q.end]);
        std::uint64_t previous = ts[q.begin];
        for (std::uint32_t k = 0; k < q.sections && q.query[k] < ts.size(); ++k) {
            st.gpu_sections[k] = {q.label[k], span_ms(previous, ts[q.query[k]])};
            previous = ts[q.query[k]];
            st.gpu_section_count = k + 1;
        }
    }
    const std::uint64_t last = ts[ts.size() - 1];
    gpu_frame_ms_ = last >= ts[first] ? double(last - ts[first]) * 1e-6 : 0.0;
}

}  // namespace loom::graph
