// core/io/frame_recorder.cpp
#include "core/io/frame_recorder.hpp"

#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include <spdlog/spdlog.h>

#include "core/base/paths.hpp"

namespace loom::io {

namespace fs = std::filesystem;

Result<std::string> frame_pattern(const std::string& out, const std::string& flag) {
    if (out.find('%') == std::string::npos) {
        std::string ext = fs::path(out).extension().string();
        for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".exr" || ext == ".tga" || ext == ".bmp") {
            const fs::path p(out);
            return make_error(flag + " '" + out + "' names one file, but every frame is written as its own PNG. Fix: " +
                              "put the frame number in the name, e.g. " +
                              (p.parent_path() / (p.stem().string() + "-%05d.png")).string() + ", or give a folder.");
        }
        return (fs::path(out) / "%05llu.png").string();
    }
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
            return make_error(flag + " '" + out + "': use one %d (or %05d) for the frame number, e.g. frames/%05d.png");
        ++count;
        d_at = j;
        i = j;
    }
    if (count != 1)
        return make_error(flag + " '" + out + "' must contain exactly one %d for the frame number, e.g. frames/%05d.png");
    std::string ext = fs::path(out).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext != ".png")
        return make_error(flag + " '" + out + "': Loom writes PNG files. Fix: end the pattern in .png, e.g. " +
                          "frames/%05d.png");
    std::string p = out;
    p.replace(d_at, 1, "llu");
    return p;
}

std::string frame_path(const std::string& pattern, std::uint64_t frame) {
    char buf[4096];
    std::snprintf(buf, sizeof buf, pattern.c_str(), static_cast<unsigned long long>(frame));
    return buf;
}

bool FrameRecorder::ffmpeg_available() { return std::system("command -v ffmpeg > /dev/null 2>&1") == 0; }

Result<std::unique_ptr<FrameRecorder>> FrameRecorder::open(Options options) {
    if (options.png_pattern.empty() && options.video.empty())
        return make_error("nothing to record to: give a PNG pattern or a video file");
    if (!options.video.empty()) {
        if (!ffmpeg_available())
            return make_error("writing " + options.video.string() +
                              " needs ffmpeg, which is not installed. Fix: apt-get install ffmpeg, or write PNGs "
                              "and join them later.");
        // A pipe to an ffmpeg that has exited must be an error we can report, not a signal.
        std::signal(SIGPIPE, SIG_IGN);
        std::error_code ec;
        if (options.video.has_parent_path()) fs::create_directories(options.video.parent_path(), ec);
        if (ec)
            return make_error("cannot create the folder of " + options.video.string() + ": " + ec.message());
    }
    if (!options.png_pattern.empty()) {
        const fs::path dir = fs::path(frame_path(options.png_pattern, 0)).parent_path();
        std::error_code ec;
        if (!dir.empty()) fs::create_directories(dir, ec);
        if (ec) return make_error("cannot create the folder " + dir.string() + ": " + ec.message());
    }
    if (options.queue == 0) options.queue = 1;
    std::unique_ptr<FrameRecorder> r(new FrameRecorder(std::move(options)));
    r->worker_ = std::thread([p = r.get()] { p->work(); });
    return r;
}

FrameRecorder::~FrameRecorder() { (void)finish(); }

Result<void> FrameRecorder::write(std::uint64_t frame, Pixels&& pixels) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return pending_.size() < options_.queue || !error_.empty(); });
    if (!error_.empty()) return make_error(error_);
    if (closing_) return make_error("the recording has finished");
    pending_.emplace_back(frame, std::move(pixels));
    changed_.notify_all();
    return {};
}

Result<void> FrameRecorder::finish() {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
        changed_.notify_all();
    }
    if (worker_.joinable()) worker_.join();
    if (ffmpeg_) {
        const int status = ::pclose(ffmpeg_);
        ffmpeg_ = nullptr;
        if (status != 0 && error_.empty())
            error_ = "ffmpeg failed to write " + options_.video.string() + " (see its message above)";
    }
    if (!error_.empty()) return make_error(error_);
    return {};
}

std::uint64_t FrameRecorder::written() const {
    std::lock_guard lock(mutex_);
    return written_;
}
std::uint64_t FrameRecorder::first_written() const {
    std::lock_guard lock(mutex_);
    return first_;
}
std::uint64_t FrameRecorder::last_written() const {
    std::lock_guard lock(mutex_);
    return last_;
}

std::string FrameRecorder::describe() const {
    std::string s;
    if (!options_.png_pattern.empty()) {
        s = options_.png_pattern;  // "%05llu" back to the "%05d" people write
        for (std::size_t i = s.find('%'); i != std::string::npos; i = s.find('%', i + 1)) {
            std::size_t j = i + 1;
            while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
            if (s.compare(j, 3, "llu") == 0) s.replace(j, 3, "d");
        }
    }
    if (!options_.video.empty()) s += (s.empty() ? "" : " and ") + options_.video.string();
    return s;
}

void FrameRecorder::work() {
    for (;;) {
        std::pair<std::uint64_t, Pixels> item;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return !pending_.empty() || closing_; });
            if (pending_.empty()) return;  // closing, and everything is written
            item = std::move(pending_.front());
            pending_.pop_front();
            changed_.notify_all();
            if (!error_.empty()) continue;  // drop the rest after an error
        }
        auto r = write_one(item.first, item.second);
        std::lock_guard lock(mutex_);
        if (!r) {
            error_ = r.message();
            pending_.clear();
        } else {
            if (written_ == 0) first_ = item.first;
            last_ = item.first;
            ++written_;
        }
        changed_.notify_all();
    }
}

Result<void> FrameRecorder::write_one(std::uint64_t frame, const Pixels& px) {
    if (!options_.png_pattern.empty())
        if (auto w = write_png(frame_path(options_.png_pattern, frame), px); !w) return w;
    if (options_.video.empty()) return {};
    if (!ffmpeg_) {
        video_width_ = px.width;
        video_height_ = px.height;
        const std::string cmd = "ffmpeg -y -loglevel error -f rawvideo -pix_fmt rgba -s " + std::to_string(px.width) +
                                "x" + std::to_string(px.height) + " -r " + std::to_string(options_.fps) +
                                " -i - -c:v libx264 -pix_fmt yuv420p -vf 'pad=ceil(iw/2)*2:ceil(ih/2)*2' -crf 18 " +
                                shell_quote(options_.video.string());
        ffmpeg_ = ::popen(cmd.c_str(), "w");
        if (!ffmpeg_) return make_error("could not start ffmpeg: " + std::string(std::strerror(errno)));
        // H.264 in 4:2:0 needs even sizes: an odd side gets one black row or column, said once.
        if (px.width % 2 || px.height % 2)
            spdlog::info("{}: {}x{} is encoded as {}x{} (H.264 needs even sides; the extra {} is black)",
                         options_.video.string(), px.width, px.height, px.width + px.width % 2,
                         px.height + px.height % 2,
                         px.width % 2 && px.height % 2 ? "row and column" : px.width % 2 ? "column" : "row");
    }
    if (px.width != video_width_ || px.height != video_height_)
        return make_error("frame " + std::to_string(frame) + " is " + std::to_string(px.width) + "x" +
                          std::to_string(px.height) + " but " + options_.video.string() + " was started at " +
                          std::to_string(video_width_) + "x" + std::to_string(video_height_) +
                          "; a video keeps one size. Fix: keep the output's size while recording, or record PNGs.");
    to_rgba8(px, bytes_);
    if (std::fwrite(bytes_.data(), 1, bytes_.size(), ffmpeg_) != bytes_.size() || std::fflush(ffmpeg_) != 0)
        return make_error("ffmpeg stopped taking frames at frame " + std::to_string(frame) + " of " +
                          options_.video.string() + " (see its message above)");
    return {};
}

}  // namespace loom::io
