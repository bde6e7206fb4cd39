// effects/src/frame_ring.hpp — what the temporal operators' .cpp files share about the ring.
#pragma once

#include <cstdint>

#include <loom/effects/frame_ring.hpp>

namespace loom::effects {

// The push-constant members every ring shader ends with (after its own members).
struct RingPush {
    std::int32_t head;
    std::int32_t layers;
    std::int32_t available;
};

inline RingPush ring_push(const FrameRing& ring) {
    return {static_cast<std::int32_t>(ring.head()), static_cast<std::int32_t>(ring.layers()),
            static_cast<std::int32_t>(ring.available())};
}

}  // namespace loom::effects
