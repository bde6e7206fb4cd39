// core/gpu/pipeline_cache.hpp — the on-disk format of Loom's persisted VkPipelineCache.
//
// The file is a small header followed by the driver's cache data. The header names the device it
// was made on (vendor id, device id, driver version, pipelineCacheUUID) and the data's size and
// hash. A file made by another device or driver, or damaged, is refused with a reason and Loom
// starts with an empty cache: feeding a driver a foreign cache is undefined behaviour on some
// drivers even though the spec asks them to check.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include <loom/result.hpp>

namespace loom::gpu {

struct PipelineCacheIdentity {
    std::uint32_t vendor_id = 0;
    std::uint32_t device_id = 0;
    std::uint32_t driver_version = 0;
    std::array<std::uint8_t, 16> uuid{};
};

std::vector<std::byte> wrap_pipeline_cache(const PipelineCacheIdentity& id, std::span<const std::byte> data);

// Returns the driver data inside `file` when it was written for `id`; otherwise an error saying
// what differs.
Result<std::span<const std::byte>> unwrap_pipeline_cache(const PipelineCacheIdentity& id,
                                                         std::span<const std::byte> file);

std::filesystem::path pipeline_cache_path(const PipelineCacheIdentity& id);

}  // namespace loom::gpu
