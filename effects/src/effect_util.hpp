// effects/src/effect_util.hpp — the few lines every single-pass effect shares.
#pragma once

#include <algorithm>
#include <initializer_list>

#include <loom/effects/mode_program.hpp>
#include <loom/operator.hpp>

#include "core/graph/record_context.hpp"

namespace loom::effects {

// Gets the shared program for an image shader with `inputs` sampled inputs and a push block of
// `push_bytes`; stores it in `out`. The error (a GLSL error as file:line) comes back unchanged.
// A shader with a main() of its own passes `block` {1, 1} (see gpu::PassBlock).
inline Result<void> make_program(graph::CreateContext& ctx, gpu::Program*& out, const char* shader,
                                 std::uint32_t inputs, std::uint32_t push_bytes, gpu::PassBlock block = {}) {
    auto p = ctx.program(gpu::ProgramDesc{shader, inputs, push_bytes, {}, {}, block});
    if (!p) return p.error();
    out = *p;
    return {};
}

// make_program() for a shader whose code path `a` (and `b`) choose: see ModeProgram.
inline Result<void> make_program(graph::CreateContext& ctx, ModeProgram& out, const char* shader, std::uint32_t inputs,
                                 std::uint32_t push_bytes, int a, int b = -1) {
    return out.create(ctx, gpu::ProgramDesc{shader, inputs, push_bytes}, a, b);
}

// Where a program reads its inputs. Anywhere: resampled (bilinear). AtPixel: each input only at
// the output pixel's own uv, so an input of the output's size is read texel for texel (a
// nearest sampler: the same values, and llvmpipe filters no four texels); another size is
// resampled.
enum class Reach { Anywhere, AtPixel };

// The sampler for `input` read as `reach` says by a program writing `target`.
inline gpu::SamplerKind sampler_for(const gpu::Image& input, const gpu::Image& target, Reach reach) {
    return reach == Reach::AtPixel && input.extent() == target.extent() ? gpu::SamplerKind::NearestClamp
                                                                        : gpu::SamplerKind::LinearClamp;
}

// Runs `program` over the output, sampling the inputs in order (clamped; bilinear unless
// `reach` is AtPixel).
template <class Push>
void run_to_output(graph::RecordContext& ctx, gpu::Program& program, const Push& push,
                   Reach reach = Reach::Anywhere) {
    gpu::ImageBinding bindings[kMaxOperatorInputs];
    const std::uint32_t n = ctx.input_count();
    for (std::uint32_t i = 0; i < n; ++i)
        bindings[i] = {&ctx.input(i), sampler_for(ctx.input(i), ctx.output(), reach)};
    ctx.dispatch(program, std::span<const gpu::ImageBinding>(bindings, n), ctx.output(), &push, sizeof(Push));
}

// The same with the program for mode `a` (and `b`).
template <class Push>
void run_to_output(graph::RecordContext& ctx, ModeProgram& program, const Push& push, int a, int b = -1,
                   Reach reach = Reach::Anywhere) {
    if (gpu::Program* p = program.get(ctx, a, b)) run_to_output(ctx, *p, push, reach);
}

inline float aspect_of(Extent e) { return e.height ? float(e.width) / float(e.height) : 1.0f; }

// One pixel of `image`, in uv.
inline glm::vec2 texel_of(const gpu::Image& image) {
    const Extent e = image.extent();
    return {1.0f / float(std::max(e.width, 1u)), 1.0f / float(std::max(e.height, 1u))};
}

// gpu::upload_image() for an operator: on failure the operator fails with the reason and false
// comes back.
bool upload_pixels(graph::RecordContext& ctx, gpu::Image& image, const void* data, std::size_t bytes,
                   const char* staging_name);

// How far a periodic value (LFO, Clock) has run at `time`, in cycles, at `rate` cycles a second:
// rate x time, or, while the rate is driven (it may change every frame), the last value moved on
// by rate x (time - last_time) so a changing rate never jumps. A jump of the clock (a seek, a
// start) begins again at rate x time.
inline double running_phase(double last, double last_time, double time, double rate, bool driven) {
    const double step = time - last_time;
    if (!driven || last_time < 0.0 || step < 0.0 || step > 1.0) return rate * time;
    return last + rate * step;
}

constexpr float kRadiansPerDegree = 3.14159265358979f / 180.0f;

}  // namespace loom::effects
