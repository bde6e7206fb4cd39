// core/runtime/offline_render.hpp — rendering a range of frames deterministically.
//
// Frame N is rendered at time N / fps whatever range it is part of, so a long render can be
// split into ranges across machines and joined. A chain that reads previous frames (history,
// Feedback) is pre-rolled: frames 0..first-1 are rendered (not delivered) so frame `first`
// sees the same history as in a full run. update() must derive what it does from ctx.time()
// and ctx.frame() (not from its own counters) for the same to hold of project code.
#pragma once

#include <cstdint>

#include <loom/project.hpp>
#include <loom/result.hpp>

#include "core/base/function_ref.hpp"
#include "core/io/image_io.hpp"

namespace loom::runtime {

class Engine;

enum class Preroll : std::uint8_t { Auto, Always, Never };

struct RenderRange {
    std::uint64_t first = 0;
    std::uint64_t last = 0;  // inclusive
    Preroll preroll = Preroll::Auto;
};

// Calls `deliver(frame, pixels)` for every frame of the range, in order; stops at the first
// error (a compile error, an exception from update(), a readback, or `deliver`).
// `progress(done, total)` after each frame. Without a pre-roll, history starts black at `first`.
// `preroll(done, total)` after each pre-roll frame; when it returns false the render stops with
// an error ("interrupted during the pre-roll").
Result<void> render_range(Engine& engine, ProjectFn update, const RenderRange& range,
                          FunctionRef<Result<void>(std::uint64_t, const io::Pixels&)> deliver,
                          FunctionRef<void(std::uint64_t, std::uint64_t)> progress = {},
                          FunctionRef<bool(std::uint64_t, std::uint64_t)> preroll = {});

}  // namespace loom::runtime
