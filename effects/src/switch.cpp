#include <loom/effects/switch.hpp>

#include <algorithm>
#include <cmath>

#include <loom/chain.hpp>
#include <loom/effects/noise.hpp>
#include <loom/effects/pattern.hpp>
#include <loom/operator_registry.hpp>
#include <spdlog/spdlog.h>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    float fade;
};
static_assert(sizeof(Push) == 4);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Switch::kTypeName,
    .category = "composite",
    .summary = "One of up to 8 inputs by index; a fractional index crossfades between neighbours.",
    .make = make_operator<Switch>,
    .example =
        [](Chain& c) {
            auto& picture = effects::example_picture(c);
            auto& noise = effects::example_noise(c);
            auto& checker = c.add<Pattern>("checker").scale(4.0f);
            c.add<Switch>("switch").inputs({&picture, &noise, &checker}).index(0.5f).crossfade(true);
        },
});
}  // namespace

Result<void> Switch::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/switch.comp", 2, sizeof(Push));
}

void Switch::record(graph::RecordContext& ctx) {
    const int n = static_cast<int>(ctx.input_count());
    const float at = std::min(index_.get(), float(n - 1));
    if (index_.get() > float(n - 1)) {
        if (!warned_)
            spdlog::warn("Switch '{}': index {:g} is beyond its {} inputs (0 to {}); showing input {}. Fix: connect "
                         "more inputs or keep the index under {}.",
                         name(), index_.get(), n, n - 1, n - 1, n);
        warned_ = true;
    } else {
        warned_ = false;
    }
    const int first = crossfade_ ? static_cast<int>(std::floor(at)) : static_cast<int>(std::lround(at));
    const int second = std::min(first + 1, n - 1);
    Push p{};
    p.fade = crossfade_ ? at - float(first) : 0.0f;
    // Only the two inputs in play are bound: switching reads nothing else.
    ctx.dispatch(*program_,
                 {gpu::ImageBinding{&ctx.input(static_cast<std::uint32_t>(first)), gpu::SamplerKind::LinearClamp},
                  gpu::ImageBinding{&ctx.input(static_cast<std::uint32_t>(second)), gpu::SamplerKind::LinearClamp}},
                 ctx.output(), &p, sizeof p);
}

}  // namespace loom
