#include "bench/bench_charts.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "core/io/chart.hpp"
#include "core/io/image_io.hpp"

namespace loom::bench {

namespace {

// One CSV line into fields: commas separate, double quotes enclose (a doubled quote is one).
std::vector<std::string> split_csv(const std::string& line) {
    std::vector<std::string> f(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') f.back() += '"', ++i;
            else if (c == '"') quoted = false;
            else f.back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            f.emplace_back();
        } else if (c != '\r') {
            f.back() += c;
        }
    }
    return f;
}

// A finite number, the whole field; NaN for anything else (the row is refused).
double number(const std::string& s) {
    try {
        std::size_t used = 0;
        const double v = std::stod(s, &used);
        return used == s.size() && std::isfinite(v) ? v : NAN;
    } catch (...) {
        return NAN;
    }
}

std::size_t count_of(const std::string& s) {
    const double v = number(s);
    return std::isfinite(v) && v > 0.0 && v < 1e15 ? std::size_t(v) : 0;
}

std::string quote(const std::string& s) {
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

// "llvmpipe (LLVM 15.0.6, 256 bits)" -> "llvmpipe"; "NVIDIA H200" -> "nvidia-h200".
std::string device_slug(const std::string& device) {
    std::string name = device.substr(0, device.find('('));
    std::string out;
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            out += char(std::tolower(static_cast<unsigned char>(c)));
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    if (out == "llvmpipe") return "lavapipe";  // Mesa's Vulkan driver runs on llvmpipe
    return out.empty() ? "device" : out.substr(0, 32);
}

const Result* find(const std::vector<const Result*>& rows, const std::string& bench, const std::string& metric) {
    for (const Result* r : rows)
        if (r->bench == bench && r->metric == metric) return r;
    return nullptr;
}

std::string short_device(const std::string& device) {
    const std::string d = device.substr(0, device.find(" ("));
    return d == "llvmpipe" ? "lavapipe (llvmpipe)" : d;
}

}  // namespace

bool read_results(const std::filesystem::path& path, std::vector<Result>& out, std::string& error) {
    std::ifstream f(path);
    if (!f) {
        error = "cannot read " + path.string();
        return false;
    }
    std::string line;
    std::getline(f, line);
    const std::vector<std::string> head = split_csv(line);
    const bool ours = !head.empty() && head[0] == "device";
    const bool peer = !head.empty() && head[0] == "case";
    if (f.peek() == EOF && (ours || peer)) {
        error = path.string() + " holds a header and no results. Fix: name a CSV from a run that measured something";
        return false;
    }
    if (!ours && !peer) {
        error = path.string() + " is neither loom-bench's CSV (device,bench,...) nor peer_blur.py's (case,...)";
        return false;
    }
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < head.size(); ++i) col[head[i]] = i;
    auto get = [&](const std::vector<std::string>& f, const char* name) {
        auto it = col.find(name);
        return it != col.end() && it->second < f.size() ? f[it->second] : std::string();
    };
    int line_no = 1;
    while (std::getline(f, line)) {
        ++line_no;
        if (line.empty() || line == "\r") continue;
        const auto v = split_csv(line);
        if (v.size() < head.size()) {
            error = path.string() + ":" + std::to_string(line_no) + ": " + std::to_string(v.size()) + " fields, the header has " +
                    std::to_string(head.size()) + ". Fix: use the CSV as loom-bench or peer_blur.py wrote it";
            return false;
        }
        for (const char* field : {"median", "p90", "ffmpeg_ms", "loom_ms"}) {
            if (!col.count(field)) continue;
            if (std::isnan(number(get(v, field)))) {
                error = path.string() + ":" + std::to_string(line_no) + ": " + field + " '" + get(v, field) +
                        "' is not a finite number. Fix: use the CSV as loom-bench or peer_blur.py wrote it";
                return false;
            }
        }
        if (ours) {
            Result r{get(v, "device"), get(v, "bench"), get(v, "metric"), get(v, "unit"), number(get(v, "median")),
                     number(get(v, "p90")), number(get(v, "min")), number(get(v, "max")),
                     count_of(get(v, "frames"))};
            out.push_back(r);
        } else {
            const std::string device = get(v, "loom_device"), bench = "peer/" + get(v, "case");
            const double ff = number(get(v, "ffmpeg_ms")), loom = number(get(v, "loom_ms"));
            out.push_back({device, bench, "ffmpeg ms", "ms", ff, ff, ff, ff, 1});
            out.push_back({device, bench, "loom ms", "ms", loom, number(get(v, "loom_p90_ms")), loom, loom, 1});
        }
    }
    return true;
}

bool write_results(const std::filesystem::path& path, const std::vector<Result>& rows, std::string& error) {
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    std::ofstream f(path);
    if (!f) {
        error = "cannot write " + path.string();
        return false;
    }
    f << "device,bench,metric,unit,median,p90,min,max,frames\n";
    for (const Result& r : rows)
        f << quote(r.device) << ',' << r.bench << ',' << quote(r.metric) << ',' << r.unit << ',' << r.median << ','
          << r.p90 << ',' << r.min << ',' << r.max << ',' << r.count << '\n';
    return bool(f);
}

std::vector<std::filesystem::path> draw_charts(const std::vector<Result>& rows, const std::filesystem::path& dir,
                                               std::string& error) {
    std::vector<std::filesystem::path> written;
    std::map<std::string, std::vector<const Result*>> by_device;
    for (const Result& r : rows) by_device[r.device].push_back(&r);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    auto save = [&](const io::Pixels& px, const std::string& name) {
        const auto path = dir / (name + ".png");
        if (auto r = io::write_png(path, px); !r) {
            if (error.empty()) error = r.message();
        } else {
            written.push_back(path);
        }
    };
    for (const auto& [device, list] : by_device) {
        const std::string slug = device_slug(device), dev = short_device(device);

        // Chain length: Loom against the naive mode.
        io::XYChartSpec chain;
        chain.title = "Frame time against chain length, 1280x720, " + dev;
        chain.x_label = "operators in the chain (Noise, then Level and HSV in turn)";
        chain.y_label = "ms (log scale)";
        chain.log_y = true;
        for (const char* mode : {"loom", "naive"})
            for (const char* metric : {"frame time", "frame CPU time"}) {
                io::XYSeries s;
                s.label = std::string(mode == std::string("loom") ? "Loom" : "naive (submit per operator, sets every frame)") +
                          ": " + metric;
                for (int n : {1, 8, 16, 32, 64})
                    if (const Result* r = find(list, "chain/" + std::to_string(n) + "ops/" + mode, metric))
                        if (r->median > 0.0) s.x.push_back(n), s.y.push_back(r->median);
                if (!s.x.empty()) chain.series.push_back(std::move(s));
            }
        if (!chain.series.empty()) save(io::render_xy(chain), "chain-length-" + slug);

        // Resolution: the noise-blur-bloom chain.
        io::XYChartSpec res;
        res.title = "noise-blur-bloom: GPU time against resolution, " + dev;
        res.x_label = "megapixels (1280x720, 1920x1080, 3840x2160)";
        res.y_label = "GPU ms";
        const char* sizes[] = {"1280x720", "1920x1080", "3840x2160"};
        const double mp[] = {1280.0 * 720 / 1e6, 1920.0 * 1080 / 1e6, 3840.0 * 2160 / 1e6};
        for (const char* metric : {"frame GPU time", "GPU time of noise", "GPU time of blur", "GPU time of glow",
                                   "GPU time of out"}) {
            io::XYSeries s;
            s.label = metric;
            for (int k = 0; k < 3; ++k)
                if (const Result* r = find(list, std::string("frame/") + sizes[k], metric))
                    s.x.push_back(mp[k]), s.y.push_back(r->median);
            if (s.x.size() > 1) res.series.push_back(std::move(s));
        }
        if (!res.series.empty()) save(io::render_xy(res), "resolution-" + slug);

        // Bandwidth at 3840x2160.
        io::BarChartSpec bw;
        const Result* copy8 = find(list, "copy/3840x2160/RGBA8", "reference bandwidth");
        const Result* copy16 = find(list, "copy/3840x2160/RGBA16F", "reference bandwidth");
        bw.title = "Passes at 3840x2160: share of the copy bandwidth, " + dev;
        auto gbs = [](const Result* r) { return r ? std::to_string(int(r->median + 0.5)) + " GB/s" : std::string("-"); };
        bw.subtitle = "copy: best of vkCmdCopyBuffer and a copy pass; " + gbs(copy8) + " RGBA8, " + gbs(copy16) +
                      " RGBA16F";
        bw.width = 1000;
        bw.unit = "%";
        bw.goal = 60.0;
        bw.goal_label = "goal 60% (orange: under it)";
        for (const Result* r : list)
            if (r->bench.starts_with("pass/") && r->bench.find("/3840x2160/") != std::string::npos &&
                r->metric == "share of copy bandwidth") {
                const Result* t = find(list, r->bench, "GPU time of the pass");
                char note[64];
                std::snprintf(note, sizeof note, "(%.3f ms)", t ? t->median : 0.0);
                std::string label = r->bench.substr(5);
                label.erase(label.find("/3840x2160"), 10);
                bw.bars.push_back({label, r->median, note});
            }
        if (!bw.bars.empty()) save(io::render_bars(bw), "bandwidth-" + slug);

        // ffmpeg against Loom.
        io::BarChartSpec peer;
        peer.title = "Blur, 1920x1080 RGBA8, ms per frame (shorter is faster), " + dev;
        peer.unit = "ms";
        for (const Result* r : list) {
            if (!r->bench.starts_with("peer/") || r->metric != "ffmpeg ms") continue;
            const std::string c = r->bench.substr(5);
            const Result* l = find(list, r->bench, "loom ms");
            const char* who = c == "gaussian" ? "gblur_vulkan" : c == "box" ? "avgblur_vulkan" : "gblur (CPU)";
            peer.bars.push_back({std::string("ffmpeg ") + who, r->median, ""});
            if (l) {
                char note[64];
                std::snprintf(note, sizeof note, "(ffmpeg/Loom %.2fx)", l->median > 0 ? r->median / l->median : 0.0);
                peer.bars.push_back({std::string("Loom Blur (") + (c == "box" ? "box" : "gaussian") + ", " + c +
                                         " run)", l->median, note});
            }
        }
        if (!peer.bars.empty()) save(io::render_bars(peer), "peer-" + slug);
    }
    return written;
}

}  // namespace loom::bench
