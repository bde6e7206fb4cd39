// loom/effects/frame_ring.hpp — the last N frames of an input, for the temporal operators
// (FrameCache, TimeMachine, Echo). Engine side: projects use those operators instead.
//
// The frames live in one 2D array image of the input's size and format (a private scratch image
// of the operator, so a hot reload hands it over and a resize remakes it); each frame the input
// is copied into the next layer. Shaders read it with shaders/effects/frame_ring.glsl. After the
// ring is made (first frame, a resize, more frames than it has) it fills up frame by frame, and
// ages beyond what it holds read the oldest frame it has: no black start. The ring only grows:
// asking for fewer frames (a count driven every frame) keeps it and its frames; its memory comes
// back with a resize or when the operator goes.
#pragma once

#include <cstdint>
#include <string>

#include <loom/types.hpp>

namespace loom::gpu {
class Image;
}
namespace loom::graph {
class RecordContext;
}

namespace loom::effects {

class FrameRing {
public:
    // Copies input `input` of this frame into the ring (scratch image `scratch`), which holds at
    // least `frames` frames. Returns the ring, or nullptr when the image could not be made (the
    // operator has failed with the reason).
    gpu::Image* push(graph::RecordContext& ctx, std::uint32_t input, std::uint32_t frames, std::uint32_t scratch = 0);
    std::uint32_t head() const { return head_; }            // the layer of the newest frame
    std::uint32_t layers() const { return layers_; }        // the ring's size
    std::uint32_t available() const { return available_; }  // frames held, 1..layers() after push()

private:
    std::uint64_t cookie_ = 0;  // the ring image the counters belong to
    std::uint32_t head_ = 0;
    std::uint32_t available_ = 0;
    std::uint32_t layers_ = 0;
    // The size and format of the input the ring copies (another one: a resize). Not the input's
    // image: a history source's output is one of two images, alternating frame by frame.
    Extent input_extent_;
    std::int32_t input_format_ = 0;
    std::uint32_t label_frames_ = 0;
    std::string label_;  // the image's name
};

}  // namespace loom::effects
