#include <loom/effects/gradient.hpp>

#include "effects/src/effect_util.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec4 color_a;
    glm::vec4 color_b;
    glm::vec2 center;
    float angle;
    float radius;
    float aspect;
    float repeat;
    std::int32_t type;
};
static_assert(sizeof(Push) == 60);
}  // namespace

Result<void> Gradient::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/gradient.comp", 0, sizeof(Push));
}

void Gradient::record(graph::RecordContext& ctx) {
    Push p{};
    p.color_a = color_a_;
    p.color_b = color_b_;
    p.center = center_;
    // Degrees counter-clockwise on screen; uv's y points down, hence the minus.
    p.angle = -angle_.get() * effects::kRadiansPerDegree;
    p.radius = radius_;
    p.aspect = effects::aspect_of(ctx.extent());
    p.repeat = repeat_;
    p.type = static_cast<std::int32_t>(type_.get());
    effects::run_to_output(ctx, *program_, p);
}

}  // namespace loom
