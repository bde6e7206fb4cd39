#include <loom/effects/shape.hpp>

#include <algorithm>

#include <glm/common.hpp>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec4 fill;
    glm::vec4 stroke;
    glm::vec4 background;
    glm::vec2 center;
    glm::vec2 scale;
    float rotation;
    float corner;
    float inner;
    float stroke_width;
    float pixel;  // one pixel in canvas heights, times the softness
    float aspect;
    std::int32_t type;
    std::int32_t sides;
};
static_assert(sizeof(Push) == 96);

const bool kRegistered = register_operator({
    .type = Shape::kTypeName,
    .category = "generator",
    .summary = "An antialiased circle, rectangle, rounded rectangle, triangle, star, polygon, ring or line; "
               "fill, stroke and softness.",
    .make = make_operator<Shape>,
    .example =
        [](Chain& c) {
            c.add<Shape>("shape").type(ShapeType::Star).scale(0.8f).sides(6).inner(0.5f).rotation(15.0f).fill(
                {1.0f, 0.6f, 0.1f, 1.0f}).stroke({1.0f, 1.0f, 1.0f, 1.0f}).stroke_width(0.04f).background(
                {0.08f, 0.08f, 0.12f, 1.0f});
        },
});
}  // namespace

Result<void> Shape::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/shape.comp", 0, sizeof(Push),
                                 static_cast<int>(type_.get()));
}

void Shape::record(graph::RecordContext& ctx) {
    Push p{};
    p.fill = fill_;
    p.stroke = stroke_;
    p.background = background_;
    p.center = center_;
    p.scale = glm::max(scale_.get(), glm::vec2(1e-5f));
    p.rotation = rotation_.get() * effects::kRadiansPerDegree;
    p.corner = corner_;
    p.inner = inner_;
    p.stroke_width = stroke_width_;
    const float height = float(std::max(ctx.extent().height, 1u));
    p.pixel = std::max(softness_.get(), 1e-3f) / height;
    p.aspect = effects::aspect_of(ctx.extent());
    p.type = static_cast<std::int32_t>(type_.get());
    p.sides = sides_;
    effects::run_to_output(ctx, program_, p, p.type);
}

}  // namespace loom
