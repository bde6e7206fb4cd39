#include "core/gpu/pipeline_cache.hpp"

#include <cstring>

#include "core/base/hash.hpp"
#include "core/base/paths.hpp"

namespace loom::gpu {

namespace {
constexpr char kMagic[8] = {'L', 'O', 'O', 'M', 'P', 'C', '0', '1'};

struct Header {
    char magic[8];
    std::uint32_t vendor_id;
    std::uint32_t device_id;
    std::uint32_t driver_version;
    std::uint32_t reserved;
    std::uint8_t uuid[16];
    std::uint64_t data_size;
    std::uint64_t data_hash;
};
static_assert(sizeof(Header) == 56);
}  // namespace

std::vector<std::byte> wrap_pipeline_cache(const PipelineCacheIdentity& id, std::span<const std::byte> data) {
    Header h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.vendor_id = id.vendor_id;
    h.device_id = id.device_id;
    h.driver_version = id.driver_version;
    std::memcpy(h.uuid, id.uuid.data(), 16);
    h.data_size = data.size();
    h.data_hash = Hasher().bytes(data.data(), data.size()).value();
    std::vector<std::byte> out(sizeof h + data.size());
    std::memcpy(out.data(), &h, sizeof h);
    if (!data.empty()) std::memcpy(out.data() + sizeof h, data.data(), data.size());
    return out;
}

Result<std::span<const std::byte>> unwrap_pipeline_cache(const PipelineCacheIdentity& id,
                                                         std::span<const std::byte> file) {
    Header h{};
    if (file.size() < sizeof h) return make_error("pipeline cache file is truncated (" +
                                                  std::to_string(file.size()) + " bytes)");
    std::memcpy(&h, file.data(), sizeof h);
    if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) return make_error("not a Loom pipeline cache file");
    if (h.vendor_id != id.vendor_id || h.device_id != id.device_id)
        return make_error("pipeline cache was made on another device (vendor " + std::to_string(h.vendor_id) +
                          ", device " + std::to_string(h.device_id) + ")");
    if (h.driver_version != id.driver_version)
        return make_error("pipeline cache was made by another driver version (" +
                          std::to_string(h.driver_version) + ", this one is " +
                          std::to_string(id.driver_version) + ")");
    if (std::memcmp(h.uuid, id.uuid.data(), 16) != 0)
        return make_error("pipeline cache UUID differs from the driver's");
    if (h.data_size != file.size() - sizeof h)
        return make_error("pipeline cache data is truncated or padded");
    auto data = file.subspan(sizeof h);
    if (Hasher().bytes(data.data(), data.size()).value() != h.data_hash)
        return make_error("pipeline cache data is damaged (hash mismatch)");
    return data;
}

std::filesystem::path pipeline_cache_path(const PipelineCacheIdentity& id) {
    char name[64];
    std::snprintf(name, sizeof name, "pipelines-%04x-%04x.bin", id.vendor_id, id.device_id);
    return cache_dir() / name;
}

}  // namespace loom::gpu
