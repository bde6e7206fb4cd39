// core/gpu/device.cpp
//
// Sections:
//   1. GpuChoice, device listing and suitability
//   2. ValidationLog and the debug messenger
//   3. Device creation
//   4. Resources (images, buffers) and plain objects
//   5. Destruction (deferred deleter callback), pipeline cache persistence
#include "core/gpu/device.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

#include <spdlog/spdlog.h>

#include "core/base/assert.hpp"
#include "core/base/paths.hpp"
#include "core/base/units.hpp"
#include "core/gpu/format.hpp"
#include "core/gpu/pipeline_cache.hpp"
#include "core/gpu/vk.hpp"

namespace loom::gpu {

// ---------------------------------------------------------------------------------------------
// 1. GpuChoice, device listing and suitability
// ---------------------------------------------------------------------------------------------

Result<GpuChoice> GpuChoice::parse(std::string_view t) {
    if (t.empty() || t == "auto") return GpuChoice{Kind::Auto, 0};
    if (t == "software" || t == "cpu" || t == "lavapipe") return GpuChoice{Kind::Software, 0};
    std::uint32_t index = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), index);
    if (ec == std::errc() && p == t.data() + t.size()) return GpuChoice{Kind::Index, index};
    return make_error("--gpu '" + std::string(t) +
                      "' is not a device choice. Fix: use 'auto', 'software', or a device index from `loom info`.");
}

const char* device_type_name(VkPhysicalDeviceType t) {
    switch (t) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete GPU";
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated GPU";
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual GPU";
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return "CPU (software)";
        default: return "other";
    }
}

namespace {

std::string version_string(std::uint32_t v) {
    return std::to_string(VK_API_VERSION_MAJOR(v)) + "." + std::to_string(VK_API_VERSION_MINOR(v)) + "." +
           std::to_string(VK_API_VERSION_PATCH(v));
}

// Fills `info` and says whether Loom can run on the device; sets `family` to a graphics queue.
bool check_device(VkPhysicalDevice pd, std::uint32_t index, PhysicalDeviceInfo& info, std::uint32_t& family) {
    VkPhysicalDeviceProperties p;
    vkGetPhysicalDeviceProperties(pd, &p);
    info.index = index;
    info.name = p.deviceName;
    info.type = p.deviceType;
    info.api_version = p.apiVersion;
    info.driver_version = p.driverVersion;
    info.vendor_id = p.vendorID;
    info.device_id = p.deviceID;
    info.suitable = false;
    if (p.apiVersion < VK_API_VERSION_1_3) {
        info.unsuitable_reason = "supports Vulkan " + version_string(p.apiVersion) + ", Loom needs 1.3";
        return false;
    }
    std::uint32_t n = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(pd, &n, nullptr);
    std::vector<VkQueueFamilyProperties> fams(n);
    vkGetPhysicalDeviceQueueFamilyProperties(pd, &n, fams.data());
    bool found = false;
    for (std::uint32_t i = 0; i < n; ++i) {
        const auto want = VK_QUEUE_GRAPHICS_BIT | VK_QUEUE_COMPUTE_BIT;
        if ((fams[i].queueFlags & want) == want) {
            family = i;
            found = true;
            break;
        }
    }
    if (!found) {
        info.unsuitable_reason = "has no graphics+compute queue";
        return false;
    }
    VkPhysicalDeviceVulkan13Features f13{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
    VkPhysicalDeviceFeatures2 f2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &f13};
    vkGetPhysicalDeviceFeatures2(pd, &f2);
    if (!f13.dynamicRendering || !f13.synchronization2) {
        info.unsuitable_reason = "lacks dynamicRendering or synchronization2";
        return false;
    }
    if (!f2.features.shaderStorageImageWriteWithoutFormat) {
        info.unsuitable_reason = "lacks shaderStorageImageWriteWithoutFormat";
        return false;
    }
    info.suitable = true;
    return true;
}

int type_rank(VkPhysicalDeviceType t) {
    switch (t) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 0;
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 1;
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return 4;
        default: return 3;
    }
}

Result<VkInstance> create_instance(bool validation, bool sync_validation, bool& debug_utils,
                                   const std::vector<std::string>& extra = {}) {
    std::uint32_t n = 0;
    vkEnumerateInstanceExtensionProperties(nullptr, &n, nullptr);
    std::vector<VkExtensionProperties> exts(n);
    vkEnumerateInstanceExtensionProperties(nullptr, &n, exts.data());
    auto has_ext = [&](const char* name) {
        return std::any_of(exts.begin(), exts.end(), [&](auto& e) { return std::strcmp(e.extensionName, name) == 0; });
    };
    std::vector<const char*> enabled;
    debug_utils = has_ext(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    if (debug_utils) enabled.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    for (const std::string& e : extra) {
        if (!has_ext(e.c_str()))
            return make_error("the Vulkan loader lacks " + e + ", which the window needs. Fix: run with --headless, "
                              "or install the Vulkan WSI support of your display system.");
        enabled.push_back(e.c_str());
    }

    std::vector<const char*> layers;
    constexpr const char* kValidation = "VK_LAYER_KHRONOS_validation";
    VkValidationFeaturesEXT features{VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT};
    const VkValidationFeatureEnableEXT sync_feature = VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT;
    if (validation) {
        vkEnumerateInstanceLayerProperties(&n, nullptr);
        std::vector<VkLayerProperties> props(n);
        vkEnumerateInstanceLayerProperties(&n, props.data());
        bool have = std::any_of(props.begin(), props.end(),
                                [&](auto& l) { return std::strcmp(l.layerName, kValidation) == 0; });
        if (!have)
            return make_error(std::string("validation was asked for but ") + kValidation +
                              " is not installed. Fix: apt-get install vulkan-validationlayers, or run "
                              "without --validate.");
        if (!debug_utils)
            return make_error("validation needs VK_EXT_debug_utils, which this Vulkan loader lacks");
        layers.push_back(kValidation);
        if (sync_validation) {
            features.enabledValidationFeatureCount = 1;
            features.pEnabledValidationFeatures = &sync_feature;
        }
    }

    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "loom";
    app.pEngineName = "loom";
    app.engineVersion = VK_MAKE_API_VERSION(0, 0, 1, 0);
    app.apiVersion = VK_API_VERSION_1_3;
    VkInstanceCreateInfo ci{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    ci.pApplicationInfo = &app;
    ci.enabledExtensionCount = static_cast<std::uint32_t>(enabled.size());
    ci.ppEnabledExtensionNames = enabled.data();
    ci.enabledLayerCount = static_cast<std::uint32_t>(layers.size());
    ci.ppEnabledLayerNames = layers.data();
    if (validation && sync_validation) ci.pNext = &features;
    VkInstance instance = VK_NULL_HANDLE;
    VkResult r = vkCreateInstance(&ci, nullptr, &instance);
    if (r != VK_SUCCESS)
        return make_error(std::string("could not create a Vulkan 1.3 instance (") + vk_result_name(r) +
                          "). Fix: install a Vulkan driver; with no GPU, apt-get install mesa-vulkan-drivers "
                          "gives lavapipe.");
    return instance;
}

}  // namespace

Result<std::vector<PhysicalDeviceInfo>> list_physical_devices() {
    bool debug_utils = false;
    auto inst = create_instance(false, false, debug_utils);
    if (!inst) return inst.error();
    std::uint32_t n = 0;
    vkEnumeratePhysicalDevices(*inst, &n, nullptr);
    std::vector<VkPhysicalDevice> pds(n);
    vkEnumeratePhysicalDevices(*inst, &n, pds.data());
    std::vector<PhysicalDeviceInfo> out(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        std::uint32_t family = 0;
        check_device(pds[i], i, out[i], family);
    }
    vkDestroyInstance(*inst, nullptr);
    return out;
}

// ---------------------------------------------------------------------------------------------
// 2. ValidationLog and the debug messenger
// ---------------------------------------------------------------------------------------------

void ValidationLog::add(VkDebugUtilsMessageSeverityFlagBitsEXT severity, const char* message) {
    if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT)
        ++errors_;
    else
        ++warnings_;
    std::lock_guard lock(mutex_);
    if (recent_.size() >= 32) recent_.erase(recent_.begin());
    recent_.emplace_back(message);
}

std::vector<std::string> ValidationLog::recent() const {
    std::lock_guard lock(mutex_);
    return recent_;
}

void ValidationLog::clear() {
    std::lock_guard lock(mutex_);
    recent_.clear();
    errors_ = 0;
    warnings_ = 0;
}

namespace {
VKAPI_ATTR VkBool32 VKAPI_CALL debug_callback(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                              VkDebugUtilsMessageTypeFlagsEXT,
                                              const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
    auto* log = static_cast<ValidationLog*>(user);
    const char* msg = data && data->pMessage ? data->pMessage : "(no message)";
    if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT)
        spdlog::error("vulkan: {}", msg);
    else
        spdlog::warn("vulkan: {}", msg);
    log->add(severity, msg);
    return VK_FALSE;
}
}  // namespace

// ---------------------------------------------------------------------------------------------
// 3. Device creation
// ---------------------------------------------------------------------------------------------

Result<std::unique_ptr<Device>> Device::create(const DeviceConfig& config_in) {
    DeviceConfig config = config_in;
    if (config.read_environment) {
        if (auto g = env("LOOM_GPU"); !g.empty()) {
            auto c = GpuChoice::parse(g);
            if (!c) return make_error("LOOM_GPU: " + c.message());
            config.gpu = *c;
        }
        if (auto v = env("LOOM_VALIDATE"); !v.empty() && v != "0") config.validation = true;
        if (auto b = env("LOOM_HOST_BUDGET_MB"); !b.empty()) {
            std::uint64_t mb = 0;
            auto [p, ec] = std::from_chars(b.data(), b.data() + b.size(), mb);
            if (ec != std::errc() || p != b.data() + b.size() || mb == 0)
                return make_error("LOOM_HOST_BUDGET_MB='" + b + "' is not a positive number of MiB");
            config.host_visible_budget = mb << 20;
        }
    }
    std::unique_ptr<Device> d(new Device());
    if (auto r = d->init(config); !r) return r.error();
    return d;
}

Result<void> Device::init(const DeviceConfig& config) {
    validation_ = config.validation;
    frames_in_flight_ = config.frames_in_flight;
    use_pipeline_cache_ = config.pipeline_cache;
    auto inst = create_instance(config.validation, config.sync_validation, debug_utils_, config.instance_extensions);
    if (!inst) return inst.error();
    instance_ = *inst;
    if (config.make_surface) {
        surface_ = config.make_surface(instance_);
        if (!surface_) return make_error("could not create a Vulkan surface for the window. Fix: run with --headless.");
    }

    if (validation_) {
        auto create_messenger = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(instance_, "vkCreateDebugUtilsMessengerEXT"));
        VkDebugUtilsMessengerCreateInfoEXT mi{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
        mi.messageSeverity =
            VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
        mi.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                         VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
        mi.pfnUserCallback = debug_callback;
        mi.pUserData = validation_log_.get();
        LOOM_VK_CHECK(create_messenger(instance_, &mi, nullptr, &messenger_));
    }
    if (debug_utils_)
        set_name_fn_ = reinterpret_cast<PFN_vkSetDebugUtilsObjectNameEXT>(
            vkGetInstanceProcAddr(instance_, "vkSetDebugUtilsObjectNameEXT"));

    // Choose the physical device.
    std::uint32_t n = 0;
    vkEnumeratePhysicalDevices(instance_, &n, nullptr);
    std::vector<VkPhysicalDevice> pds(n);
    vkEnumeratePhysicalDevices(instance_, &n, pds.data());
    std::vector<PhysicalDeviceInfo> infos(n);
    std::vector<std::uint32_t> families(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        check_device(pds[i], i, infos[i], families[i]);
        if (!surface_ || !infos[i].suitable) continue;
        // A window needs a queue that presents to its surface, and swapchains.
        VkBool32 present = VK_FALSE;
        vkGetPhysicalDeviceSurfaceSupportKHR(pds[i], families[i], surface_, &present);
        std::uint32_t en = 0;
        vkEnumerateDeviceExtensionProperties(pds[i], nullptr, &en, nullptr);
        std::vector<VkExtensionProperties> de(en);
        vkEnumerateDeviceExtensionProperties(pds[i], nullptr, &en, de.data());
        const bool swapchain = std::any_of(de.begin(), de.end(), [](auto& e) {
            return std::strcmp(e.extensionName, VK_KHR_SWAPCHAIN_EXTENSION_NAME) == 0;
        });
        if (!present || !swapchain) {
            infos[i].suitable = false;
            infos[i].unsuitable_reason = "cannot present to the window";
        }
    }
    auto describe_all = [&] {
        std::string s;
        for (auto& i : infos)
            s += "\n  " + std::to_string(i.index) + ": " + i.name + " (" + device_type_name(i.type) + ")" +
                 (i.suitable ? "" : " — unusable: " + i.unsuitable_reason);
        return s.empty() ? std::string("\n  (none)") : s;
    };
    int chosen = -1;
    if (config.gpu.kind == GpuChoice::Kind::Index) {
        if (config.gpu.index >= n)
            return make_error("--gpu " + std::to_string(config.gpu.index) + " names no device; there are " +
                              std::to_string(n) + ":" + describe_all() +
                              "\nFix: --gpu with one of these indices, or --gpu auto.");
        if (!infos[config.gpu.index].suitable)
            return make_error("device " + std::to_string(config.gpu.index) + " (" + infos[config.gpu.index].name +
                              ") cannot run Loom: " + infos[config.gpu.index].unsuitable_reason +
                              ". Fix: --gpu auto, or another index from `loom info`.");
        chosen = static_cast<int>(config.gpu.index);
    } else {
        int best_rank = 1 << 20;
        for (std::uint32_t i = 0; i < n; ++i) {
            if (!infos[i].suitable) continue;
            if (config.gpu.kind == GpuChoice::Kind::Software && infos[i].type != VK_PHYSICAL_DEVICE_TYPE_CPU)
                continue;
            int rank = type_rank(infos[i].type);
            if (rank < best_rank) best_rank = rank, chosen = static_cast<int>(i);
        }
        if (chosen < 0)
            return make_error(
                std::string(config.gpu.kind == GpuChoice::Kind::Software ? "no software Vulkan device found"
                                                                          : "no Vulkan 1.3 device found") +
                ". Devices:" + describe_all() + "\nFix: apt-get install mesa-vulkan-drivers for lavapipe.");
    }
    physical_ = pds[static_cast<std::size_t>(chosen)];
    queue_family_ = families[static_cast<std::size_t>(chosen)];
    vkGetPhysicalDeviceProperties(physical_, &props_);

    // Logical device.
    vkEnumerateDeviceExtensionProperties(physical_, nullptr, &n, nullptr);
    std::vector<VkExtensionProperties> dexts(n);
    vkEnumerateDeviceExtensionProperties(physical_, nullptr, &n, dexts.data());
    std::vector<const char*> enabled;
    has_memory_budget_ = std::any_of(dexts.begin(), dexts.end(), [](auto& e) {
        return std::strcmp(e.extensionName, VK_EXT_MEMORY_BUDGET_EXTENSION_NAME) == 0;
    });
    if (has_memory_budget_) enabled.push_back(VK_EXT_MEMORY_BUDGET_EXTENSION_NAME);
    if (surface_) enabled.push_back(VK_KHR_SWAPCHAIN_EXTENSION_NAME);
    const bool has_atomic_float = std::any_of(dexts.begin(), dexts.end(), [](auto& e) {
        return std::strcmp(e.extensionName, VK_EXT_SHADER_ATOMIC_FLOAT_EXTENSION_NAME) == 0;
    });

    VkPhysicalDeviceShaderAtomicFloatFeaturesEXT supported_atomic{
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_ATOMIC_FLOAT_FEATURES_EXT};
    VkPhysicalDeviceVulkan13Features supported13{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES,
                                                 has_atomic_float ? &supported_atomic : nullptr};
    VkPhysicalDeviceVulkan12Features supported12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES, &supported13};
    VkPhysicalDeviceFeatures2 supported{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &supported12};
    vkGetPhysicalDeviceFeatures2(physical_, &supported);
    // Optional: 64-bit integers and 64-bit atomics on storage buffers (Render3D's compute
    // rasterizer keeps depth and the surface's id in one 64-bit word per pixel).
    has_int64_atomics_ = supported.features.shaderInt64 && supported12.shaderBufferInt64Atomics;
    // Optional: float atomic adds on storage images (Particles' point splat); without them the
    // operators that would use them draw another way.
    VkPhysicalDeviceShaderAtomicFloatFeaturesEXT atomic{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_ATOMIC_FLOAT_FEATURES_EXT};
    has_image_float_atomic_add_ = has_atomic_float && supported_atomic.shaderImageFloat32AtomicAdd;
    if (has_image_float_atomic_add_) {
        enabled.push_back(VK_EXT_SHADER_ATOMIC_FLOAT_EXTENSION_NAME);
        atomic.shaderImageFloat32AtomicAdd = VK_TRUE;
    }
    VkPhysicalDeviceVulkan13Features f13{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES,
                                         has_image_float_atomic_add_ ? &atomic : nullptr};
    f13.dynamicRendering = VK_TRUE;
    f13.synchronization2 = VK_TRUE;
    // Lets a fragment shader ignore vertex outputs it does not read (fullscreen.vert's uv).
    f13.maintenance4 = supported13.maintenance4;
    VkPhysicalDeviceVulkan12Features f12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES, &f13};
    f12.shaderBufferInt64Atomics = has_int64_atomics_ ? VK_TRUE : VK_FALSE;
    VkPhysicalDeviceFeatures2 f2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &f12};
    // Image programs write their output without naming its format in the shader.
    f2.features.shaderStorageImageWriteWithoutFormat = VK_TRUE;
    f2.features.shaderInt64 = has_int64_atomics_ ? VK_TRUE : VK_FALSE;
    const float priority = 1.0f;
    VkDeviceQueueCreateInfo qi{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    qi.queueFamilyIndex = queue_family_;
    qi.queueCount = 1;
    qi.pQueuePriorities = &priority;
    VkDeviceCreateInfo di{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO, &f2};
    di.queueCreateInfoCount = 1;
    di.pQueueCreateInfos = &qi;
    di.enabledExtensionCount = static_cast<std::uint32_t>(enabled.size());
    di.ppEnabledExtensionNames = enabled.data();
    VkResult r = vkCreateDevice(physical_, &di, nullptr, &device_);
    if (r != VK_SUCCESS)
        return make_error(std::string("could not create a Vulkan device on ") + props_.deviceName + " (" +
                          vk_result_name(r) + ")");
    vkGetDeviceQueue(device_, queue_family_, 0, &queue_);

    tracker_.set_host_visible_budget(config.host_visible_budget);
    {
        std::array<HeapBudget, VK_MAX_MEMORY_HEAPS> heaps;
        std::uint32_t hn = heap_budgets(heaps);
        std::uint64_t limit = 0;
        for (std::uint32_t i = 0; i < hn; ++i)
            if (heaps[i].device_local) limit = std::max(limit, heaps[i].budget ? heaps[i].budget : heaps[i].size);
        tracker_.set_device_local_limit(limit);
    }
    allocator_ = std::make_unique<Allocator>(device_, physical_, tracker_, counters_);
    deleter_ = std::make_unique<DeferredDeleter>(
        frames_in_flight_, [](void* self, const Retired& o) { static_cast<Device*>(self)->destroy_now(o); }, this);

    // The samplers every operator shares, made up front so their cookies are stable.
    for (std::size_t i = 0; i < kind_samplers_.size(); ++i)
        kind_samplers_[i] = &sampler(sampler_desc(static_cast<SamplerKind>(i)));

    load_pipeline_cache();
    spdlog::info("device: {} ({}, Vulkan {}){}", props_.deviceName, device_type_name(props_.deviceType),
                 version_string(props_.apiVersion), validation_ ? ", validation on" : "");
    return {};
}

std::uint32_t Device::heap_budgets(std::array<HeapBudget, VK_MAX_MEMORY_HEAPS>& out) const {
    VkPhysicalDeviceMemoryBudgetPropertiesEXT budget{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT};
    VkPhysicalDeviceMemoryProperties2 p2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2};
    if (has_memory_budget_) p2.pNext = &budget;
    vkGetPhysicalDeviceMemoryProperties2(physical_, &p2);
    const auto& mp = p2.memoryProperties;
    for (std::uint32_t i = 0; i < mp.memoryHeapCount; ++i) {
        out[i].size = mp.memoryHeaps[i].size;
        out[i].device_local = mp.memoryHeaps[i].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT;
        out[i].usage = has_memory_budget_ ? budget.heapUsage[i] : 0;
        out[i].budget = has_memory_budget_ ? budget.heapBudget[i] : 0;
    }
    return mp.memoryHeapCount;
}

// ---------------------------------------------------------------------------------------------
// 4. Resources and plain objects
// ---------------------------------------------------------------------------------------------

void Device::set_name(VkObjectType type, std::uint64_t handle, const char* name) {
    if (!set_name_fn_ || !name || !*name) return;
    VkDebugUtilsObjectNameInfoEXT ni{VK_STRUCTURE_TYPE_DEBUG_UTILS_OBJECT_NAME_INFO_EXT};
    ni.objectType = type;
    ni.objectHandle = handle;
    ni.pObjectName = name;
    set_name_fn_(device_, &ni);
}

template <class H, class Info, class CreateFn>
H Device::create_plain(CreateFn create, const Info& info, VkObjectType type, const char* name) {
    typename H::value_type handle = VK_NULL_HANDLE;
    LOOM_VK_CHECK(create(device_, &info, nullptr, &handle));
    counters_.on_create(H::kKind);
    set_name(type, handle_bits(handle), name);
    return H(this, handle);
}

ShaderModule Device::create_shader_module(const std::uint32_t* code, std::size_t bytes, const char* name) {
    VkShaderModuleCreateInfo ci{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
    ci.codeSize = bytes;
    ci.pCode = code;
    return create_plain<ShaderModule>(vkCreateShaderModule, ci, VK_OBJECT_TYPE_SHADER_MODULE, name);
}

DescriptorSetLayout Device::create_descriptor_set_layout(const VkDescriptorSetLayoutCreateInfo& info,
                                                         const char* name) {
    return create_plain<DescriptorSetLayout>(vkCreateDescriptorSetLayout, info, VK_OBJECT_TYPE_DESCRIPTOR_SET_LAYOUT,
                                             name);
}

PipelineLayout Device::create_pipeline_layout(const VkPipelineLayoutCreateInfo& info, const char* name) {
    return create_plain<PipelineLayout>(vkCreatePipelineLayout, info, VK_OBJECT_TYPE_PIPELINE_LAYOUT, name);
}

DescriptorPool Device::create_descriptor_pool(const VkDescriptorPoolCreateInfo& info, const char* name) {
    return create_plain<DescriptorPool>(vkCreateDescriptorPool, info, VK_OBJECT_TYPE_DESCRIPTOR_POOL, name);
}

Result<Pipeline> Device::adopt_pipeline(VkResult r, VkPipeline p, const char* name) {
    if (r != VK_SUCCESS)
        return make_error(std::string("the driver could not build pipeline '") + name + "' (" + vk_result_name(r) +
                          ")");
    counters_.on_create(ObjectKind::Pipeline);
    ++counters_.pipelines_compiled;
    set_name(VK_OBJECT_TYPE_PIPELINE, handle_bits(p), name);
    return Pipeline(this, p);
}

Result<Pipeline> Device::create_graphics_pipeline(const VkGraphicsPipelineCreateInfo& info, const char* name) {
    VkPipeline p = VK_NULL_HANDLE;
    const VkResult r = vkCreateGraphicsPipelines(device_, pipeline_cache_, 1, &info, nullptr, &p);
    return adopt_pipeline(r, p, name);
}

Result<Pipeline> Device::create_compute_pipeline(const VkComputePipelineCreateInfo& info, const char* name) {
    VkPipeline p = VK_NULL_HANDLE;
    const VkResult r = vkCreateComputePipelines(device_, pipeline_cache_, 1, &info, nullptr, &p);
    return adopt_pipeline(r, p, name);
}

CommandPool Device::create_command_pool(const char* name) {
    VkCommandPoolCreateInfo ci{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    ci.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
    ci.queueFamilyIndex = queue_family_;
    return create_plain<CommandPool>(vkCreateCommandPool, ci, VK_OBJECT_TYPE_COMMAND_POOL, name);
}

Fence Device::create_fence(bool signaled, const char* name) {
    VkFenceCreateInfo ci{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    if (signaled) ci.flags = VK_FENCE_CREATE_SIGNALED_BIT;
    return create_plain<Fence>(vkCreateFence, ci, VK_OBJECT_TYPE_FENCE, name);
}

Semaphore Device::create_semaphore(const char* name) {
    VkSemaphoreCreateInfo ci{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
    return create_plain<Semaphore>(vkCreateSemaphore, ci, VK_OBJECT_TYPE_SEMAPHORE, name);
}

QueryPool Device::create_timestamp_pool(std::uint32_t count, const char* name) {
    VkQueryPoolCreateInfo ci{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
    ci.queryType = VK_QUERY_TYPE_TIMESTAMP;
    ci.queryCount = count;
    return create_plain<QueryPool>(vkCreateQueryPool, ci, VK_OBJECT_TYPE_QUERY_POOL, name);
}

VkDescriptorSet Device::allocate_descriptor_set(VkDescriptorPool pool, VkDescriptorSetLayout layout) {
    VkDescriptorSetAllocateInfo ai{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    ai.descriptorPool = pool;
    ai.descriptorSetCount = 1;
    ai.pSetLayouts = &layout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    VkResult r = vkAllocateDescriptorSets(device_, &ai, &set);
    if (r == VK_ERROR_OUT_OF_POOL_MEMORY || r == VK_ERROR_FRAGMENTED_POOL) return VK_NULL_HANDLE;
    LOOM_VK_CHECK(r);
    counters_.on_create(ObjectKind::DescriptorSet);
    return set;
}

void Device::write_descriptors(const VkWriteDescriptorSet* writes, std::uint32_t count) {
    vkUpdateDescriptorSets(device_, count, writes, 0, nullptr);
    for (std::uint32_t i = 0; i < count; ++i) counters_.descriptor_writes += writes[i].descriptorCount;
}

void Device::wait_idle() {
    if (device_ && !device_fatal()) LOOM_VK_CHECK(vkDeviceWaitIdle(device_));
}

// ---------------------------------------------------------------------------------------------
// 5. Destruction and pipeline cache persistence
// ---------------------------------------------------------------------------------------------

void Device::destroy_now(const Retired& o) {
    const std::uint64_t h = o.handle;
    switch (o.kind) {
        case ObjectKind::Buffer: vkDestroyBuffer(device_, reinterpret_cast<VkBuffer>(h), nullptr); break;
        case ObjectKind::Image: vkDestroyImage(device_, reinterpret_cast<VkImage>(h), nullptr); break;
        case ObjectKind::ImageView: vkDestroyImageView(device_, reinterpret_cast<VkImageView>(h), nullptr); break;
        case ObjectKind::Sampler: vkDestroySampler(device_, reinterpret_cast<VkSampler>(h), nullptr); break;
        case ObjectKind::ShaderModule:
            vkDestroyShaderModule(device_, reinterpret_cast<VkShaderModule>(h), nullptr);
            break;
        case ObjectKind::Pipeline: vkDestroyPipeline(device_, reinterpret_cast<VkPipeline>(h), nullptr); break;
        case ObjectKind::PipelineLayout:
            vkDestroyPipelineLayout(device_, reinterpret_cast<VkPipelineLayout>(h), nullptr);
            break;
        case ObjectKind::DescriptorSetLayout:
            vkDestroyDescriptorSetLayout(device_, reinterpret_cast<VkDescriptorSetLayout>(h), nullptr);
            break;
        case ObjectKind::DescriptorPool:
            vkDestroyDescriptorPool(device_, reinterpret_cast<VkDescriptorPool>(h), nullptr);
            break;
        case ObjectKind::DescriptorSet: {
            auto set = reinterpret_cast<VkDescriptorSet>(h);
            LOOM_VK_CHECK(vkFreeDescriptorSets(device_, reinterpret_cast<VkDescriptorPool>(o.parent), 1, &set));
            break;
        }
        case ObjectKind::CommandPool:
            vkDestroyCommandPool(device_, reinterpret_cast<VkCommandPool>(h), nullptr);
            break;
        case ObjectKind::Fence: vkDestroyFence(device_, reinterpret_cast<VkFence>(h), nullptr); break;
        case ObjectKind::Semaphore: vkDestroySemaphore(device_, reinterpret_cast<VkSemaphore>(h), nullptr); break;
        case ObjectKind::Swapchain:
            vkDestroySwapchainKHR(device_, reinterpret_cast<VkSwapchainKHR>(h), nullptr);
            break;
        case ObjectKind::QueryPool: vkDestroyQueryPool(device_, reinterpret_cast<VkQueryPool>(h), nullptr); break;
        case ObjectKind::Memory:
        case ObjectKind::PipelineCache:
        case ObjectKind::Count: LOOM_ASSERT(false, "object kind is not retired this way"); break;
    }
    counters_.on_destroy(o.kind);
    if (o.memory) allocator_->free(static_cast<AllocationId>(o.memory));
}

namespace {
PipelineCacheIdentity identity_of(const VkPhysicalDeviceProperties& p) {
    PipelineCacheIdentity id;
    id.vendor_id = p.vendorID;
    id.device_id = p.deviceID;
    id.driver_version = p.driverVersion;
    std::memcpy(id.uuid.data(), p.pipelineCacheUUID, 16);
    return id;
}
}  // namespace

void Device::load_pipeline_cache() {
    std::string data;
    const auto id = identity_of(props_);
    if (use_pipeline_cache_) {
        const auto path = pipeline_cache_path(id);
        if (auto file = read_file(path)) {
            auto bytes = std::as_bytes(std::span(file->data(), file->size()));
            auto inner = unwrap_pipeline_cache(id, bytes);
            if (inner) {
                data.assign(reinterpret_cast<const char*>(inner->data()), inner->size());
            } else {
                spdlog::info("pipeline cache {} not used: {}", path.string(), inner.message());
            }
        }
    }
    VkPipelineCacheCreateInfo ci{VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO};
    ci.initialDataSize = data.size();
    ci.pInitialData = data.empty() ? nullptr : data.data();
    if (vkCreatePipelineCache(device_, &ci, nullptr, &pipeline_cache_) != VK_SUCCESS) {
        // A driver that rejects the data gets an empty cache instead.
        ci.initialDataSize = 0;
        ci.pInitialData = nullptr;
        LOOM_VK_CHECK(vkCreatePipelineCache(device_, &ci, nullptr, &pipeline_cache_));
    }
    pipeline_cache_loaded_ = ci.initialDataSize;
    counters_.on_create(ObjectKind::PipelineCache);
    pipelines_at_load_ = counters_.pipelines_compiled;
}

void Device::save_pipeline_cache() {
    if (!use_pipeline_cache_ || counters_.pipelines_compiled == pipelines_at_load_) return;
    std::size_t size = 0;
    if (vkGetPipelineCacheData(device_, pipeline_cache_, &size, nullptr) != VK_SUCCESS || size == 0) return;
    std::vector<std::byte> data(size);
    if (vkGetPipelineCacheData(device_, pipeline_cache_, &size, data.data()) != VK_SUCCESS) return;
    data.resize(size);
    const auto id = identity_of(props_);
    auto file = wrap_pipeline_cache(id, data);
    if (!write_file_atomic(pipeline_cache_path(id), file.data(), file.size()))
        spdlog::warn("could not write the pipeline cache to {}", pipeline_cache_path(id).string());
}

Device::~Device() {
    if (device_) {
        if (!device_fatal()) vkDeviceWaitIdle(device_);
        kind_samplers_ = {};
        sampler_cache_.clear();
        deleter_->flush_all();
        save_pipeline_cache();
        vkDestroyPipelineCache(device_, pipeline_cache_, nullptr);
        counters_.on_destroy(ObjectKind::PipelineCache);
        allocator_.reset();
        const auto live = counters_.total_live();
        validation_log_->set_live_objects_at_destroy(live);
        if (live != 0) {
            std::string kinds;
            for (std::size_t k = 0; k < kObjectKindCount; ++k) {
                const auto n = counters_.live(static_cast<ObjectKind>(k));
                if (n) kinds += " " + std::to_string(n) + " " + object_kind_name(static_cast<ObjectKind>(k));
            }
            spdlog::error("device destroyed with {} live objects:{}", live, kinds);
        }
        vkDestroyDevice(device_, nullptr);
    }
    if (messenger_) {
        auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
        destroy(instance_, messenger_, nullptr);
    }
    if (surface_) vkDestroySurfaceKHR(instance_, surface_, nullptr);
    if (instance_) vkDestroyInstance(instance_, nullptr);
}

// ---------------------------------------------------------------------------------------------
// Cookies (resources.hpp)
// ---------------------------------------------------------------------------------------------

std::uint64_t next_cookie() {
    static std::atomic<std::uint64_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
}

void retire_to(Device* device, const Retired& object) { device->retire(object); }

}  // namespace loom::gpu
