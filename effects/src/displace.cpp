#include <loom/effects/displace.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    float amount;
    float midpoint;
    std::int32_t wrap;
    float aspect;
};
static_assert(sizeof(Push) == 16);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Displace::kTypeName,
    .category = "filter",
    .summary = "Pixels of the first input moved by the red and green of the second (a displacement "
               "map).",
    .make = make_operator<Displace>,
    .example =
        [](Chain& c) {
            auto& picture = effects::example_picture(c);
            auto& map = effects::example_noise(c);
            c.add<Displace>("displace").inputs({&picture, &map}).amount(0.08f);
        },
});
}  // namespace

Result<void> Displace::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/displace.comp", 2, sizeof(Push),
                                 static_cast<int>(wrap_.get()));
}

void Displace::record(graph::RecordContext& ctx) {
    Push p{};
    p.amount = amount_.get();
    p.midpoint = midpoint_.get();
    p.wrap = static_cast<std::int32_t>(wrap_.get());
    p.aspect = effects::aspect_of(ctx.extent());
    effects::run_to_output(ctx, program_, p, p.wrap);
}

}  // namespace loom
