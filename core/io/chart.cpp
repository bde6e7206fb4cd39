#include "core/io/chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#include <stb/stb_easy_font.h>
#pragma GCC diagnostic pop

namespace loom::io {

namespace {

void fill(Pixels& px, int x0, int y0, int x1, int y1, const float c[4]) {
    x0 = std::max(x0, 0);
    y0 = std::max(y0, 0);
    x1 = std::min(x1, int(px.width));
    y1 = std::min(y1, int(px.height));
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            float* p = px.at(std::uint32_t(x), std::uint32_t(y));
            const float a = c[3];
            for (int k = 0; k < 3; ++k) p[k] = p[k] * (1 - a) + c[k] * a;
            p[3] = 1.0f;
        }
}

// A 2-pixel-wide line (Bresenham, stamping 2x2 squares).
void line(Pixels& px, int x0, int y0, int x1, int y1, const float c[4]) {
    const int dx = std::abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
    const int dy = -std::abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
    int err = dx + dy;
    for (;;) {
        fill(px, x0, y0, x0 + 2, y0 + 2, c);
        if (x0 == x1 && y0 == y1) break;
        const int e2 = 2 * err;
        if (e2 >= dy) err += dy, x0 += sx;
        if (e2 <= dx) err += dx, y0 += sy;
    }
}

std::string number(double v) {
    char buf[32];
    const double a = std::abs(v);
    if (a >= 1e6)
        std::snprintf(buf, sizeof buf, "%.3g", v);
    else if (a >= 100 || a == std::floor(a))
        std::snprintf(buf, sizeof buf, "%.0f", v);
    else
        std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

constexpr float kBlack[4] = {0.1f, 0.1f, 0.1f, 1.0f};
constexpr float kGrey[4] = {0.45f, 0.45f, 0.45f, 1.0f};
constexpr float kGrid[4] = {0.88f, 0.88f, 0.88f, 1.0f};
constexpr float kShade[4] = {0.5f, 0.5f, 0.5f, 0.15f};
constexpr float kLine[4] = {0.1f, 0.35f, 0.8f, 1.0f};
constexpr float kAlarm[4] = {0.85f, 0.1f, 0.1f, 1.0f};

}  // namespace

void draw_text(Pixels& px, int x, int y, const std::string& text, const float rgba[4], int scale) {
    static char buffer[256 * 1024];  // about 400 characters; draw_text is not thread-safe
    std::string copy = text;
    const int quads = stb_easy_font_print(0, 0, copy.data(), nullptr, buffer, sizeof buffer);
    const float* v = reinterpret_cast<const float*>(buffer);
    for (int q = 0; q < quads; ++q) {
        // Each quad: 4 vertices of (x, y, z, colour as 4 bytes = one float slot).
        const float* a = v + q * 16;
        const float qx0 = a[0], qy0 = a[1], qx1 = a[8], qy1 = a[9];
        fill(px, x + int(qx0 * scale), y + int(qy0 * scale), x + int(qx1 * scale), y + int(qy1 * scale), rgba);
    }
}

Pixels render_chart(const ChartSpec& spec) {
    const int margin_left = 110, margin_right = 20, title_h = 36, gap = 14, axis_h = 34;
    const int n = std::max<int>(1, int(spec.series.size()));
    Pixels px;
    px.width = spec.width;
    px.height = std::uint32_t(title_h + n * int(spec.panel_height) + (n - 1) * gap + axis_h);
    px.rgba.assign(std::size_t(px.width) * px.height * 4, 1.0f);
    draw_text(px, 12, 10, spec.title, kBlack, 2);

    double t_min = 0.0, t_max = 1.0;
    bool any = false;
    for (const auto& s : spec.series)
        for (double t : s.t) {
            if (!any) t_min = t_max = t, any = true;
            t_min = std::min(t_min, t);
            t_max = std::max(t_max, t);
        }
    t_min = std::min(t_min, 0.0);
    if (t_max <= t_min) t_max = t_min + 1.0;
    const int plot_x0 = margin_left, plot_x1 = int(spec.width) - margin_right;
    auto to_x = [&](double t) { return plot_x0 + int(std::lround((t - t_min) / (t_max - t_min) * (plot_x1 - plot_x0))); };

    for (int i = 0; i < n && i < int(spec.series.size()); ++i) {
        const ChartSeries& s = spec.series[std::size_t(i)];
        const int y0 = title_h + i * (int(spec.panel_height) + gap), y1 = y0 + int(spec.panel_height);
        const int py0 = y0 + 22, py1 = y1 - 4;  // plot area below the legend line
        double v_min = 0, v_max = 1;
        if (!s.v.empty()) {
            v_min = *std::min_element(s.v.begin(), s.v.end());
            v_max = *std::max_element(s.v.begin(), s.v.end());
        }
        if (v_max - v_min < 1e-9) {  // flat: centre the line with a visible range around it
            const double pad = std::max(1.0, std::abs(v_max) * 0.01);
            v_min -= pad;
            v_max += pad;
        }
        auto to_y = [&](double v) { return py1 - int(std::lround((v - v_min) / (v_max - v_min) * (py1 - py0))); };
        // Grid, warm-up shade, frame.
        for (int g = 0; g <= 4; ++g) {
            const int gy = py0 + (py1 - py0) * g / 4;
            fill(px, plot_x0, gy, plot_x1, gy + 1, kGrid);
        }
        if (spec.shade_until > t_min) fill(px, plot_x0, py0, to_x(std::min(spec.shade_until, t_max)), py1, kShade);
        fill(px, plot_x0, py0, plot_x0 + 1, py1, kGrey);
        fill(px, plot_x0, py1, plot_x1, py1 + 1, kGrey);
        draw_text(px, plot_x0, y0 + 2, s.label, s.alarm ? kAlarm : kBlack, 2);
        draw_text(px, 8, py0 - 2, number(v_max), kGrey, 2);
        draw_text(px, 8, py1 - 14, number(v_min), kGrey, 2);
        // The series.
        const float* colour = s.alarm ? kAlarm : kLine;
        for (std::size_t k = 1; k < s.v.size() && k < s.t.size(); ++k)
            line(px, to_x(s.t[k - 1]), to_y(s.v[k - 1]), to_x(s.t[k]), to_y(s.v[k]), colour);
        if (s.v.size() == 1) fill(px, to_x(s.t[0]) - 2, to_y(s.v[0]) - 2, to_x(s.t[0]) + 2, to_y(s.v[0]) + 2, colour);
    }
    // Time axis under the last panel.
    const int ay = int(px.height) - axis_h + 6;
    for (int k = 0; k <= 5; ++k) {
        const double t = t_min + (t_max - t_min) * k / 5.0;
        const int x = to_x(t);
        fill(px, x, ay - 6, x + 1, ay, kGrey);
        char label[32];
        std::snprintf(label, sizeof label, t_max - t_min >= 10 ? "%.0f s" : "%.1f s", t);
        const int w = 12 * int(std::string(label).size());
        draw_text(px, std::clamp(x - w / 2, 0, int(px.width) - w), ay + 2, label, kGrey, 2);
    }
    draw_text(px, plot_x0, int(px.height) - 12, "grey: warm-up, not judged", kGrey, 1);
    return px;
}

}  // namespace loom::io
