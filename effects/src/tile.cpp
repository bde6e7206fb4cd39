#include <loom/effects/tile.hpp>

#include <glm/common.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec2 count;
    glm::vec2 offset;
    std::int32_t mirror;
};
static_assert(sizeof(Push) == 20);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Tile::kTypeName,
    .category = "filter",
    .summary = "The image repeated in a grid; count, offset, mirrored tiles.",
    .make = make_operator<Tile>,
    .example =
        [](Chain& c) {
            c.add<Tile>("tile").input(effects::example_picture(c)).count({3.0f, 2.0f}).mirror(true);
        },
});
}  // namespace

Result<void> Tile::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/tile.comp", 1, sizeof(Push));
}

void Tile::record(graph::RecordContext& ctx) {
    Push p{};
    p.count = count_.get();
    p.offset = glm::mod(offset_.get(), glm::vec2(2.0f));
    p.mirror = static_cast<std::int32_t>(mirror_.get());
    effects::run_to_output(ctx, *program_, p);
}

}  // namespace loom
