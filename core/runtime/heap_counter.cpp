#include "core/runtime/heap_counter.hpp"

#include <malloc.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>

namespace loom::runtime {

namespace {
std::atomic<bool> g_available{false};
std::atomic<std::uint64_t> g_total{0};
thread_local std::uint64_t t_count = 0;
}  // namespace

namespace detail {
void heap_counter_mark_available() { g_available.store(true, std::memory_order_relaxed); }
void heap_counter_add() {
    ++t_count;
    g_total.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace detail

bool HeapCounter::available() { return g_available.load(std::memory_order_relaxed); }
std::uint64_t HeapCounter::thread_allocations() { return t_count; }
std::uint64_t HeapCounter::total_allocations() { return g_total.load(std::memory_order_relaxed); }

std::uint64_t heap_in_use_bytes() {
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

std::uint64_t rss_kib() {
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return 0;
    unsigned long long size = 0, resident = 0;
    const int n = std::fscanf(f, "%llu %llu", &size, &resident);
    std::fclose(f);
    if (n != 2) return 0;
    return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE)) / 1024;
}

}  // namespace loom::runtime
