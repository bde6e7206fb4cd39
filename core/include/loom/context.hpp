// loom/context.hpp — what setup() and update() receive.
//
// time() is seconds since the start: the wall clock in a window, fixed 1/fps steps when headless
// (so frame N is the same image on every run). canvas() is the size operators without inputs
// render at by default (--size).
#pragma once

#include <cstdint>
#include <string_view>

#include <loom/chain.hpp>
#include <loom/types.hpp>

namespace loom {

class Context {
public:
    Chain& chain() { return *chain_; }
    double time() const { return time_; }
    float dt() const { return dt_; }
    std::uint64_t frame() const { return frame_; }
    Extent canvas() const { return canvas_; }
    // One line in Loom's log, tagged as coming from the project.
    void log(std::string_view message) const;

    // Engine side.
    void set_chain(Chain* chain) { chain_ = chain; }
    void set_clock(double time, float dt, std::uint64_t frame) {
        time_ = time;
        dt_ = dt;
        frame_ = frame;
    }
    void set_canvas(Extent canvas) { canvas_ = canvas; }

private:
    Chain* chain_ = nullptr;
    double time_ = 0.0;
    float dt_ = 0.0f;
    std::uint64_t frame_ = 0;
    Extent canvas_{};
};

}  // namespace loom
