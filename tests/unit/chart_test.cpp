// The benches' charts: bar lengths follow the values, a goal line is drawn, and XY charts take
// any series (a zero on a log axis falls back to a linear one) without drawing outside.
#include <gtest/gtest.h>

#include <cmath>

#include "core/io/chart.hpp"

namespace loom::io {
namespace {

// Pixels of row y whose colour is close to `rgb`.
int count_in_row(const Pixels& px, std::uint32_t y, const float rgb[3]) {
    int n = 0;
    for (std::uint32_t x = 0; x < px.width; ++x) {
        const float* p = px.at(x, y);
        if (std::abs(p[0] - rgb[0]) < 0.02f && std::abs(p[1] - rgb[1]) < 0.02f && std::abs(p[2] - rgb[2]) < 0.02f) ++n;
    }
    return n;
}

TEST(Chart, BarLengthsFollowTheirValues) {
    BarChartSpec spec;
    spec.title = "bars";
    spec.bars = {{"long", 10.0, ""}, {"half", 5.0, ""}, {"zero", 0.0, ""}};
    const Pixels px = render_bars(spec);
    ASSERT_EQ(px.width, 900u);
    const float blue[3] = {0.1f, 0.35f, 0.8f};
    // Bars are 22 pixels high, 10 apart, from y = 48.
    const int a = count_in_row(px, 48 + 11, blue), b = count_in_row(px, 80 + 11, blue), c = count_in_row(px, 112 + 11, blue);
    ASSERT_GT(a, 100);
    EXPECT_NEAR(double(a) / double(b), 2.0, 0.05) << a << " against " << b;
    EXPECT_LE(c, 1);  // a zero is a hairline at most
}

TEST(Chart, BarsUnderTheGoalAreMarkedAndTheGoalIsDrawn) {
    BarChartSpec spec;
    spec.title = "shares";
    spec.bars = {{"under", 30.0, ""}, {"over", 90.0, ""}};
    spec.goal = 60.0;
    spec.goal_label = "goal";
    const Pixels px = render_bars(spec);
    const float orange[3] = {0.85f, 0.35f, 0.1f}, blue[3] = {0.1f, 0.35f, 0.8f}, red[3] = {0.85f, 0.1f, 0.1f};
    EXPECT_GT(count_in_row(px, 48 + 11, orange), 50);
    EXPECT_EQ(count_in_row(px, 48 + 11, blue), 0);
    EXPECT_GT(count_in_row(px, 80 + 11, blue), 150);
    int red_rows = 0;
    for (std::uint32_t y = 44; y < 112; ++y) red_rows += count_in_row(px, y, red) > 0;
    EXPECT_GT(red_rows, 20);  // the dashed goal line
}

TEST(Chart, XYTakesAnySeriesAndFallsBackToLinearForAZeroOnALogAxis) {
    XYChartSpec spec;
    spec.title = "xy";
    spec.log_y = true;
    spec.series = {{"a", {1, 8, 64}, {0.01, 0.1, 1.0}}, {"b", {1, 8, 64}, {0.0, 2.0, 3.0}}, {"empty", {}, {}}};
    const Pixels px = render_xy(spec);
    ASSERT_EQ(px.width, spec.width);
    ASSERT_EQ(px.height, spec.height);
    const float blue[3] = {0.1f, 0.35f, 0.8f}, orange[3] = {0.85f, 0.35f, 0.1f};
    int blue_px = 0, orange_px = 0;
    for (std::uint32_t y = 0; y < px.height; ++y) {
        blue_px += count_in_row(px, y, blue);
        orange_px += count_in_row(px, y, orange);
    }
    EXPECT_GT(blue_px, 200);
    EXPECT_GT(orange_px, 200);

    // Infinite or missing values are left out (a CSV can hold them); this returns.
    spec.series = {{"inf", {1, 2, 3}, {1.0, INFINITY, 2.0}}, {"short", {1, 2, 3}, {4.9e-324}}};
    const Pixels odd = render_xy(spec);
    EXPECT_EQ(odd.width, spec.width);

    spec.series = {{"log", {1, 2}, {0.001, 1000.0}}};
    const Pixels log = render_xy(spec);  // six decades: grid lines and labels, nothing outside
    EXPECT_EQ(log.rgba.size(), std::size_t(log.width) * log.height * 4);
}

}  // namespace
}  // namespace loom::io
