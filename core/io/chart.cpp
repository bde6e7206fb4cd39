#include "core/io/chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
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
    if (a >= 1e6 || (a > 0.0 && a < 0.01))
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
constexpr float kPalette[6][4] = {{0.1f, 0.35f, 0.8f, 1.0f},  {0.85f, 0.35f, 0.1f, 1.0f}, {0.15f, 0.6f, 0.25f, 1.0f},
                                  {0.55f, 0.25f, 0.7f, 1.0f}, {0.6f, 0.5f, 0.1f, 1.0f},   {0.2f, 0.6f, 0.65f, 1.0f}};

// Text width in pixels at `scale` (stb_easy_font's glyphs are about 6 units wide).
int text_width(const std::string& text, int scale) { return 6 * scale * int(text.size()); }

Pixels blank(std::uint32_t width, std::uint32_t height) {
    Pixels px;
    px.width = width;
    px.height = height;
    px.rgba.assign(std::size_t(width) * height * 4, 1.0f);
    return px;
}

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

Pixels render_xy(const XYChartSpec& spec) {
    Pixels px = blank(spec.width, spec.height);
    draw_text(px, 12, 10, spec.title, kBlack, 2);
    const int n = int(std::min<std::size_t>(spec.series.size(), 6));
    const int legend_h = 20 * n;
    const int x0 = 110, x1 = int(spec.width) - 30, y0 = 64 + legend_h, y1 = int(spec.height) - 50;
    double xmin = 0, xmax = 1, ymin = 0, ymax = 1;
    bool any = false;
    auto usable = [](const XYSeries& s, std::size_t k) { return std::isfinite(s.x[k]) && std::isfinite(s.y[k]); };
    for (int i = 0; i < n; ++i) {
        const XYSeries& s = spec.series[std::size_t(i)];
        for (std::size_t k = 0; k < std::min(s.x.size(), s.y.size()); ++k) {
            if (!usable(s, k)) continue;
            const double x = s.x[k], y = s.y[k];
            if (!any) xmin = xmax = x, ymin = ymax = y, any = true;
            xmin = std::min(xmin, x), xmax = std::max(xmax, x);
            ymin = std::min(ymin, y), ymax = std::max(ymax, y);
        }
    }
    // A log axis needs positive values of sane size (1e-30 to 1e30: at most 60 decades).
    const bool log_y = spec.log_y && any && ymin > 1e-30 && ymax < 1e30;
    if (log_y) {
        ymin = std::pow(10.0, std::floor(std::log10(ymin)));
        ymax = std::pow(10.0, std::ceil(std::log10(ymax)));
    } else {
        ymin = std::min(ymin, 0.0);
        ymax = ymax > ymin ? ymax * 1.08 : ymin + 1.0;
    }
    if (xmax <= xmin) xmax = xmin + 1.0;
    if (log_y && ymax <= ymin) ymax = ymin * 10.0;
    auto to_x = [&](double x) { return x0 + int(std::lround((x - xmin) / (xmax - xmin) * (x1 - x0))); };
    auto to_y = [&](double y) {
        const double f = log_y ? (std::log10(y) - std::log10(ymin)) / (std::log10(ymax) - std::log10(ymin))
                               : (y - ymin) / (ymax - ymin);
        return y1 - int(std::lround(f * (y1 - y0)));
    };
    // Grid and y labels: decades on a log axis, fifths otherwise.
    if (log_y) {
        int decades = 0;
        for (double v = ymin; v <= ymax * 1.0001 && decades++ < 64; v *= 10.0) {
            fill(px, x0, to_y(v), x1, to_y(v) + 1, kGrid);
            draw_text(px, 8, to_y(v) - 6, number(v), kGrey, 2);
        }
    } else {
        for (int g = 0; g <= 5; ++g) {
            const double v = ymin + (ymax - ymin) * g / 5.0;
            fill(px, x0, to_y(v), x1, to_y(v) + 1, kGrid);
            draw_text(px, 8, to_y(v) - 6, number(v), kGrey, 2);
        }
    }
    fill(px, x0, y0, x0 + 1, y1, kGrey);
    fill(px, x0, y1, x1, y1 + 1, kGrey);
    // x ticks at the points of the first series (the values measured), else fifths.
    std::vector<double> ticks;
    if (n > 0) ticks = spec.series[0].x;
    if (ticks.empty())
        for (int g = 0; g <= 5; ++g) ticks.push_back(xmin + (xmax - xmin) * g / 5.0);
    for (double t : ticks) {
        if (!std::isfinite(t)) continue;
        const int x = to_x(t);
        fill(px, x, y1, x + 1, y1 + 6, kGrey);
        const std::string l = number(t);
        draw_text(px, std::clamp(x - text_width(l, 2) / 2, 0, std::max(0, int(px.width) - text_width(l, 2))), y1 + 8, l,
                  kGrey, 2);
    }
    draw_text(px, x0, int(px.height) - 20, spec.x_label, kBlack, 2);
    draw_text(px, 8, y0 - 22, spec.y_label, kBlack, 2);
    for (int i = 0; i < n; ++i) {
        const XYSeries& s = spec.series[std::size_t(i)];
        const float* c = kPalette[i];
        fill(px, x0, 40 + 20 * i + 4, x0 + 24, 40 + 20 * i + 8, c);
        draw_text(px, x0 + 32, 40 + 20 * i, s.label, kBlack, 2);
        std::size_t prev = SIZE_MAX;
        for (std::size_t k = 0; k < s.x.size() && k < s.y.size(); ++k) {
            if (!usable(s, k) || (log_y && s.y[k] <= 0.0)) continue;
            const int x = to_x(s.x[k]), y = to_y(s.y[k]);
            fill(px, x - 3, y - 3, x + 4, y + 4, c);
            if (prev != SIZE_MAX) line(px, to_x(s.x[prev]), to_y(s.y[prev]), x, y, c);
            prev = k;
        }
    }
    return px;
}

Pixels render_bars(const BarChartSpec& spec) {
    const int bar_h = 22, gap = 10, top = spec.subtitle.empty() ? 48 : 70;
    int label_w = 0;
    for (const Bar& b : spec.bars) label_w = std::max(label_w, text_width(b.label, 2));
    const int x0 = std::min(label_w + 20, int(spec.width) / 2), x1 = int(spec.width) - 230;
    const int rows = int(spec.bars.size());
    Pixels px = blank(spec.width, std::uint32_t(top + rows * (bar_h + gap) + 40));
    draw_text(px, 12, 10, spec.title, kBlack, 2);
    if (!spec.subtitle.empty()) draw_text(px, 12, 34, spec.subtitle, kGrey, 2);
    double vmax = spec.goal;
    for (const Bar& b : spec.bars)
        if (std::isfinite(b.value)) vmax = std::max(vmax, b.value);
    if (vmax <= 0.0) vmax = 1.0;
    auto to_x = [&](double v) {
        return x0 + int(std::lround(std::isfinite(v) ? std::clamp(v, 0.0, vmax) / vmax * (x1 - x0) : 0.0));
    };
    for (int i = 0; i < rows; ++i) {
        const Bar& b = spec.bars[std::size_t(i)];
        const int y = top + i * (bar_h + gap);
        draw_text(px, 8, y + 4, b.label, kBlack, 2);
        const float* c = spec.goal > 0.0 && b.value < spec.goal ? kPalette[1] : kPalette[0];
        fill(px, x0, y, std::max(to_x(b.value), x0 + 1), y + bar_h, c);
        std::string v = number(b.value) + (spec.unit.empty() ? "" : " " + spec.unit);
        if (!b.note.empty()) v += "  " + b.note;
        draw_text(px, to_x(b.value) + 8, y + 4, v, kGrey, 2);
    }
    const int y_end = top + rows * (bar_h + gap);
    fill(px, x0, top - 4, x0 + 1, y_end, kGrey);
    if (spec.goal > 0.0) {
        const int gx = to_x(spec.goal);
        for (int y = top - 4; y < y_end; y += 8) fill(px, gx, y, gx + 2, y + 4, kAlarm);
        draw_text(px, gx - text_width(spec.goal_label, 2) / 2, y_end + 8, spec.goal_label, kAlarm, 2);
    }
    return px;
}

}  // namespace loom::io
