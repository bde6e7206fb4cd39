#include "effects/src/examples.hpp"

#include <loom/effects/composite.hpp>
#include <loom/effects/gradient.hpp>
#include <loom/effects/noise.hpp>
#include <loom/effects/shape.hpp>

namespace loom::effects {

Operator& example_picture(Chain& c) {
    auto& bg = c.add<Gradient>("picture_bg").type(GradientType::Angular).color_a({1.0f, 0.35f, 0.05f, 1.0f}).color_b(
        {0.05f, 0.3f, 1.0f, 1.0f});
    auto& star = c.add<Shape>("picture_star").type(ShapeType::Star).scale(0.7f).sides(5).inner(0.45f).fill(
        {1.0f, 0.95f, 0.7f, 1.0f}).stroke({0.1f, 0.05f, 0.2f, 1.0f}).stroke_width(0.03f);
    return c.add<Composite>("picture").inputs({&bg, &star});
}

Operator& example_noise(Chain& c) {
    return c.add<Noise>("picture_noise").type(NoiseType::Simplex).scale(3.0f).octaves(3).seed(3).color_a(
        {0.0f, 0.0f, 0.0f, 1.0f}).color_b({1.0f, 1.0f, 1.0f, 1.0f});
}

}  // namespace loom::effects
