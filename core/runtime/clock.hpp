// core/runtime/clock.hpp — frame time: fixed steps when headless, the wall clock in a window.
//
// Fixed step: frame N starts at time N / fps, whatever ran before, so any frame renders the same
// image on every run and a render can start at any frame. Wall clock: time since start().
#pragma once

#include <chrono>
#include <cstdint>

namespace loom::runtime {

class Clock {
public:
    Clock(double fps, bool fixed_step) : fps_(fps > 0 ? fps : 60.0), fixed_(fixed_step) {}

    // Moves to the next frame (the first call gives frame 0 at time 0).
    void advance() {
        const auto now = std::chrono::steady_clock::now();
        if (frame_ == UINT64_MAX) {
            frame_ = 0;
            start_ = now;
            last_ = now;
            time_ = 0.0;
            dt_ = fixed_ ? float(1.0 / fps_) : 0.0f;
            return;
        }
        ++frame_;
        if (fixed_) {
            time_ = double(frame_) / fps_;
            dt_ = float(1.0 / fps_);
        } else {
            time_ = std::chrono::duration<double>(now - start_).count();
            dt_ = float(std::chrono::duration<double>(now - last_).count());
        }
        last_ = now;
    }
    // Jumps so that the next advance() gives frame `frame` (for rendering a range).
    void seek(std::uint64_t frame) { frame_ = frame == 0 ? UINT64_MAX : frame - 1; }

    double time() const { return time_; }
    float dt() const { return dt_; }
    std::uint64_t frame() const { return frame_ == UINT64_MAX ? 0 : frame_; }
    double fps() const { return fps_; }
    bool fixed_step() const { return fixed_; }

private:
    double fps_;
    bool fixed_;
    std::uint64_t frame_ = UINT64_MAX;
    double time_ = 0.0;
    float dt_ = 0.0f;
    std::chrono::steady_clock::time_point start_{}, last_{};
};

}  // namespace loom::runtime
