// core/gpu/counters.hpp — counts of every Vulkan object Loom creates and destroys, and of the
// per-frame work that must stay constant (descriptor writes, submits, command buffers).
//
// Incremented by Device at the one place each object kind is created or destroyed, so nothing can
// bypass them. Stats takes a copy every frame and reports differences. Single-threaded.
#pragma once

#include <array>
#include <cstdint>

namespace loom::gpu {

enum class ObjectKind : std::uint8_t {
    Memory,
    Buffer,
    Image,
    ImageView,
    Sampler,
    ShaderModule,
    Pipeline,
    PipelineLayout,
    DescriptorSetLayout,
    DescriptorPool,
    DescriptorSet,
    CommandPool,
    Fence,
    Semaphore,
    QueryPool,
    PipelineCache,
    Swapchain,
    Count
};
inline constexpr std::size_t kObjectKindCount = static_cast<std::size_t>(ObjectKind::Count);

const char* object_kind_name(ObjectKind kind);

struct Counters {
    std::array<std::uint64_t, kObjectKindCount> created{};
    std::array<std::uint64_t, kObjectKindCount> destroyed{};
    std::uint64_t descriptor_writes = 0;
    std::uint64_t submits = 0;
    std::uint64_t command_buffers_begun = 0;
    std::uint64_t barriers = 0;       // image and buffer barriers recorded
    std::uint64_t barrier_calls = 0;  // vkCmdPipelineBarrier2 calls that carried them
    std::uint64_t draws = 0;
    std::uint64_t pipelines_compiled = 0;  // pipelines created (also counted as objects)

    void on_create(ObjectKind k) { ++created[static_cast<std::size_t>(k)]; }
    void on_destroy(ObjectKind k) { ++destroyed[static_cast<std::size_t>(k)]; }
    std::uint64_t live(ObjectKind k) const {
        return created[static_cast<std::size_t>(k)] - destroyed[static_cast<std::size_t>(k)];
    }
    std::uint64_t total_created() const;
    std::uint64_t total_destroyed() const;
    std::uint64_t total_live() const { return total_created() - total_destroyed(); }
};

}  // namespace loom::gpu
