#include "core/gpu/deferred_deleter.hpp"

#include "core/base/assert.hpp"

namespace loom::gpu {

DeferredDeleter::DeferredDeleter(std::uint32_t frames_in_flight, DestroyFn destroy, void* user)
    : slots_(frames_in_flight), destroy_(destroy), user_(user) {
    LOOM_ASSERT(frames_in_flight >= 1, "at least one frame slot");
    // Room for a resize or reload worth of objects without growing on the way.
    for (auto& s : slots_) s.reserve(64);
}

void DeferredDeleter::retire(const Retired& object) { slots_[current_].push_back(object); }

void DeferredDeleter::destroy_slot(std::uint32_t slot) {
    auto& list = slots_[slot];
    // Index loop: destroying an object may retire another one (a view with its image).
    for (std::size_t i = 0; i < list.size(); ++i) destroy_(user_, list[i]);
    list.clear();
}

void DeferredDeleter::begin_frame(std::uint32_t slot) {
    LOOM_ASSERT(slot < slots_.size(), "frame slot out of range");
    current_ = slot;
    destroy_slot(slot);
}

void DeferredDeleter::flush_all() {
    const auto n = static_cast<std::uint32_t>(slots_.size());
    for (std::uint32_t k = 1; k <= n; ++k) destroy_slot((current_ + k) % n);
}

std::size_t DeferredDeleter::pending() const {
    std::size_t n = 0;
    for (const auto& s : slots_) n += s.size();
    return n;
}

}  // namespace loom::gpu
