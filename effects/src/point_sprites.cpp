#include <loom/effects/point_sprites.hpp>

#include <cmath>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"
#include "effects/src/sprites.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec2 grid;  // columns, rows
    float size;
    float jitter;
    float brightness;
    std::int32_t size_by;
    std::uint32_t seed;
};
static_assert(sizeof(Push) == 28);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = PointSprites::kTypeName,
    .category = "filter",
    .summary = "The input as a grid of round sprites of its colours, sized by luminance: LED walls, halftones.",
    .make = make_operator<PointSprites>,
    .example =
        [](Chain& c) {
            c.add<PointSprites>("sprites").input(effects::example_picture(c)).columns(24).dot_size(1.2f);
        },
});
}  // namespace

Result<void> PointSprites::create(graph::CreateContext& ctx) {
    auto p = effects::sprite_programs(ctx, "effects/point_sprites.vert", output_format(), sizeof(Push), 1);
    if (!p) return p.error();
    added_ = p->added;
    over_ = p->over;
    return {};
}

void PointSprites::record(graph::RecordContext& ctx) {
    const Extent e = ctx.extent();
    const int cols = columns_;
    const int rows = std::max(1, static_cast<int>(std::lround(float(cols) / effects::aspect_of(e))));
    const Push p{{float(cols), float(rows)}, dot_size_, jitter_, brightness_, static_cast<std::int32_t>(size_by_.get()),
                 static_cast<std::uint32_t>(seed_.get())};
    gpu::GraphicsProgram& program = blend_.get() == SpriteBlend::Add ? *added_ : *over_;
    const gpu::ImageBinding in{&ctx.input(0), gpu::SamplerKind::LinearClamp};
    VkDescriptorSet set = ctx.descriptors().get_sampled(program.set_layout(), program.set_layout_cookie(), {&in, 1});
    gpu::Image* sampled[] = {&ctx.input(0)};
    effects::draw_sprites(ctx, program, background_, static_cast<std::uint32_t>(cols * rows), &p, sizeof p, set, sampled);
}

}  // namespace loom
