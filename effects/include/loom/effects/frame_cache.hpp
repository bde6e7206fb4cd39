// loom/effects/frame_cache.hpp — FrameCache: the last `frames` frames of its input, showing the one
// `delay` frames ago (0: this frame; a fractional delay blends the two frames around it).
//
// Drive `delay` with an LFO to scrub back and forth through the recent past. The frames are kept
// at the input's size and format (frames x that much GPU memory); after a start, a resize or a new
// `frames` the cache fills up frame by frame, and a delay beyond what it holds shows the oldest
// frame it has.
#pragma once

#include <loom/effects/frame_ring.hpp>
#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class FrameCache final : public OperatorT<FrameCache> {
public:
    static constexpr const char* kTypeName = "FrameCache";

    FrameCache& frames(Drive<int> v) { frames_.set(v); return *this; }
    FrameCache& delay(Drive<float> v) { delay_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    bool depends_on_past() const override { return true; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<int> frames_{this, "frames", 30, 1, 128};
    Param<float> delay_{this, "delay", 10.0f, 0.0f, 127.0f};
    effects::FrameRing ring_;
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
