#include "core/gpu/upload_ring.hpp"

#include <algorithm>
#include <string>

#include "core/base/units.hpp"
#include "core/gpu/device.hpp"

namespace loom::gpu {

UploadRing::UploadRing(Device& device, VkDeviceSize slot_bytes) : device_(device), slot_bytes_(slot_bytes) {
    const auto& l = device.limits();
    min_alignment_ = std::max<VkDeviceSize>({16, l.minUniformBufferOffsetAlignment, l.minStorageBufferOffsetAlignment});
}

Result<void> UploadRing::ensure_buffer() {
    if (buffer_) return {};
    BufferDesc d;
    d.size = slot_bytes_ * device_.frames_in_flight();
    d.usage = VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT | VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT;
    d.domain = MemoryDomain::HostVisible;
    d.name = "upload-ring";
    d.owner = "loom";
    auto b = device_.create_buffer(d);
    if (!b) return b.error();
    buffer_ = std::move(*b);
    head_ = slot_ * slot_bytes_;
    return {};
}

void UploadRing::begin_frame(std::uint32_t slot) {
    slot_ = slot;
    head_ = VkDeviceSize(slot) * slot_bytes_;
}

Result<UploadRing::Slice> UploadRing::allocate(VkDeviceSize bytes, VkDeviceSize alignment, const char* who) {
    if (auto r = ensure_buffer(); !r) return r.error();
    const VkDeviceSize align = std::max(alignment, min_alignment_);
    // Offsets are absolute, so they stay aligned for a storage buffer covering the whole ring
    // when `alignment` divides the slot size (powers of two do).
    const VkDeviceSize start = (head_ + align - 1) / align * align;
    const VkDeviceSize end_of_slot = VkDeviceSize(slot_ + 1) * slot_bytes_;
    if (bytes > end_of_slot || start > end_of_slot - bytes)
        return make_error(std::string(who) + " needs " + format_bytes_exact(used() + bytes) +
                          " of per-frame data this frame, more than the " + format_bytes_exact(slot_bytes_) +
                          " a frame may upload. Fix: draw fewer objects or instances.");
    head_ = start + bytes;
    peak_ = std::max(peak_, used());
    return Slice{buffer_.mapped() + start, start, bytes};
}

}  // namespace loom::gpu
