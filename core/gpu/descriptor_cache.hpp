// core/gpu/descriptor_cache.hpp — descriptor sets made once per distinct set of bindings.
//
// A set is keyed by the cookies of its layout, its images and its samplers (never by handle
// values). The first get() for a key allocates and writes a set; later frames find it and write
// nothing — also when an operator switches between a few states (a Bloom radius animating over
// its levels, a Transform's wrap mode): every state's set stays until an image it names is
// retired (resized or destroyed), and end_frame() then retires those sets.
// A set no get() asked for in kMaxIdleFrames frames ages out too (checked every kSweepFrames),
// so an operator that binds ever-new combinations of live images (a switch over many inputs,
// editor thumbnails) cannot grow the cache without bound; coming back to an aged-out
// combination costs one allocation and write.
//
// Pools hold kSetsPerPool sets; a set is allocated from any pool with room, and a pool whose
// sets are all gone is retired (except the last), so churn does not pile up pools.
// Single-threaded.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include <vulkan/vulkan.h>

#include "core/gpu/device.hpp"
#include "core/gpu/resources.hpp"

namespace loom::gpu {

struct ImageBinding {
    Image* image = nullptr;
    SamplerKind sampler = SamplerKind::LinearClamp;
};

// One descriptor of a general set: an image (storage, or sampled with a sampler) or a buffer
// (uniform or storage, plain or dynamic; `range` bytes from offset 0, the rest through dynamic
// offsets when binding). Arrays take one entry per element.
struct Descriptor {
    VkDescriptorType type = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    std::uint32_t binding = 0;
    std::uint32_t element = 0;
    Image* image = nullptr;
    const Sampler* sampler = nullptr;  // combined image samplers
    const Buffer* buffer = nullptr;
    VkDeviceSize range = VK_WHOLE_SIZE;

    static Descriptor sampled(std::uint32_t binding, Image& image, const Sampler& sampler, std::uint32_t element = 0) {
        return {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, binding, element, &image, &sampler, nullptr, 0};
    }
    static Descriptor storage_image(std::uint32_t binding, Image& image) {
        return {VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, binding, 0, &image, nullptr, nullptr, 0};
    }
    static Descriptor buffer_of(VkDescriptorType type, std::uint32_t binding, const Buffer& buffer,
                                VkDeviceSize range = VK_WHOLE_SIZE) {
        return {type, binding, 0, nullptr, nullptr, &buffer, range};
    }
};

class DescriptorCache {
public:
    static constexpr std::uint32_t kMaxBindings = 16;
    static constexpr std::uint32_t kMaxDescriptors = 32;
    static constexpr std::uint32_t kSetsPerPool = 128;
    static constexpr std::uint64_t kMaxIdleFrames = 600;  // 10 s at 60 fps
    static constexpr std::uint64_t kSweepFrames = 60;

    explicit DescriptorCache(Device& device);
    ~DescriptorCache();
    DescriptorCache(const DescriptorCache&) = delete;
    DescriptorCache& operator=(const DescriptorCache&) = delete;

    // The set for a program's layout: `storage` as the storage image at binding 0 (general
    // layout), then `sampled` as combined image samplers at bindings 1..n.
    VkDescriptorSet get(VkDescriptorSetLayout layout, std::uint64_t layout_cookie, Image& storage,
                        std::span<const ImageBinding> sampled) {
        return get_impl(layout, layout_cookie, &storage, sampled);
    }
    // A set of combined image samplers only, at bindings 0..n-1 (the overlay's textures).
    VkDescriptorSet get_sampled(VkDescriptorSetLayout layout, std::uint64_t layout_cookie,
                                std::span<const ImageBinding> sampled) {
        return get_impl(layout, layout_cookie, nullptr, sampled);
    }
    // A set of any shape (descriptors in the order of `writes`, at most kMaxDescriptors).
    VkDescriptorSet get(VkDescriptorSetLayout layout, std::uint64_t layout_cookie, std::span<const Descriptor> writes);
    // Call once per frame: retires the sets that name images or buffers retired since the last
    // call, and (every kSweepFrames) the sets idle for more than kMaxIdleFrames.
    void end_frame();
    void clear();

    // The naive mode benches compare against (EngineConfig::naive): every get() allocates a new
    // set from the frame slot's own pools and writes it; begin_frame() (after the slot's fence)
    // resets that slot's pools. The cache itself is not used then.
    void set_uncached(bool on) { uncached_ = on; }
    void begin_frame(std::uint32_t slot);

    std::size_t size() const { return entries_.size(); }
    std::size_t pool_count() const { return pools_.size(); }
    std::uint64_t hits() const { return hits_; }
    std::uint64_t misses() const { return misses_; }
    std::uint64_t evictions() const { return evictions_; }
    std::uint64_t aged_out() const { return aged_out_; }

private:
    // Key: the layout's cookie, then per descriptor (type/binding/element, resource cookie,
    // sampler cookie).
    struct Entry {
        std::array<std::uint64_t, 1 + 3 * kMaxDescriptors> key{};
        std::uint32_t key_len = 0;
        VkDescriptorSet set = VK_NULL_HANDLE;
        std::uint32_t pool = 0;  // index into pools_
        std::uint64_t last_used = 0;  // frame_ of the last get() that found or made it
    };
    struct Pool {
        DescriptorPool pool;
        std::uint32_t live = 0;
    };
    VkDescriptorSet get_impl(VkDescriptorSetLayout layout, std::uint64_t layout_cookie, Image* storage,
                             std::span<const ImageBinding> sampled);
    VkDescriptorSet allocate(VkDescriptorSetLayout layout, std::uint32_t& pool_out);
    DescriptorPool make_pool(std::uint32_t sets, bool free_sets);
    VkDescriptorSet allocate_uncached(VkDescriptorSetLayout layout);
    void write(VkDescriptorSet set, std::span<const Descriptor> writes);
    void retire(const Entry& e);
    bool names_image(const Entry& e, const std::vector<std::uint64_t>& cookies) const;

    Device& device_;
    std::vector<Pool> pools_;
    std::unordered_map<std::uint64_t, Entry> entries_;
    std::uint64_t hits_ = 0, misses_ = 0, evictions_ = 0, aged_out_ = 0;
    std::uint64_t frame_ = 0;
    bool uncached_ = false;
    struct SlotPools {
        std::vector<DescriptorPool> pools;  // the last one has room
        std::uint64_t sets = 0;             // allocated since the last reset
    };
    std::vector<SlotPools> slot_pools_;
    std::uint32_t slot_ = 0;
};

}  // namespace loom::gpu
