// core/io/chart.hpp — charts drawn by Loom itself (no plotting dependency). render_chart: the
// leak watch's line charts, one panel per series, stacked, sharing the time axis, a shaded
// warm-up region, a legend line per panel. render_xy: several series on one panel against a
// numeric x axis (the benches' frame time against chain length or resolution). render_bars:
// one horizontal bar per labelled value, with an optional goal line (the benches' bandwidth
// shares and peer comparisons). Text uses stb_easy_font's bitmap font.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/io/image_io.hpp"

namespace loom::io {

struct ChartSeries {
    std::string label;    // "heap (KB)  +0.0 KB/min  flat"
    std::vector<double> t;  // seconds
    std::vector<double> v;
    bool alarm = false;   // drawn red: this series failed its check
};

struct ChartSpec {
    std::string title;
    double shade_until = 0.0;  // seconds: the warm-up, shaded grey
    std::vector<ChartSeries> series;
    std::uint32_t width = 1200;
    std::uint32_t panel_height = 160;
};

Pixels render_chart(const ChartSpec& spec);

struct XYSeries {
    std::string label;
    std::vector<double> x, y;  // points in x order
};

struct XYChartSpec {
    std::string title;
    std::string x_label, y_label;  // "operators in the chain", "ms"
    std::vector<XYSeries> series;  // up to 6, each its own colour
    bool log_y = false;            // values spanning decades (all must be > 0)
    std::uint32_t width = 900, height = 480;
};

Pixels render_xy(const XYChartSpec& spec);

struct Bar {
    std::string label;
    double value = 0.0;
    std::string note;  // drawn after the value ("52.1 ms")
};

struct BarChartSpec {
    std::string title;
    std::string subtitle;  // a second line, when not empty
    std::string unit;  // after each value
    std::vector<Bar> bars;
    double goal = 0.0;  // > 0: a vertical line at this value, labelled `goal_label`
    std::string goal_label;
    std::uint32_t width = 900;
};

Pixels render_bars(const BarChartSpec& spec);

// Draws text with its top-left corner at (x, y); `scale` multiplies the 1-pixel font.
void draw_text(Pixels& px, int x, int y, const std::string& text, const float rgba[4], int scale = 2);

}  // namespace loom::io
