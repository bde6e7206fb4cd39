#include "core/runtime/stats.hpp"

#include <algorithm>
#include <cmath>

#include <spdlog/fmt/fmt.h>

#include "core/runtime/heap_counter.hpp"

namespace loom::runtime {

CounterSnapshot take_snapshot(const gpu::Counters& counters) {
    return CounterSnapshot{counters, HeapCounter::thread_allocations()};
}

FrameCounters FrameCounters::between(const CounterSnapshot& a, const CounterSnapshot& b) {
    FrameCounters f;
    f.objects_created = b.gpu.total_created() - a.gpu.total_created();
    f.objects_destroyed = b.gpu.total_destroyed() - a.gpu.total_destroyed();
    const auto ds = static_cast<std::size_t>(gpu::ObjectKind::DescriptorSet);
    f.descriptor_sets_allocated = b.gpu.created[ds] - a.gpu.created[ds];
    f.descriptor_writes = b.gpu.descriptor_writes - a.gpu.descriptor_writes;
    f.submits = b.gpu.submits - a.gpu.submits;
    f.command_buffers = b.gpu.command_buffers_begun - a.gpu.command_buffers_begun;
    f.heap_allocations = b.heap_allocations - a.heap_allocations;
    f.barriers = b.gpu.barriers - a.gpu.barriers;
    f.barrier_calls = b.gpu.barrier_calls - a.gpu.barrier_calls;
    f.draws = b.gpu.draws - a.gpu.draws;
    f.pipelines_created = b.gpu.pipelines_compiled - a.gpu.pipelines_compiled;
    return f;
}

std::string FrameCounters::to_string() const {
    return fmt::format(
        "objects created {} destroyed {}, descriptor sets {}, descriptor writes {}, submits {}, command buffers {}, "
        "heap allocations {}, barriers {} in {} calls, draws {}, pipelines {}",
        objects_created, objects_destroyed, descriptor_sets_allocated, descriptor_writes, submits, command_buffers,
        heap_allocations, barriers, barrier_calls, draws, pipelines_created);
}

Percentiles percentiles(std::vector<double> v) {
    Percentiles p;
    if (v.empty()) return p;
    std::sort(v.begin(), v.end());
    auto rank = [&](double q) {
        const auto i = static_cast<std::size_t>(std::ceil(q * double(v.size()))) ;
        return v[std::min(v.size() - 1, i == 0 ? 0 : i - 1)];
    };
    p.median = rank(0.5);
    p.p90 = rank(0.9);
    p.min = v.front();
    p.max = v.back();
    p.count = v.size();
    return p;
}

Stats::Stats(std::size_t capacity) : capacity_(capacity) {
    // resize + clear rather than reserve: it touches every page now, so filling the rings later
    // does not grow the resident set (which the leak watch would rightly report).
    for (auto* ring : {&frame_ms_, &cpu_ms_, &gpu_ms_}) {
        ring->resize(capacity);
        ring->clear();
    }
}

void Stats::record_frame(const FrameCounters& c, double frame_ms, double cpu_ms, double gpu_ms) {
    last_ = c;
    last_frame_ms_ = frame_ms;
    last_gpu_ms_ = gpu_ms;
    if (frame_ms_.size() < capacity_) {
        frame_ms_.push_back(frame_ms);
        cpu_ms_.push_back(cpu_ms);
        gpu_ms_.push_back(gpu_ms);
    } else {
        const std::size_t i = frames_ % capacity_;
        frame_ms_[i] = frame_ms;
        cpu_ms_[i] = cpu_ms;
        gpu_ms_[i] = gpu_ms;
    }
    ++frames_;
}

Percentiles Stats::over(const std::vector<double>& ring, std::size_t skip) const {
    // Once the ring has wrapped, the warm-up frames are gone already.
    if (frames_ > capacity_) skip = 0;
    skip = std::min(skip, ring.size());
    std::vector<double> v(ring.begin() + static_cast<std::ptrdiff_t>(skip), ring.end());
    // Negative samples mean "not measured" (GPU times arrive frames later; none on the first frames).
    v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return x < 0; }), v.end());
    return percentiles(std::move(v));
}

Percentiles Stats::frame_ms(std::size_t skip) const { return over(frame_ms_, skip); }
Percentiles Stats::cpu_ms(std::size_t skip) const { return over(cpu_ms_, skip); }
Percentiles Stats::gpu_ms(std::size_t skip) const { return over(gpu_ms_, skip); }

void Stats::clear() {
    frame_ms_.clear();
    cpu_ms_.clear();
    gpu_ms_.clear();
    frames_ = 0;
}

}  // namespace loom::runtime
