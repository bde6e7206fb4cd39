#include <loom/effects/threshold.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec4 color_low;
    glm::vec4 color_high;
    float level;
    float softness;
    std::int32_t channel;
};
static_assert(sizeof(Push) == 44);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Threshold::kTypeName,
    .category = "filter",
    .summary = "Two colours split at a level of luminance, red, green, blue or alpha; a soft step if "
               "asked.",
    .make = make_operator<Threshold>,
    .example =
        [](Chain& c) {
            c.add<Threshold>("threshold").input(effects::example_picture(c)).level(0.45f).softness(0.05f).color_low({0.1f, 0.0f, 0.2f, 1.0f}).color_high({1.0f, 0.9f, 0.5f, 1.0f});
        },
});
}  // namespace

Result<void> Threshold::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/threshold.comp", 1, sizeof(Push));
}

void Threshold::record(graph::RecordContext& ctx) {
    Push p{};
    p.color_low = color_low_.get();
    p.color_high = color_high_.get();
    p.level = level_.get();
    p.softness = softness_.get();
    p.channel = static_cast<std::int32_t>(channel_.get());
    effects::run_to_output(ctx, *program_, p, effects::Reach::AtPixel);
}

}  // namespace loom
