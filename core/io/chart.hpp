// core/io/chart.hpp — line charts drawn by Loom itself (no plotting dependency), for the leak
// watch: one panel per series, stacked, sharing the time axis; a shaded warm-up region; a
// legend line per panel. Text uses stb_easy_font's bitmap font.
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

// Draws text with its top-left corner at (x, y); `scale` multiplies the 1-pixel font.
void draw_text(Pixels& px, int x, int y, const std::string& text, const float rgba[4], int scale = 2);

}  // namespace loom::io
