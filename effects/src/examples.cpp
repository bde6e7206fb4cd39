#include "effects/src/examples.hpp"

#include <loom/effects/composite.hpp>
#include <loom/effects/feedback.hpp>
#include <loom/effects/gradient.hpp>
#include <loom/effects/lfo.hpp>
#include <loom/effects/math.hpp>
#include <loom/effects/noise.hpp>
#include <loom/effects/pattern.hpp>
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

Operator& example_motion(Chain& c) {
    const float hertz = 60.0f / float(kMotionFrames);
    auto& x = c.add<LFO>("motion_x").frequency(hertz).amplitude(0.3f).offset(0.5f).phase(0.25f);  // a cosine
    auto& y = c.add<LFO>("motion_y").frequency(hertz).amplitude(0.3f).offset(0.5f);
    auto& turn = c.add<LFO>("motion_turn").shape(LfoShape::Saw).frequency(hertz).amplitude(180.0f);
    auto& star = c.add<Shape>("motion").type(ShapeType::Star).scale(0.3f).sides(5).inner(0.45f).fill(
        {1.0f, 0.8f, 0.3f, 1.0f}).background({0.05f, 0.08f, 0.2f, 1.0f});
    star.drive("center", x, 0).drive("center", y, 1).rotation(turn);
    return star;
}

Operator& example_trace(Chain& c, ValueOperator& value, float low, float high) {
    // One sweep across the picture in the example's frames; uv y grows downwards.
    const float seconds = float(kTraceFrames) / 60.0f;
    auto& sweep = c.add<LFO>("trace_x").shape(LfoShape::Saw).frequency(1.0f / seconds).amplitude(0.45f).offset(0.5f);
    auto& y = c.add<Math>("trace_y").op(MathOp::Remap).a(value).from(low, high).to(0.9f, 0.1f);
    auto& dot = c.add<Shape>("trace_dot").scale(0.06f).fill({1.0f, 0.75f, 0.3f, 1.0f});
    dot.drive("center", sweep, 0).drive("center", y, 1);
    auto& trace = c.add<Feedback>("trace").input(dot).decay(1.0f).mode(FeedbackMode::Max);
    auto& grid = c.add<Pattern>("trace_grid").type(PatternType::Grid).scale(8.0f).width(0.06f).color_a({0.08f, 0.09f, 0.12f, 1.0f})
                     .color_b({0.2f, 0.22f, 0.28f, 1.0f});
    return c.add<Composite>("trace_view").inputs({&grid, &trace});
}

}  // namespace loom::effects
