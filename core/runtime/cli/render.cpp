// `loom render`: a frame range to numbered PNGs (or a video through ffmpeg), deterministically.
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/base/paths.hpp"
#include "core/runtime/cli/cli.hpp"

namespace loom::cli {

namespace {

std::string frame_path(const std::string& pattern, std::uint64_t frame) {
    char buf[4096];
    std::snprintf(buf, sizeof buf, pattern.c_str(), static_cast<unsigned long long>(frame));
    return buf;
}

// The pattern must hold exactly one integer conversion (%d, %05d), nothing else; it is widened
// to %..llu for the 64-bit frame number.
Result<std::string> output_pattern(const std::string& out) {
    if (out.find('%') == std::string::npos) return (std::filesystem::path(out) / "%05llu.png").string();
    std::size_t count = 0, d_at = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] != '%') continue;
        if (i + 1 < out.size() && out[i + 1] == '%') {
            ++i;  // a literal percent sign
            continue;
        }
        std::size_t j = i + 1;
        while (j < out.size() && std::isdigit(static_cast<unsigned char>(out[j]))) ++j;
        if (j >= out.size() || out[j] != 'd')
            return make_error("--out '" + out + "': use one %d (or %05d) for the frame number, e.g. frames/%05d.png");
        ++count;
        d_at = j;
        i = j;
    }
    if (count != 1)
        return make_error("--out '" + out + "' must contain exactly one %d for the frame number, e.g. frames/%05d.png");
    std::string p = out;
    p.replace(d_at, 1, "llu");
    return p;
}

}  // namespace

int run_render(const RenderOptions& o) {
    std::string pattern;
    if (!o.out.empty()) {
        auto p = output_pattern(o.out);
        if (!p) {
            std::fprintf(stderr, "loom: %s\n", p.message().c_str());
            return kExitUsage;
        }
        pattern = *p;
    }
    if (o.out.empty() && o.video.empty()) {
        std::fprintf(stderr, "loom: render needs --out DIR/%%05d.png or --video out.mp4\n");
        return kExitUsage;
    }
    std::FILE* ffmpeg = nullptr;
    if (!o.video.empty()) {
        // A pipe to an ffmpeg that has exited must be an error we can report, not a signal.
        std::signal(SIGPIPE, SIG_IGN);
        if (std::system("command -v ffmpeg > /dev/null 2>&1") != 0) {
            std::fprintf(stderr, "loom: --video needs ffmpeg, which is not installed. Fix: apt-get install ffmpeg, "
                                 "or write PNGs with --out and join them later.\n");
            return kExitUsage;
        }
    }
    int code = kExitOk;
    auto session = open_session_or_report(o.session, code);
    if (!session) return code;
    const bool tty = ::isatty(STDERR_FILENO);
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::uint8_t> bytes;
    auto deliver = [&](std::uint64_t frame, const io::Pixels& px) -> Result<void> {
        if (!pattern.empty())
            if (auto w = io::write_png(frame_path(pattern, frame), px); !w) return w;
        if (!o.video.empty() && !ffmpeg) {
            // Started on the first frame: the video takes the output's own size, which may
            // differ from the canvas.
            const std::string cmd = "ffmpeg -y -loglevel error -f rawvideo -pix_fmt rgba -s " +
                                    std::to_string(px.width) + "x" + std::to_string(px.height) + " -r " +
                                    std::to_string(o.session.fps) +
                                    " -i - -c:v libx264 -pix_fmt yuv420p -vf 'pad=ceil(iw/2)*2:ceil(ih/2)*2' -crf 18 " +
                                    shell_quote(o.video);
            ffmpeg = ::popen(cmd.c_str(), "w");
            if (!ffmpeg) return make_error("could not start ffmpeg");
        }
        if (ffmpeg) {
            io::to_rgba8(px, bytes);
            if (std::fwrite(bytes.data(), 1, bytes.size(), ffmpeg) != bytes.size() || std::fflush(ffmpeg) != 0)
                return make_error("ffmpeg stopped taking frames at frame " + std::to_string(frame) +
                                  " (see its message above)");
        }
        return {};
    };
    auto progress = [&](std::uint64_t done, std::uint64_t total) {
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const double fps = s > 0 ? double(done) / s : 0.0;
        const double eta = fps > 0 ? double(total - done) / fps : 0.0;
        if (tty) {
            const int width = 30, filled = int(double(width) * double(done) / double(total));
            std::fprintf(stderr, "\r[%.*s%*s] %llu/%llu frames  %.1f frames/s  ETA %.0f s ", filled,
                         "##############################", width - filled, "", static_cast<unsigned long long>(done),
                         static_cast<unsigned long long>(total), fps, eta);
            if (done == total) std::fprintf(stderr, "\n");
        } else if (done == total || done % 100 == 0) {
            std::fprintf(stderr, "%llu/%llu frames, %.1f frames/s\n", static_cast<unsigned long long>(done),
                         static_cast<unsigned long long>(total), fps);
        }
    };
    auto r = runtime::render_range(session->engine(), session->update(), {o.first, o.last, o.preroll},
                                   deliver, progress);
    int status = kExitOk;
    if (ffmpeg && ::pclose(ffmpeg) != 0 && r) {
        std::fprintf(stderr, "loom: ffmpeg failed to write %s\n", o.video.c_str());
        status = kExitRender;
    }
    if (!r) {
        std::fprintf(stderr, "loom: %s\n", r.message().c_str());
        return kExitRender;
    }
    print_stats_line(session->engine(), o.session.size);
    return status;
}

}  // namespace loom::cli
