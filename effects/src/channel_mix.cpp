#include <loom/effects/channel_mix.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec4 red;
    glm::vec4 green;
    glm::vec4 blue;
    glm::vec4 alpha;
    glm::vec4 offset;
};
static_assert(sizeof(Push) == 80);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = ChannelMix::kTypeName,
    .category = "filter",
    .summary = "Output channels as weighted sums of the input's channels (a 4x4 matrix and offset); "
               "swizzles.",
    .make = make_operator<ChannelMix>,
    .example =
        [](Chain& c) {
            c.add<ChannelMix>("channel_mix").input(effects::example_picture(c)).red({0.0f, 0.0f, 1.0f, 0.0f}).blue({1.0f, 0.0f, 0.0f, 0.0f}).green({0.2f, 0.6f, 0.2f, 0.0f});
        },
});
}  // namespace

Result<void> ChannelMix::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/channel_mix.comp", 1, sizeof(Push));
}

void ChannelMix::record(graph::RecordContext& ctx) {
    Push p{};
    p.red = red_.get();
    p.green = green_.get();
    p.blue = blue_.get();
    p.alpha = alpha_.get();
    p.offset = offset_.get();
    effects::run_to_output(ctx, *program_, p, effects::Reach::AtPixel);
}

}  // namespace loom
