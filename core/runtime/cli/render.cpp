// `loom render`: a frame range to numbered PNGs (or a video through ffmpeg), deterministically.
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/base/paths.hpp"
#include "core/io/frame_recorder.hpp"
#include "core/runtime/cli/live.hpp"
#include "core/runtime/cli/cli.hpp"

namespace loom::cli {

int run_render(const RenderOptions& o) {
    io::FrameRecorder::Options rec;
    if (!o.out.empty()) {
        auto p = io::frame_pattern(o.out, "--out");
        if (!p) {
            std::fprintf(stderr, "loom: %s\n", p.message().c_str());
            return kExitUsage;
        }
        rec.png_pattern = *p;
    }
    if (o.out.empty() && o.video.empty()) {
        std::fprintf(stderr, "loom: render needs --out DIR/%%05d.png or --video out.mp4\n");
        return kExitUsage;
    }
    if (!o.video.empty() && !io::FrameRecorder::ffmpeg_available()) {
        std::fprintf(stderr, "loom: --video needs ffmpeg, which is not installed. Fix: apt-get install ffmpeg, "
                             "or write PNGs with --out and join them later.\n");
        return kExitUsage;
    }
    rec.video = o.video;
    rec.fps = o.session.fps;
    int code = kExitOk;
    auto session = open_session_or_report(o.session, code);
    if (!session) return code;
    auto recorder = io::FrameRecorder::open(rec);
    if (!recorder) {
        std::fprintf(stderr, "loom: %s\n", recorder.message().c_str());
        return kExitRender;
    }
    install_stop_handlers();
    const bool tty = ::isatty(STDERR_FILENO);
    auto t0 = std::chrono::steady_clock::now();
    bool interrupted = false;
    auto deliver = [&](std::uint64_t frame, const io::Pixels& px) -> Result<void> {
        if (auto w = (*recorder)->write(frame, io::Pixels(px)); !w) return w;
        if (stop_requested()) {
            interrupted = true;
            return make_error("interrupted");
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
    bool announced = false;
    auto preroll = [&](std::uint64_t done, std::uint64_t total) {
        if (!std::exchange(announced, true))
            std::fprintf(stderr, "pre-rolling frames 0-%llu first (the chain reads previous frames)\n",
                         static_cast<unsigned long long>(total - 1));
        if (tty && (done % 30 == 0 || done == total))
            std::fprintf(stderr, "\rpre-roll %llu/%llu ", static_cast<unsigned long long>(done),
                         static_cast<unsigned long long>(total));
        if (done == total) {
            if (tty) std::fprintf(stderr, "\n");
            t0 = std::chrono::steady_clock::now();  // frames/s and ETA count the range only
        }
        if (stop_requested()) interrupted = true;
        return !interrupted;
    };
    auto r = runtime::render_range(session->engine(), session->update(), {o.first, o.last, o.preroll},
                                   deliver, progress, preroll);
    auto written = (*recorder)->finish();
    if (r && written) {
        print_stats_line(session->engine(), o.session.size);
        return kExitOk;
    }
    if (tty) std::fprintf(stderr, "\n");
    if (!interrupted) std::fprintf(stderr, "loom: %s\n", (!written ? written : r).message().c_str());
    // Say exactly what is on disk, so a partial set is never mistaken for a whole one.
    const auto& rc = **recorder;
    const auto range = std::to_string(o.first) + "-" + std::to_string(o.last);
    if (rc.written() == 0) {
        std::fprintf(stderr, "loom: %s; no frame of %s was written\n", interrupted ? "interrupted" : "render failed",
                     range.c_str());
    } else {
        std::fprintf(stderr, "loom: %s; frames %llu-%llu of %s were written to %s%s\n",
                     interrupted ? "interrupted" : "render failed", static_cast<unsigned long long>(rc.first_written()),
                     static_cast<unsigned long long>(rc.last_written()), range.c_str(), rc.describe().c_str(),
                     o.video.empty() ? "" : written ? " (the video holds only those frames)"
                                                    : " (the video may be missing or incomplete: see the error above)");
        if (!o.out.empty() && rc.last_written() < o.last)
            std::fprintf(stderr, "loom: to finish the PNGs, run again with --frames %llu-%llu\n",
                         static_cast<unsigned long long>(rc.last_written() + 1), static_cast<unsigned long long>(o.last));
    }
    return interrupted ? kExitInterrupted : kExitRender;
}

}  // namespace loom::cli
