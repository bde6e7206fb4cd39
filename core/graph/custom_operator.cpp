// core/graph/custom_operator.cpp — the Vulkan-free operator API (loom/custom_operator.hpp) on
// top of CreateContext and RecordContext.
#include <loom/custom_operator.hpp>

#include <array>

#include "core/gpu/format.hpp"
#include "core/gpu/program.hpp"
#include "core/graph/record_context.hpp"

namespace loom {

namespace {

gpu::SamplerKind to_sampler(Sampling s) {
    switch (s) {
        case Sampling::Linear: return gpu::SamplerKind::LinearClamp;
        case Sampling::Nearest: return gpu::SamplerKind::NearestClamp;
        case Sampling::LinearRepeat: return gpu::SamplerKind::LinearRepeat;
        case Sampling::LinearMirror: return gpu::SamplerKind::LinearMirror;
        case Sampling::LinearTransparent: return gpu::SamplerKind::LinearBorder;
    }
    return gpu::SamplerKind::LinearClamp;
}

}  // namespace

Extent ImageRef::extent() const { return image_ ? image_->extent() : Extent{0, 0}; }

Result<void> BuildContext::program(ProgramRef& out, std::string_view shader, int inputs, std::size_t push_bytes) {
    if (inputs < 0 || inputs > kMaxOperatorInputs)
        return make_error("program '" + std::string(shader) + "': " + std::to_string(inputs) +
                          " inputs; a program samples 0 to " + std::to_string(kMaxOperatorInputs) + ".");
    gpu::ProgramDesc desc;
    desc.shader = std::string(shader);
    desc.inputs = static_cast<std::uint32_t>(inputs);
    desc.push_bytes = static_cast<std::uint32_t>(push_bytes);
    auto p = ctx_.program(desc);
    if (!p) return p.error();
    out.program_ = *p;
    out.shader_ = desc.shader;
    out.inputs_ = inputs;
    out.push_bytes_ = push_bytes;
    return {};
}

double PassContext::time() const { return ctx_.time(); }
float PassContext::dt() const { return ctx_.dt(); }
std::uint64_t PassContext::frame() const { return ctx_.frame(); }
Extent PassContext::extent() const { return ctx_.extent(); }
int PassContext::input_count() const { return static_cast<int>(ctx_.input_count()); }
bool PassContext::failed() const { return ctx_.failed(); }
void PassContext::fail(std::string message) { ctx_.fail(std::move(message)); }

ImageRef PassContext::input(int index) {
    if (index < 0 || index >= input_count()) {
        fail("input(" + std::to_string(index) + "): the operator has " + std::to_string(input_count()) +
             " input(s), numbered from 0. Fix: connect more inputs or use a smaller index.");
        return {};
    }
    return ImageRef(&ctx_.input(static_cast<std::uint32_t>(index)), false);
}

ImageRef PassContext::output() { return ImageRef(&ctx_.output(), true); }

ImageRef PassContext::history() {
    if (!ctx_.has_history()) {
        fail("history(): this operator keeps no previous frame. Fix: return true from uses_own_history().");
        return {};
    }
    return ImageRef(&ctx_.history(), false);
}

ImageRef PassContext::scratch(std::uint32_t index, Extent extent, Format format) {
    if (extent.width == 0 || extent.height == 0) {
        fail("scratch(" + std::to_string(index) + "): a size of " + std::to_string(extent.width) + "x" +
             std::to_string(extent.height) + ". Fix: at least 1x1.");
        return {};
    }
    return ImageRef(ctx_.scratch(index, extent, gpu::to_vk(format), "scratch"), true);
}

void PassContext::dispatch(const ProgramRef& program, std::initializer_list<ImageRef> inputs, ImageRef target,
                           const void* push, std::size_t push_bytes) {
    if (ctx_.failed()) return;
    if (!program) return fail("dispatch(): the program was not built. Fix: get it with BuildContext::program() in build().");
    if (static_cast<int>(inputs.size()) != program.inputs_)
        return fail("dispatch() of " + program.shader_ + " with " + std::to_string(inputs.size()) +
                    " input(s); it was built for " + std::to_string(program.inputs_) + ".");
    if (push_bytes != program.push_bytes_)
        return fail("dispatch() of " + program.shader_ + " with " + std::to_string(push_bytes) +
                    " push bytes; it was built for " + std::to_string(program.push_bytes_) + ".");
    if (!target.image_ || !target.writable_)
        return fail("dispatch() of " + program.shader_ +
                    ": the target must be output() or a scratch image. Fix: write into p.output().");
    std::array<gpu::ImageBinding, kMaxOperatorInputs> bindings{};
    std::size_t n = 0;
    for (const ImageRef& in : inputs) {
        if (!in.image_) return fail("dispatch() of " + program.shader_ + ": input " + std::to_string(n) + " is empty.");
        if (in.image_ == target.image_)
            return fail("dispatch() of " + program.shader_ + ": input " + std::to_string(n) +
                        " is also the target. Fix: read the previous frame with history(), or go through a scratch "
                        "image.");
        bindings[n++] = {in.image_, to_sampler(in.sampling_)};
    }
    ctx_.dispatch(*program.program_, std::span<const gpu::ImageBinding>(bindings.data(), n), *target.image_, push,
                  static_cast<std::uint32_t>(push_bytes));
}

}  // namespace loom
