// core/gpu/samplers.cpp — samplers made once per distinct state and shared by everything.
#include "core/gpu/device.hpp"
#include "core/gpu/vk.hpp"

namespace loom::gpu {

std::uint64_t SamplerDesc::key() const {
    std::uint32_t aniso = 0;
    static_assert(sizeof aniso == sizeof max_anisotropy);
    __builtin_memcpy(&aniso, &max_anisotropy, sizeof aniso);
    return std::uint64_t(filter) | std::uint64_t(mip) << 4 | std::uint64_t(address) << 8 |
           std::uint64_t(border) << 12 | std::uint64_t(compare) << 16 | std::uint64_t(compare_op) << 20 |
           std::uint64_t(aniso) << 32;
}

const char* sampler_kind_name(SamplerKind kind) {
    switch (kind) {
        case SamplerKind::LinearClamp: return "linear-clamp";
        case SamplerKind::NearestClamp: return "nearest-clamp";
        case SamplerKind::LinearRepeat: return "linear-repeat";
        case SamplerKind::LinearMirror: return "linear-mirror";
        case SamplerKind::LinearBorder: return "linear-border";
        case SamplerKind::ShadowCompare: return "shadow-compare";
        case SamplerKind::Count: break;
    }
    return "?";
}

SamplerDesc sampler_desc(SamplerKind kind) {
    SamplerDesc d;
    switch (kind) {
        case SamplerKind::LinearClamp: break;
        case SamplerKind::NearestClamp: d.filter = VK_FILTER_NEAREST; break;
        case SamplerKind::LinearRepeat: d.address = VK_SAMPLER_ADDRESS_MODE_REPEAT; break;
        case SamplerKind::LinearMirror: d.address = VK_SAMPLER_ADDRESS_MODE_MIRRORED_REPEAT; break;
        case SamplerKind::LinearBorder: d.address = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_BORDER; break;
        case SamplerKind::ShadowCompare:
            d.address = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_BORDER;
            d.border = VK_BORDER_COLOR_FLOAT_OPAQUE_WHITE;  // depth 1 outside the map: lit
            d.compare = true;
            d.compare_op = VK_COMPARE_OP_LESS_OR_EQUAL;
            break;
        case SamplerKind::Count: break;
    }
    return d;
}

const Sampler& Device::sampler(const SamplerDesc& d) {
    const std::uint64_t key = d.key();
    if (auto it = sampler_cache_.find(key); it != sampler_cache_.end()) return it->second;
    VkSamplerCreateInfo si{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
    si.magFilter = si.minFilter = d.filter;
    si.mipmapMode = d.mip;
    si.addressModeU = si.addressModeV = si.addressModeW = d.address;
    si.borderColor = d.border;
    si.compareEnable = d.compare ? VK_TRUE : VK_FALSE;
    si.compareOp = d.compare ? d.compare_op : VK_COMPARE_OP_ALWAYS;
    si.anisotropyEnable = d.max_anisotropy > 0.0f ? VK_TRUE : VK_FALSE;
    si.maxAnisotropy = d.max_anisotropy > 0.0f ? d.max_anisotropy : 1.0f;
    si.maxLod = VK_LOD_CLAMP_NONE;
    VkSampler handle = VK_NULL_HANDLE;
    LOOM_VK_CHECK(vkCreateSampler(device_, &si, nullptr, &handle));
    counters_.on_create(ObjectKind::Sampler);
    set_name(VK_OBJECT_TYPE_SAMPLER, handle_bits(handle), "sampler");
    return sampler_cache_.emplace(key, Sampler(this, handle)).first->second;
}

}  // namespace loom::gpu
