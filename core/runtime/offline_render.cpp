#include "core/runtime/offline_render.hpp"

#include "core/runtime/engine.hpp"

namespace loom::runtime {

Result<void> render_range(Engine& engine, ProjectFn update, const RenderRange& range,
                          FunctionRef<Result<void>(std::uint64_t, const io::Pixels&)> deliver,
                          FunctionRef<void(std::uint64_t, std::uint64_t)> progress,
                          FunctionRef<bool(std::uint64_t, std::uint64_t)> on_preroll) {
    if (range.last < range.first)
        return make_error("frame range " + std::to_string(range.first) + "-" + std::to_string(range.last) +
                          " is empty. Fix: give the first frame first, e.g. --frames 0-299.");
    // Offline, every problem is an error: a frame rendered from a stale chain (after a compile
    // error) or without its update() would not be the frame asked for.
    auto step = [&]() -> Result<void> {
        auto r = update ? engine.frame([&](Context& c) { update(c); }) : engine.frame();
        if (!r) return make_error("frame " + std::to_string(engine.clock().frame()) + ": " + r.message());
        return {};
    };
    // Frame 0 first: it compiles the chain, which says whether earlier frames are read (history,
    // rings of past frames, smoothed or toggled values).
    engine.clock().seek(0);
    if (auto r = step(); !r) return r;
    const auto* plan = engine.runtime().plan();
    const bool has_history = plan && plan->depends_on_past;
    const bool preroll = range.preroll == Preroll::Always || (range.preroll == Preroll::Auto && has_history);
    std::uint64_t next = 1;  // the frame the clock gives next
    if (range.first > 0 && !preroll) {
        engine.clock().seek(range.first);
        engine.restart_history();  // frame 0 must not leak into the range as its "previous frame"
        next = range.first;
    }
    const std::uint64_t total = range.last - range.first + 1;
    std::uint64_t done = 0;
    for (std::uint64_t f = range.first == 0 ? 0 : next; f <= range.last; ++f) {
        if (f != 0 || range.first != 0) {
            if (auto r = step(); !r) return r;
        }
        if (f < range.first) {  // pre-roll
            if (on_preroll && !on_preroll(f + 1, range.first)) return make_error("interrupted during the pre-roll");
            continue;
        }
        auto px = engine.read_output();
        if (!px) return px.error();
        if (auto r = deliver(f, *px); !r) return r;
        ++done;
        if (progress) progress(done, total);
    }
    return {};
}

}  // namespace loom::runtime
