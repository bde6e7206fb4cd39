// core/io/frame_recorder.hpp — frames to numbered PNGs and/or a video (through ffmpeg).
//
// The PNG encoding and the pipe to ffmpeg run on a worker thread, so the caller's loop (an
// offline render, a window that records) keeps rendering while frames are written. write()
// waits only while `queue` frames are already pending: no frame is ever dropped.
// The video takes the size of the first frame; a frame of another size is an error (a video
// has one size). Every error names the file and the reason, and after the first one no more
// frames are taken.
// Threads: write()/finish() from one thread; the worker owns the files.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include <loom/result.hpp>

#include "core/io/image_io.hpp"

namespace loom::io {

// "dir/%05d.png" → "dir/%05llu.png" (exactly one integer conversion for the frame number). A
// folder (no '%', no image extension) becomes "folder/%05llu.png"; a file name without a
// pattern ("out/frame.png") is an error that says how to write one. `flag` names the option in
// messages.
Result<std::string> frame_pattern(const std::string& out, const std::string& flag);
std::string frame_path(const std::string& pattern, std::uint64_t frame);

class FrameRecorder {
public:
    struct Options {
        std::string png_pattern;       // from frame_pattern(); empty: no PNGs
        std::filesystem::path video;   // .mp4 (or anything ffmpeg writes); empty: no video
        double fps = 60.0;             // the video's frame rate
        std::size_t queue = 4;         // frames waiting for the worker before write() waits
    };
    static bool ffmpeg_available();
    // Checks the options (a video needs ffmpeg) and creates the PNG folder.
    static Result<std::unique_ptr<FrameRecorder>> open(Options options);
    ~FrameRecorder();
    FrameRecorder(const FrameRecorder&) = delete;
    FrameRecorder& operator=(const FrameRecorder&) = delete;

    // Queues `pixels` as frame `frame`. Returns the first error the worker met, if any.
    Result<void> write(std::uint64_t frame, Pixels&& pixels);
    // Waits for every queued frame and closes the video; the first error, if any. Idempotent.
    Result<void> finish();

    // Frames fully written (PNG and video) so far, and the first and last of them.
    std::uint64_t written() const;
    std::uint64_t first_written() const;
    std::uint64_t last_written() const;
    const Options& options() const { return options_; }
    // "frames/%05llu.png" and/or "out.mp4", as a person reads it.
    std::string describe() const;

private:
    explicit FrameRecorder(Options o) : options_(std::move(o)) {}
    void work();
    Result<void> write_one(std::uint64_t frame, const Pixels& px);

    Options options_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::pair<std::uint64_t, Pixels>> pending_;
    bool closing_ = false;
    std::string error_;
    std::uint64_t written_ = 0, first_ = 0, last_ = 0;
    std::thread worker_;
    // The worker's alone:
    std::FILE* ffmpeg_ = nullptr;
    std::uint32_t video_width_ = 0, video_height_ = 0;
    std::vector<std::uint8_t> bytes_;
};

}  // namespace loom::io
