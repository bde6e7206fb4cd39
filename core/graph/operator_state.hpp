// core/graph/operator_state.hpp — the engine-side state of one operator (images, programs, timings).
//
// Owned by the Operator (through a unique_ptr its public header cannot see into), created with it,
// and filled in by the ChainRuntime. Images retire through the Device when replaced or destroyed.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include <loom/operator.hpp>
#include <loom/types.hpp>

#include "core/gpu/resources.hpp"

namespace loom::graph {

struct OperatorState {
    gpu::Image output;
    gpu::Image history;         // the previous frame's output, when something reads it
    bool history_valid = false; // false: cleared to black before use (first frame, after a resize)
    // An operator's private images (blur's middle pass, bloom levels). A deque, so growing it
    // never moves the images a recording operator already holds pointers to.
    std::deque<gpu::Image> scratch;

    bool created = false;  // create() has run (successfully or not)
    std::string error;     // empty when the operator works
    // The error came from record() (an image over the budget, say): it is tried again when a
    // parameter changes (params_signature() differs from the one it failed with).
    bool failed_recording = false;
    std::uint64_t failed_signature = 0;
    std::string last_record_error;  // the last one logged
    Extent extent{};       // planned by the last successful compile
    Format format = Format::RGBA16F;

    // Timings of the last completed frame this operator ran in.
    double cpu_record_ms = 0.0;
    double gpu_ms = 0.0;
    // Its passes' GPU times, where the operator names them (RecordContext::gpu_section): each
    // from the end of the previous section (or the operator's start) to the section's end.
    struct GpuSection {
        const char* label = nullptr;
        double ms = 0.0;
    };
    static constexpr std::uint32_t kMaxGpuSections = 6;
    std::array<GpuSection, kMaxGpuSections> gpu_sections{};
    std::uint32_t gpu_section_count = 0;
    // Bytes the operator's compute dispatches touched in the frame it last recorded: each
    // distinct image a dispatch samples read once and its target written once. An estimate of
    // what the pass must move (a shader reading part of an input moves less; one that also reads
    // its target, more). Benches divide it by gpu_ms.
    std::uint64_t dispatch_bytes = 0;
    std::uint64_t frames_recorded = 0;
};

// A hash of every parameter's current value (no allocation): a change of any of them changes it.
std::uint64_t params_signature(const Operator& op);

}  // namespace loom::graph
