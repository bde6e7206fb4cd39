#include <loom/effects/blur.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include <array>
#include <cmath>
#include <complex>
#include <string>

#include "core/gpu/device.hpp"
#include "core/gpu/format.hpp"
#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct ConvolutionPush {
    glm::vec2 direction;
    float q;  // exp(-1 / (2 sigma^2)), 1 for a box
    std::int32_t radius;
};

// Mirrors blur_line.comp's push block.
struct LinePush {
    glm::vec4 z, c, g, zg;
    std::int32_t axis, count, lines, pad0;
    glm::vec2 pad1;
    std::int32_t radius, pad2;
};
static_assert(sizeof(LinePush) == 96);
constexpr int kLineChunk = 128;  // LOOM_BLUR_CHUNK in blur_line.comp

// Mirrors blur_tiles.comp's push block and tile shape.
struct TilePush {
    float first, ratio, q2, inv_total;
    std::int32_t radius;
};
constexpr int kTileLines = 32;    // LOOM_TILE_LINES
constexpr int kTileOutputs = 4;   // LOOM_TILE_OUTPUTS: outputs (and taps) per step
constexpr int kTileSpan = 64;     // LOOM_TILE_SPAN: outputs along a line per workgroup
constexpr int kTileTexelBytes = 8;  // a uvec2 of four halves
constexpr std::uint32_t kTileInvocations = kTileLines * (kTileSpan / kTileOutputs);
int tile_blocks(int radius) { return (2 * radius + 1 + kTileOutputs - 1) / kTileOutputs; }
bool wide_format(VkFormat f) { return f == gpu::to_vk(Format::RGBA32F) || f == gpu::to_vk(Format::R32F); }

const bool kRegistered = register_operator({
    .type = Blur::kTypeName,
    .category = "filter",
    .summary = "Gaussian or box blur, separable in two passes; sigma (or the box's radius) in pixels.",
    .make = make_operator<Blur>,
    .example =
        [](Chain& c) {
            c.add<Blur>("blur").input(effects::example_picture(c)).sigma(3.0f);
        },
});

// Deriche's fourth-order fit of exp(-t^2 / 2) for t >= 0 (t in sigmas), as two damped cosines
// a cos(w t) + b sin(w t) times exp(-l t). Sampled at t = n / sigma, each term is
// Re((a - i b) z^n) with z = exp((-l + i w) / sigma).
struct DericheTerm {
    double a, b, w, l;
};
constexpr std::array<DericheTerm, 2> kDeriche{{{1.680, 3.735, 0.6318, 1.783}, {-0.6803, -0.2598, 1.997, 1.723}}};

// The line pass's poles and weights for `sigma`, the weights scaled so the whole response
// (causal from 0, anticausal from 1) sums to 1.
void gaussian_poles(double sigma, LinePush& p) {
    using C = std::complex<double>;
    C z[2], c[2];
    double h0 = 0, causal = 0;
    for (int k = 0; k < 2; ++k) {
        z[k] = std::exp(C(-kDeriche[k].l, kDeriche[k].w) / sigma);
        c[k] = C(kDeriche[k].a, -kDeriche[k].b);
        h0 += c[k].real();
        causal += (c[k] / (1.0 - z[k])).real();  // sum over n >= 0 of Re(c z^n)
    }
    const double total = 2.0 * causal - h0;
    for (int k = 0; k < 2; ++k) c[k] /= total;
    const C g0 = 1.0 / (1.0 - z[0]), g1 = 1.0 / (1.0 - z[1]);
    p.z = {float(z[0].real()), float(z[0].imag()), float(z[1].real()), float(z[1].imag())};
    p.c = {float(c[0].real()), float(c[0].imag()), float(c[1].real()), float(c[1].imag())};
    p.g = {float(g0.real()), float(g0.imag()), float(g1.real()), float(g1.imag())};
    const C zg0 = z[0] * g0, zg1 = z[1] * g1;
    p.zg = {float(zg0.real()), float(zg0.imag()), float(zg1.real()), float(zg1.imag())};
}
}  // namespace

Result<void> Blur::create(graph::CreateContext& ctx) {
    if (auto r = effects::make_program(ctx, program_, "effects/blur.comp", 1, sizeof(ConvolutionPush)); !r) return r;
    auto line = [&](gpu::Program*& out, const char* pass, std::uint32_t inputs) -> Result<void> {
        // Own mains (a line or a tile a workgroup): no pass blocks.
        auto p = ctx.program(gpu::ProgramDesc{"effects/blur_line.comp", inputs, sizeof(LinePush),
                                              {{"LOOM_BLUR_PASS", pass}}, {}, {1, 1}});
        if (!p) return p.error();
        out = *p;
        return {};
    };
    if (auto r = line(forward_, "LOOM_BLUR_FORWARD", 1); !r) return r;
    if (auto r = line(backward_, "LOOM_BLUR_BACKWARD", 2); !r) return r;
    if (auto r = line(chunked_, "LOOM_BLUR_CHUNKED", 1); !r) return r;
    if (auto r = line(box_, "LOOM_BLUR_BOX", 1); !r) return r;
    // As many pixels per line as shared memory holds (lines padded by one texel).
    const VkPhysicalDeviceLimits& limits = ctx.device().limits();
    tile_len_ = int(limits.maxComputeSharedMemorySize / std::uint32_t(kTileTexelBytes * (kTileLines + 1)));
    const bool groups_fit = limits.maxComputeWorkGroupInvocations >= kTileInvocations &&
                            limits.maxComputeWorkGroupSize[1] >= kTileInvocations / kTileLines;
    if (!groups_fit || tile_len_ < kTileSpan + kTileOutputs - 1) {  // not even radius 1: no tiles here
        tile_len_ = 0;
        return {};
    }
    for (int axis = 0; axis < 2; ++axis) {
        auto p = ctx.program(gpu::ProgramDesc{"effects/blur_tiles.comp", 1, sizeof(TilePush),
                                              {{"LOOM_BLUR_AXIS", std::to_string(axis)},
                                               {"LOOM_TILE_LEN", std::to_string(tile_len_)}},
                                              {},
                                              {1, 1}});
        if (!p) return p.error();
        tiles_[axis] = *p;
    }
    return {};
}

void Blur::record(graph::RecordContext& ctx) {
    const Extent e = ctx.extent();
    const bool box = shape_.get() == BlurShape::Box;
    // A Gaussian's taps go to three sigma: 99.7% of the weight; beyond it they change nothing visible.
    const float sigma = sigma_;
    // Below 0.1 pixel the neighbours' weight (exp(-50) at most) is nothing.
    const int radius = box ? std::max(0, radius_.get()) : (sigma < 0.1f ? 0 : int(std::ceil(3.0f * sigma)));
    // The horizontally blurred image has the output's size, in 16-bit float so an 8-bit output
    // is rounded once, not twice (a 32-bit output keeps its own format).
    const VkFormat out_format = ctx.output().format();
    const bool wide = wide_format(out_format);
    const VkFormat mid_format = wide ? out_format : gpu::to_vk(Format::RGBA16F);
    gpu::Image* mid = ctx.scratch(0, e, mid_format, "blur.horizontal");
    if (!mid) return;
    BlurMethod method = method_.get();
    // Auto: on a GPU a Gaussian by tiles; a box's equal taps pair into bilinear fetches at no
    // loss, which the GPU's texture units run faster than the tiles' multiply-adds.
    if (method == BlurMethod::Auto)
        method = ctx.device().is_software() ? BlurMethod::Lines : box ? BlurMethod::Convolution : BlurMethod::Tiles;
    // Lines pay a fixed cost per pixel: a small kernel is cheaper as a convolution anywhere. An
    // input of another size is resampled by the convolution's bilinear taps.
    if (method == BlurMethod::Lines && !(radius > 2 && ctx.input(0).extent() == e)) method = BlurMethod::Convolution;
    if (method == BlurMethod::Tiles && !tiles_apply(ctx, radius)) method = BlurMethod::Convolution;
    used_ = method;
    if (method == BlurMethod::Lines)
        record_lines(ctx, *mid, box, radius);
    else if (method == BlurMethod::Tiles)
        record_tiles(ctx, *mid, box, radius);
    else
        record_convolution(ctx, *mid, box, radius);
}

// Tiles hold 16-bit floats (exact for 16-bit float pixels, within 0.06 of a step for 8-bit ones,
// too coarse for 32-bit ones) of an input of the output's size, and the taps of `radius` must
// fit a tile's line.
bool Blur::tiles_apply(graph::RecordContext& ctx, int radius) const {
    const gpu::Image& in = ctx.input(0);
    return tiles_[0] && radius > 0 && in.extent() == ctx.extent() && !wide_format(in.format()) &&
           !wide_format(ctx.output().format()) && kTileSpan + tile_blocks(radius) * kTileOutputs - 1 <= tile_len_;
}

void Blur::record_tiles(graph::RecordContext& ctx, gpu::Image& mid, bool box, int radius) {
    TilePush p{1.0f, 1.0f, 1.0f, 1.0f / float(2 * radius + 1), radius};
    if (!box) {  // weights exp(-t^2 / (2 sigma^2)) = q^(t^2); in double, then rounded once
        const double s2 = 2.0 * double(sigma_.get()) * double(sigma_.get());
        double total = 0.0;
        for (int t = -radius; t <= radius; ++t) total += std::exp(-double(t) * double(t) / s2);
        p.first = float(std::exp(-double(radius) * double(radius) / s2));
        p.ratio = float(std::exp(double(2 * radius - 1) / s2));
        p.q2 = float(std::exp(-2.0 / s2));
        p.inv_total = float(1.0 / total);
    }
    const gpu::ImageBinding h{&ctx.input(0), gpu::SamplerKind::NearestClamp};
    ctx.dispatch_tiles(*tiles_[0], {&h, 1}, mid, &p, sizeof p, kTileSpan, kTileLines);
    ctx.gpu_section("horizontal");
    const gpu::ImageBinding v{&mid, gpu::SamplerKind::NearestClamp};
    ctx.dispatch_tiles(*tiles_[1], {&v, 1}, ctx.output(), &p, sizeof p, kTileLines, kTileSpan);
    ctx.gpu_section("vertical");
}

void Blur::record_convolution(graph::RecordContext& ctx, gpu::Image& mid, bool box, int radius) {
    const Extent e = ctx.extent();
    const float sigma = sigma_;
    const float q = box ? 1.0f : float(std::exp(-1.0 / (2.0 * double(sigma) * double(sigma))));
    gpu::Image& in = ctx.input(0);
    // The horizontal pass reads the input at the output's resolution (the input may differ in size).
    const ConvolutionPush h{{1.0f / float(e.width), 0.0f}, q, radius};
    ctx.dispatch(*program_, {gpu::ImageBinding{&in, gpu::SamplerKind::LinearClamp}}, mid, &h, sizeof h);
    ctx.gpu_section("horizontal");
    const ConvolutionPush v{{0.0f, 1.0f / float(e.height)}, q, radius};
    ctx.dispatch(*program_, {gpu::ImageBinding{&mid, gpu::SamplerKind::LinearClamp}}, ctx.output(), &v, sizeof v);
    ctx.gpu_section("vertical");
}

void Blur::record_lines(graph::RecordContext& ctx, gpu::Image& mid, bool box, int radius) {
    const Extent e = ctx.extent();
    gpu::Image& in = ctx.input(0);
    LinePush p{};
    if (!box) gaussian_poles(double(sigma_.get()), p);
    p.radius = radius;
    // The anticausal part of a chunk starts this far to its right; its poles decay by
    // exp(-1.72 / sigma) a pixel, below 1e-4 after 5.4 sigma. Longer than a chunk (sigma above
    // about 23), the two parts are two walks with the causal sums in an image between them.
    const int warmup = int(std::ceil(5.4f * sigma_.get())) + 1;
    const bool chunked = !box && warmup <= kLineChunk;
    if (chunked) p.radius = warmup;
    gpu::Image* causal = box || chunked ? nullptr : ctx.scratch(1, e, mid.format(), "blur.causal");
    if (!box && !chunked && !causal) return;
    // One direction: `src` (at the output's size) into `dst`.
    auto pass = [&](gpu::Image& src, gpu::Image& dst, int axis) {
        p.axis = axis;
        p.count = std::int32_t(axis == 0 ? e.width : e.height);
        p.lines = std::int32_t(axis == 0 ? e.height : e.width);
        const std::uint32_t lines = std::uint32_t(p.lines);
        const gpu::ImageBinding x{&src, gpu::SamplerKind::LinearClamp};
        if (box || chunked) {
            ctx.dispatch_items(box ? *box_ : *chunked_, {&x, 1}, dst, &p, sizeof p, lines);
            return;
        }
        ctx.dispatch_items(*forward_, {&x, 1}, *causal, &p, sizeof p, lines);
        const gpu::ImageBinding both[] = {x, {causal, gpu::SamplerKind::NearestClamp}};
        ctx.dispatch_items(*backward_, both, dst, &p, sizeof p, lines);
    };
    pass(in, mid, 0);
    pass(mid, ctx.output(), 1);
}

}  // namespace loom
