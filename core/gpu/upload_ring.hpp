// core/gpu/upload_ring.hpp — per-frame data the CPU writes and the GPU reads the same frame
// (camera, lights, per-object transforms and colours).
//
// One host-visible buffer (uniform, storage and transfer-source usage) split into one region per frame slot. Each
// frame begin_frame(slot) rewinds that slot's region — the GPU finished with it when the slot came
// round — and allocate() hands out aligned pieces of it: a pointer to write to and the offset to
// bind (a dynamic offset, or an index into a storage buffer covering the whole ring). So per-frame
// data never allocates, never creates and never writes descriptors: sets name the ring buffer
// once. The buffer is made on the first allocate() (2D-only chains never pay for it).
// Asking for more than a frame's region holds is an error naming who asked, the bytes and the
// capacity, never an overflow.
// Single-threaded (the frame loop's thread).
#pragma once

#include <cstddef>
#include <cstdint>

#include <vulkan/vulkan.h>

#include <loom/result.hpp>

#include "core/gpu/resources.hpp"

namespace loom::gpu {

class Device;

class UploadRing {
public:
    static constexpr VkDeviceSize kDefaultSlotBytes = 8ull << 20;

    struct Slice {
        std::byte* data = nullptr;
        VkDeviceSize offset = 0;  // from the start of buffer()
        VkDeviceSize size = 0;
    };

    explicit UploadRing(Device& device, VkDeviceSize slot_bytes = kDefaultSlotBytes);
    UploadRing(const UploadRing&) = delete;
    UploadRing& operator=(const UploadRing&) = delete;

    void begin_frame(std::uint32_t slot);
    // `alignment` is raised to the device's uniform/storage offset alignments.
    Result<Slice> allocate(VkDeviceSize bytes, VkDeviceSize alignment, const char* who);
    // The ring's buffer (created on first use); empty before.
    const Buffer& buffer() const { return buffer_; }
    Result<void> ensure_buffer();
    VkDeviceSize slot_bytes() const { return slot_bytes_; }
    VkDeviceSize used() const { return head_ - slot_ * slot_bytes_; }
    VkDeviceSize peak() const { return peak_; }

private:
    Device& device_;
    VkDeviceSize slot_bytes_;
    VkDeviceSize min_alignment_ = 16;
    Buffer buffer_;
    std::uint32_t slot_ = 0;
    VkDeviceSize head_ = 0;  // absolute offset of the next free byte
    VkDeviceSize peak_ = 0;
};

}  // namespace loom::gpu
