#include <loom/effects/bloom.hpp>

#include <loom/chain.hpp>
#include <loom/effects/shape.hpp>
#include <loom/operator_registry.hpp>

#include <algorithm>
#include <cmath>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct PrefilterPush {
    glm::vec2 texel;  // one input texel, in uv
    glm::vec2 step;   // one pixel of the operator's size, in uv
    float threshold;
    float knee;
};
struct DownPush {
    glm::vec2 texel;
};
struct UpPush {
    glm::vec2 texel;
    float spread;
    float weight;
};
struct CombinePush {
    glm::vec2 glow_texel;  // one texel of the first level, in uv
    float intensity;
};
constexpr VkFormat kGlowFormat = VK_FORMAT_R16G16B16A16_SFLOAT;
const bool kRegistered = register_operator({
    .type = Bloom::kTypeName,
    .category = "filter",
    .summary = "Glow around bright parts: threshold with a soft knee, a mip chain down and up, added back.",
    .make = make_operator<Bloom>,
    .example =
        [](Chain& c) {
            auto& disc = c.add<Shape>("disc").scale(0.3f).fill({4.0f, 2.5f, 1.2f, 1.0f}).background({0.02f, 0.02f, 0.05f, 1.0f});
            c.add<Bloom>("bloom").input(disc).threshold(1.0f).intensity(1.5f).radius(1.0f);
        },
});
}  // namespace

int Bloom::levels_for(std::uint32_t width, std::uint32_t height, float radius) {
    // Levels halve from half size, rounding up (so every texel of a level covers exactly 2x2 of
    // the one above, the last row or column of an odd size included); stop before a side would
    // fall under 2 pixels.
    int possible = 0;
    for (std::uint32_t w = (width + 1) / 2, h = (height + 1) / 2; w >= 2 && h >= 2 && possible < kMaxLevels;
         w = (w + 1) / 2, h = (h + 1) / 2)
        ++possible;
    if (possible == 0) return 0;
    return std::clamp(static_cast<int>(std::lround(radius * float(possible))), 1, possible);
}

Result<void> Bloom::create(graph::CreateContext& ctx) {
    if (auto r = effects::make_program(ctx, prefilter_, "effects/bloom_prefilter.comp", 1, sizeof(PrefilterPush)); !r)
        return r;
    if (auto r = effects::make_program(ctx, down_, "effects/bloom_down.comp", 1, sizeof(DownPush)); !r) return r;
    if (auto r = effects::make_program(ctx, up_, "effects/bloom_up.comp", 1, sizeof(UpPush)); !r)
        return r;
    return effects::make_program(ctx, combine_, "effects/bloom_combine.comp", 2, sizeof(CombinePush));
}

void Bloom::record(graph::RecordContext& ctx) {
    const Extent e = ctx.extent();
    gpu::Image& in = ctx.input(0);
    const int levels = levels_for(e.width, e.height, radius_);
    if (levels == 0) {  // too small to glow: pass the input through
        const CombinePush p{glm::vec2(0.0f), 0.0f};
        const gpu::SamplerKind at_pixel = effects::sampler_for(in, ctx.output(), effects::Reach::AtPixel);
        ctx.dispatch(*combine_, {{&in, at_pixel}, {&in, at_pixel}}, ctx.output(), &p, sizeof p);
        return;
    }
    // The chain of images is allocated for every possible level once, so changing `radius`
    // never reallocates.
    gpu::Image* mip[kMaxLevels] = {};
    const int possible = levels_for(e.width, e.height, 1.0f);
    Extent m{e.width, e.height};
    for (int i = 0; i < possible; ++i) {
        m = {(m.width + 1) / 2, (m.height + 1) / 2};
        mip[i] = ctx.scratch(static_cast<std::uint32_t>(i), m, kGlowFormat, "bloom.level");
        if (!mip[i]) return;
    }
    const glm::vec2 step{1.0f / float(e.width), 1.0f / float(e.height)};
    // Taps one operator pixel apart: the input's own texel when it has the operator's size.
    const PrefilterPush pre{step, step, threshold_, knee_};
    ctx.dispatch(*prefilter_, {{&in, gpu::SamplerKind::LinearClamp}}, *mip[0], &pre, sizeof pre);
    ctx.gpu_section("threshold");
    for (int i = 1; i < levels; ++i) {
        const DownPush d{effects::texel_of(*mip[i - 1])};
        ctx.dispatch(*down_, {{mip[i - 1], gpu::SamplerKind::LinearClamp}}, *mip[i], &d, sizeof d);
    }
    ctx.gpu_section("down");
    for (int i = levels - 2; i >= 0; --i) {
        const UpPush u{effects::texel_of(*mip[i + 1]), 1.0f, 1.0f};
        ctx.dispatch(*up_, {{mip[i + 1], gpu::SamplerKind::LinearClamp}}, *mip[i], &u, sizeof u);
    }
    ctx.gpu_section("up");
    // Each level added its share; dividing by the count keeps brightness steady across radii.
    const CombinePush c{effects::texel_of(*mip[0]), intensity_.get() / float(levels)};
    // The input is read at the pixel's own uv (texel for texel where sizes match); the glow resampled.
    ctx.dispatch(*combine_,
                 {{&in, effects::sampler_for(in, ctx.output(), effects::Reach::AtPixel)},
                  {mip[0], gpu::SamplerKind::LinearClamp}},
                 ctx.output(), &c, sizeof c);
    ctx.gpu_section("combine");
}

}  // namespace loom
