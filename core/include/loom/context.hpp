// loom/context.hpp — what setup() and update() receive.
//
// time() is seconds since the start: the wall clock in a window, fixed 1/fps steps when headless
// (so frame N is the same image on every run). canvas() is the size operators without inputs
// render at by default (--size).
#pragma once

#include <cstdint>
#include <filesystem>
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
    // The project's folder, and a file in it: ctx.asset("models/bunny.obj").
    const std::filesystem::path& project_dir() const { return project_dir_; }
    std::filesystem::path asset(std::string_view relative) const { return project_dir_ / relative; }

    // Engine side.
    void set_chain(Chain* chain) { chain_ = chain; }
    void set_clock(double time, float dt, std::uint64_t frame) {
        time_ = time;
        dt_ = dt;
        frame_ = frame;
    }
    void set_canvas(Extent canvas) { canvas_ = canvas; }
    void set_project_dir(std::filesystem::path dir) { project_dir_ = std::move(dir); }

private:
    Chain* chain_ = nullptr;
    double time_ = 0.0;
    float dt_ = 0.0f;
    std::uint64_t frame_ = 0;
    Extent canvas_{};
    std::filesystem::path project_dir_;
};

}  // namespace loom
