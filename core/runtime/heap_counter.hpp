// core/runtime/heap_counter.hpp — counts C++ heap allocations (operator new) per thread.
//
// The counting operator new lives in heap_counter_hook.cpp, which test, bench and `loom` programs
// link in (target loom_heap_counter). Without it, available() is false and the counts stay 0.
// Sanitizer builds leave it out so ASan keeps its own operator new.
#pragma once

#include <cstdint>

namespace loom::runtime {

struct HeapCounter {
    // True when the counting operator new is linked into this program.
    static bool available();
    // Allocations made by the calling thread so far.
    static std::uint64_t thread_allocations();
    // Allocations made by all threads so far.
    static std::uint64_t total_allocations();
};

// Bytes the C allocator holds for the program (mallinfo2().uordblks).
std::uint64_t heap_in_use_bytes();
// Resident set size of this process in KiB (/proc/self/statm), 0 if unknown.
std::uint64_t rss_kib();

namespace detail {
void heap_counter_mark_available();
void heap_counter_add();
}  // namespace detail

}  // namespace loom::runtime
