#include "core/gpu/descriptor_cache.hpp"

#include <algorithm>

#include "core/base/assert.hpp"
#include "core/base/hash.hpp"
#include "core/gpu/vk.hpp"

namespace loom::gpu {

DescriptorCache::DescriptorCache(Device& device) : device_(device) {
    entries_.reserve(256);
    device_.retired_resources().clear();  // cookies retired before this cache existed name no set
}

DescriptorCache::~DescriptorCache() { clear(); }

void DescriptorCache::retire(const Entry& e) {
    Pool& p = pools_[e.pool];
    device_.retire(Retired{ObjectKind::DescriptorSet, handle_bits(e.set), handle_bits(p.pool.get()), 0});
    LOOM_ASSERT(p.live > 0, "descriptor pool count underflow");
    --p.live;
}

void DescriptorCache::clear() {
    for (auto& [k, e] : entries_) retire(e);
    entries_.clear();
    pools_.clear();  // retired after the sets, so the sets are freed first
    for (SlotPools& sp : slot_pools_)
        for (std::uint64_t i = 0; i < sp.sets; ++i) device_.counters().on_destroy(ObjectKind::DescriptorSet);
    slot_pools_.clear();  // their sets go with them
}

DescriptorPool DescriptorCache::make_pool(std::uint32_t sets, bool free_sets) {
    VkDescriptorPoolSize sizes[] = {
        {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, sets * kMaxBindings},
        {VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER_DYNAMIC, sets},
        {VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, sets * 2},
        {VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, sets},
        {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, sets},
        {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER_DYNAMIC, sets},
    };
    VkDescriptorPoolCreateInfo ci{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    ci.flags = free_sets ? VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT : 0;
    ci.maxSets = sets;
    ci.poolSizeCount = static_cast<std::uint32_t>(std::size(sizes));
    ci.pPoolSizes = sizes;
    return device_.create_descriptor_pool(ci, free_sets ? "descriptor-cache" : "descriptor-cache.naive");
}

void DescriptorCache::begin_frame(std::uint32_t slot) {
    slot_ = slot;
    if (slot_ >= slot_pools_.size()) return;
    SlotPools& sp = slot_pools_[slot_];
    for (DescriptorPool& p : sp.pools) LOOM_VK_CHECK(vkResetDescriptorPool(device_.vk(), p.get(), 0));
    for (std::uint64_t i = 0; i < sp.sets; ++i) device_.counters().on_destroy(ObjectKind::DescriptorSet);
    sp.sets = 0;
    // The slot's pools stay: its next frame needs as many.
}

VkDescriptorSet DescriptorCache::allocate_uncached(VkDescriptorSetLayout layout) {
    if (slot_ >= slot_pools_.size()) slot_pools_.resize(slot_ + 1);
    SlotPools& sp = slot_pools_[slot_];
    for (DescriptorPool& p : sp.pools)
        if (VkDescriptorSet s = device_.allocate_descriptor_set(p.get(), layout)) {
            ++sp.sets;
            return s;
        }
    sp.pools.push_back(make_pool(kSetsPerPool * 4, false));
    VkDescriptorSet s = device_.allocate_descriptor_set(sp.pools.back().get(), layout);
    LOOM_ASSERT(s != VK_NULL_HANDLE, "a fresh descriptor pool must hold one set");
    ++sp.sets;
    return s;
}

VkDescriptorSet DescriptorCache::allocate(VkDescriptorSetLayout layout, std::uint32_t& pool_out) {
    // Any pool with room; the driver may still refuse (fragmentation), then try the next.
    for (std::uint32_t i = 0; i < pools_.size(); ++i) {
        if (pools_[i].live >= kSetsPerPool) continue;
        if (VkDescriptorSet s = device_.allocate_descriptor_set(pools_[i].pool.get(), layout)) {
            ++pools_[i].live;
            pool_out = i;
            return s;
        }
    }
    pools_.push_back(Pool{make_pool(kSetsPerPool, true), 0});
    pool_out = static_cast<std::uint32_t>(pools_.size() - 1);
    VkDescriptorSet s = device_.allocate_descriptor_set(pools_.back().pool.get(), layout);
    LOOM_ASSERT(s != VK_NULL_HANDLE, "a fresh descriptor pool must hold one set");
    ++pools_.back().live;
    return s;
}

VkDescriptorSet DescriptorCache::get_impl(VkDescriptorSetLayout layout, std::uint64_t layout_cookie, Image* storage,
                                          std::span<const ImageBinding> sampled) {
    LOOM_ASSERT(sampled.size() < kMaxBindings, "too many bindings for one set");
    std::array<Descriptor, kMaxBindings> writes;
    std::uint32_t n = 0;
    if (storage) writes[n++] = Descriptor::storage_image(0, *storage);
    for (const ImageBinding& b : sampled) {
        LOOM_ASSERT(b.image, "binding an empty image");
        writes[n] = Descriptor::sampled(n, *b.image, device_.sampler_ref(b.sampler));
        ++n;
    }
    return get(layout, layout_cookie, std::span<const Descriptor>(writes.data(), n));
}

VkDescriptorSet DescriptorCache::get(VkDescriptorSetLayout layout, std::uint64_t layout_cookie,
                                     std::span<const Descriptor> writes_in) {
    LOOM_ASSERT(writes_in.size() <= kMaxDescriptors, "too many descriptors for one set");
    for (const Descriptor& d : writes_in)
        LOOM_ASSERT(d.image ? bool(*d.image) : (d.buffer && *d.buffer), "binding an empty image or buffer");
    if (uncached_) {
        VkDescriptorSet set = allocate_uncached(layout);
        write(set, writes_in);
        return set;
    }
    Entry probe;
    probe.key[0] = layout_cookie;
    probe.key_len = 1;
    for (const Descriptor& d : writes_in) {
        probe.key[probe.key_len++] = std::uint64_t(d.type) << 48 | std::uint64_t(d.binding) << 24 | d.element;
        probe.key[probe.key_len++] = d.image ? d.image->cookie() : d.buffer->cookie();
        probe.key[probe.key_len++] = d.sampler ? d.sampler->cookie() : d.range;
    }
    Hasher h;
    h.bytes(probe.key.data(), probe.key_len * sizeof(std::uint64_t));
    const std::uint64_t hash = h.value();

    auto it = entries_.find(hash);
    if (it != entries_.end() && it->second.key_len == probe.key_len &&
        std::equal(probe.key.begin(), probe.key.begin() + probe.key_len, it->second.key.begin())) {
        ++hits_;
        it->second.last_used = frame_;
        return it->second.set;
    }
    ++misses_;
    if (it != entries_.end()) {  // 64-bit hash collision: replace the old entry
        retire(it->second);
        entries_.erase(it);
    }
    probe.set = allocate(layout, probe.pool);

    write(probe.set, writes_in);
    VkDescriptorSet set = probe.set;
    probe.last_used = frame_;
    entries_.emplace(hash, probe);
    return set;
}

void DescriptorCache::write(VkDescriptorSet set, std::span<const Descriptor> writes_in) {
    std::array<VkDescriptorImageInfo, kMaxDescriptors> images{};
    std::array<VkDescriptorBufferInfo, kMaxDescriptors> buffers{};
    std::array<VkWriteDescriptorSet, kMaxDescriptors> writes{};
    const auto n = static_cast<std::uint32_t>(writes_in.size());
    for (std::uint32_t i = 0; i < n; ++i) {
        const Descriptor& d = writes_in[i];
        VkWriteDescriptorSet& w = writes[i];
        w = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        w.dstSet = set;
        w.dstBinding = d.binding;
        w.dstArrayElement = d.element;
        w.descriptorCount = 1;
        w.descriptorType = d.type;
        if (d.image) {
            const bool storage = d.type == VK_DESCRIPTOR_TYPE_STORAGE_IMAGE;
            images[i] = {d.sampler ? d.sampler->get() : VK_NULL_HANDLE, d.image->view(),
                         storage ? VK_IMAGE_LAYOUT_GENERAL : VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
            w.pImageInfo = &images[i];
        } else {
            buffers[i] = {d.buffer->get(), 0, d.range};
            w.pBufferInfo = &buffers[i];
        }
    }
    device_.write_descriptors(writes.data(), n);
}

bool DescriptorCache::names_image(const Entry& e, const std::vector<std::uint64_t>& cookies) const {
    // Resource cookies sit at indices 2, 5, 8, ...
    for (std::uint32_t i = 2; i < e.key_len; i += 3)
        if (std::binary_search(cookies.begin(), cookies.end(), e.key[i])) return true;
    return false;
}

void DescriptorCache::end_frame() {
    ++frame_;
    auto& retired = device_.retired_resources();
    const bool sweep = frame_ % kSweepFrames == 0 && frame_ > kMaxIdleFrames;
    if (retired.empty() && !sweep) return;  // the steady state: nothing to do
    std::sort(retired.begin(), retired.end());
    const std::uint64_t oldest = sweep ? frame_ - kMaxIdleFrames : 0;
    for (auto it = entries_.begin(); it != entries_.end();) {
        const bool dead = !retired.empty() && names_image(it->second, retired);
        const bool idle = it->second.last_used < oldest;
        if (dead || idle) {
            retire(it->second);
            it = entries_.erase(it);
            ++(dead ? evictions_ : aged_out_);
        } else {
            ++it;
        }
    }
    retired.clear();
    // Empty pools go too, but the last one stays for the next sets. Sets reference pools by
    // index: only a trailing run of empty pools can be dropped without renumbering.
    while (pools_.size() > 1 && pools_.back().live == 0) pools_.pop_back();
}

}  // namespace loom::gpu
