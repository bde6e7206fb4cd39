#include <loom/effects/gradient.hpp>

#include <algorithm>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>
#include <spdlog/spdlog.h>

#include "effects/src/effect_util.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec4 colors[4];
    glm::vec4 positions;
    glm::vec2 center;
    float angle;
    float radius;
    float aspect;
    float repeat;
    std::int32_t type;
    std::int32_t stops;
};
static_assert(sizeof(Push) == 112);

const bool kRegistered = register_operator({
    .type = Gradient::kTypeName,
    .category = "generator",
    .summary = "A linear, radial, angular or diamond ramp through two to four colour stops; repeatable.",
    .make = make_operator<Gradient>,
    .example =
        [](Chain& c) {
            c.add<Gradient>("gradient").type(GradientType::Linear).angle(30.0f).stop(0, 0.0f, {0.1f, 0.0f, 0.3f, 1.0f})
                .stop(1, 0.45f, {0.9f, 0.2f, 0.4f, 1.0f}).stop(2, 0.7f, {1.0f, 0.7f, 0.2f, 1.0f})
                .stop(3, 1.0f, {1.0f, 1.0f, 0.9f, 1.0f});
        },
    .calls = "stop(index, position, color): one colour stop (0 to 3)",
});
}  // namespace

Gradient& Gradient::stop(int index, float position, glm::vec4 color) {
    const int i = std::clamp(index, 0, 3);
    if (i != index)
        spdlog::warn("Gradient '{}': stop({}) is not one of the 4 stops (0 to 3); setting stop {}. Fix: use 0 to 3.",
                     name(), index, i);
    glm::vec4 pos = positions_;
    pos[i] = position;
    positions_.set(pos);
    Param<glm::vec4>* colors[] = {&color_a_, &color_b_, &color_c_, &color_d_};
    colors[i]->set(color);
    if (stops_.get() < i + 1) stops_.set(i + 1);
    return *this;
}

Result<void> Gradient::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/gradient.comp", 0, sizeof(Push),
                                 static_cast<int>(type_.get()));
}

void Gradient::record(graph::RecordContext& ctx) {
    Push p{};
    p.colors[0] = color_a_;
    p.colors[1] = color_b_;
    p.colors[2] = color_c_;
    p.colors[3] = color_d_;
    p.positions = positions_;
    p.center = center_;
    // Degrees counter-clockwise on screen; uv's y points down, hence the minus.
    p.angle = -angle_.get() * effects::kRadiansPerDegree;
    p.radius = radius_;
    p.aspect = effects::aspect_of(ctx.extent());
    p.repeat = repeat_;
    p.type = static_cast<std::int32_t>(type_.get());
    p.stops = stops_;
    effects::run_to_output(ctx, program_, p, p.type);
}

}  // namespace loom
