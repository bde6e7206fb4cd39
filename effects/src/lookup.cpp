#include <loom/effects/lookup.hpp>

#include <loom/chain.hpp>
#include <loom/effects/gradient.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    std::int32_t mode;
    float row;
    float amount;
};
static_assert(sizeof(Push) == 12);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Lookup::kTypeName,
    .category = "filter",
    .summary = "Colours remapped through a second image: a gradient map by luminance, or a 2D table "
               "by red and green.",
    .make = make_operator<Lookup>,
    .example =
        [](Chain& c) {
            auto& picture = effects::example_picture(c);
            auto& map = c.add<Gradient>("map").stop(0, 0.0f, {0.05f, 0.0f, 0.2f, 1.0f}).stop(1, 0.5f, {0.9f, 0.1f, 0.4f, 1.0f})
                .stop(2, 1.0f, {1.0f, 0.95f, 0.6f, 1.0f});
            c.add<Lookup>("lookup").inputs({&picture, &map});
        },
});
}  // namespace

Result<void> Lookup::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/lookup.comp", 2, sizeof(Push),
                                 static_cast<int>(mode_.get()));
}

void Lookup::record(graph::RecordContext& ctx) {
    Push p{};
    p.mode = static_cast<std::int32_t>(mode_.get());
    p.row = row_.get();
    p.amount = amount_.get();
    effects::run_to_output(ctx, program_, p, p.mode);
}

}  // namespace loom
