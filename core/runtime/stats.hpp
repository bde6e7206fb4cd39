// core/runtime/stats.hpp — per-frame counters and frame-time statistics.
//
// A CounterSnapshot is taken at the start and end of every frame; their difference is the frame's
// FrameCounters (objects created/destroyed, descriptor sets allocated, descriptor writes, submits,
// command buffers, heap allocations on the frame thread, barriers, draws). Tests assert on those;
// the stats line reports the frame times' median and p90.
// Sampling is allocation-free (rings sized at construction); summaries sort a copy.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/gpu/counters.hpp"

namespace loom::runtime {

struct CounterSnapshot {
    gpu::Counters gpu;
    std::uint64_t heap_allocations = 0;  // frame thread only
};

CounterSnapshot take_snapshot(const gpu::Counters& counters);

struct FrameCounters {
    std::uint64_t objects_created = 0;
    std::uint64_t objects_destroyed = 0;
    std::uint64_t descriptor_sets_allocated = 0;
    std::uint64_t descriptor_writes = 0;
    std::uint64_t submits = 0;
    std::uint64_t command_buffers = 0;
    std::uint64_t heap_allocations = 0;
    std::uint64_t barriers = 0;
    std::uint64_t barrier_calls = 0;  // vkCmdPipelineBarrier2 calls (batches)
    std::uint64_t draws = 0;
    std::uint64_t pipelines_created = 0;

    static FrameCounters between(const CounterSnapshot& before, const CounterSnapshot& after);
    std::string to_string() const;
};

struct Percentiles {
    double median = 0.0;
    double p90 = 0.0;
    double min = 0.0;
    double max = 0.0;
    std::size_t count = 0;
};

// Median and p90 of `samples` (nearest-rank); empty input gives zeros.
Percentiles percentiles(std::vector<double> samples);

class Stats {
public:
    explicit Stats(std::size_t capacity = 1 << 16);

    void record_frame(const FrameCounters& counters, double frame_ms, double cpu_ms, double gpu_ms);
    const FrameCounters& last() const { return last_; }
    std::uint64_t frames() const { return frames_; }
    double last_frame_ms() const { return last_frame_ms_; }
    double last_gpu_ms() const { return last_gpu_ms_; }

    // Over the frames still in the ring; `skip` leaves out the first frames (warm-up).
    Percentiles frame_ms(std::size_t skip = 0) const;
    Percentiles cpu_ms(std::size_t skip = 0) const;
    Percentiles gpu_ms(std::size_t skip = 0) const;
    void clear();

private:
    Percentiles over(const std::vector<double>& ring, std::size_t skip) const;
    std::size_t capacity_;
    std::vector<double> frame_ms_, cpu_ms_, gpu_ms_;
    std::uint64_t frames_ = 0;
    FrameCounters last_;
    double last_frame_ms_ = 0.0, last_gpu_ms_ = 0.0;
};

}  // namespace loom::runtime
