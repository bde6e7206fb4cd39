// `loom info`: Vulkan devices, the chosen one's memory heaps and types, budget and limits.
#include <cstdio>

#include "core/base/units.hpp"
#include "core/gpu/device.hpp"
#include "core/runtime/cli/cli.hpp"

namespace loom::cli {

int print_info(const std::string& gpu_text) {
    auto list = gpu::list_physical_devices();
    if (!list) {
        std::fprintf(stderr, "loom: %s\n", list.message().c_str());
        return kExitDevice;
    }
    std::printf("Vulkan devices:\n");
    for (const auto& d : *list)
        std::printf("  %u: %s (%s, Vulkan %u.%u, vendor 0x%04x device 0x%04x)%s%s\n", d.index, d.name.c_str(),
                    gpu::device_type_name(d.type), VK_API_VERSION_MAJOR(d.api_version),
                    VK_API_VERSION_MINOR(d.api_version), d.vendor_id, d.device_id, d.suitable ? "" : " — unusable: ",
                    d.suitable ? "" : d.unsuitable_reason.c_str());
    auto choice = gpu::GpuChoice::parse(gpu_text);
    if (!choice) {
        std::fprintf(stderr, "loom: %s\n", choice.message().c_str());
        return kExitUsage;
    }
    gpu::DeviceConfig cfg;
    cfg.gpu = *choice;
    cfg.pipeline_cache = false;
    auto dev_r = gpu::Device::create(cfg);
    if (!dev_r) {
        std::fprintf(stderr, "loom: %s\n", dev_r.message().c_str());
        return kExitDevice;
    }
    auto& dev = **dev_r;
    const auto& p = dev.properties();
    std::printf("\nChosen: %s (%s), driver version %u\n", p.deviceName, gpu::device_type_name(p.deviceType),
                p.driverVersion);
    const auto& mp = dev.allocator().memory_properties();
    std::printf("Memory heaps:\n");
    std::array<gpu::HeapBudget, VK_MAX_MEMORY_HEAPS> heaps;
    const std::uint32_t hn = dev.heap_budgets(heaps);
    for (std::uint32_t i = 0; i < hn; ++i) {
        std::printf("  heap %u: %s%s", i, format_bytes(heaps[i].size).c_str(),
                    heaps[i].device_local ? " device-local" : "");
        if (dev.has_memory_budget())
            std::printf(", budget %s, in use %s", format_bytes(heaps[i].budget).c_str(),
                        format_bytes(heaps[i].usage).c_str());
        std::printf("\n");
    }
    std::printf("Memory types:\n");
    for (std::uint32_t i = 0; i < mp.memoryTypeCount; ++i) {
        const auto f = mp.memoryTypes[i].propertyFlags;
        std::printf("  type %u (heap %u):%s%s%s%s\n", i, mp.memoryTypes[i].heapIndex,
                    f & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT ? " device-local" : "",
                    f & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT ? " host-visible" : "",
                    f & VK_MEMORY_PROPERTY_HOST_COHERENT_BIT ? " host-coherent" : "",
                    f & VK_MEMORY_PROPERTY_HOST_CACHED_BIT ? " host-cached" : "");
    }
    std::printf("VK_EXT_memory_budget: %s\n", dev.has_memory_budget() ? "yes" : "no");
    // Which way Render3D draws here (LOOM_RENDER3D=compute|forward overrides where the device allows).
    std::printf("64-bit buffer atomics: %s (Render3D draws %s)\n", dev.has_int64_atomics() ? "yes" : "no",
                dev.has_int64_atomics() && !dev.is_software() ? "with its compute rasterizer"
                                                              : "on the raster pipeline (forward)");
    std::printf("Loom host-visible budget: %s\n", format_bytes(dev.memory().host_visible_budget()).c_str());
    const auto& l = p.limits;
    std::printf("Limits: max image %u x %u, push constants %u bytes, timestamp period %.3f ns, "
                "max sampler anisotropy %.0f\n",
                l.maxImageDimension2D, l.maxImageDimension2D, l.maxPushConstantsSize, l.timestampPeriod,
                l.maxSamplerAnisotropy);
    return kExitOk;
}

}  // namespace loom::cli
