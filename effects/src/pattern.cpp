#include <loom/effects/pattern.hpp>

#include <algorithm>
#include <cmath>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec4 color_a;
    glm::vec4 color_b;
    glm::vec2 offset;
    float scale;
    float angle;
    float width;
    float pixel;  // one pixel in cells, times the softness
    float aspect;
    std::int32_t type;
};
static_assert(sizeof(Push) == 64);

const bool kRegistered = register_operator({
    .type = Pattern::kTypeName,
    .category = "generator",
    .summary = "A repeating checker, stripes, dots or grid in two colours; cells per canvas height, angle, width.",
    .make = make_operator<Pattern>,
    .example =
        [](Chain& c) {
            c.add<Pattern>("pattern").type(PatternType::Dots).scale(6.0f).angle(20.0f).width(0.6f).color_a(
                {0.1f, 0.1f, 0.2f, 1.0f}).color_b({0.3f, 0.9f, 0.8f, 1.0f});
        },
});
}  // namespace

Result<void> Pattern::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/pattern.comp", 0, sizeof(Push),
                                 static_cast<int>(type_.get()));
}

void Pattern::record(graph::RecordContext& ctx) {
    Push p{};
    p.color_a = color_a_;
    p.color_b = color_b_;
    // Offsets beyond a whole number of checker periods change nothing; keep the float precise.
    p.offset = glm::vec2(std::fmod(offset_.get().x, 2.0f), std::fmod(offset_.get().y, 2.0f));
    p.scale = scale_;
    p.angle = angle_.get() * effects::kRadiansPerDegree;  // the shader turns the sampling: counter-clockwise
    p.width = width_;
    p.pixel = std::max(softness_.get(), 1e-3f) * scale_.get() / float(std::max(ctx.extent().height, 1u));
    p.aspect = effects::aspect_of(ctx.extent());
    p.type = static_cast<std::int32_t>(type_.get());
    effects::run_to_output(ctx, program_, p, p.type);
}

}  // namespace loom
