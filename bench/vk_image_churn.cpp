// vk-image-churn: what `loom watch --resize-churn` does to the driver, without Loom.
//
// Plain Vulkan only (no Loom code): one 64 MB device-local memory block allocated once, and every
// "frame" the images of a small chain re-created at alternating sizes — vkCreateImage, bound into
// the block, vkCreateImageView, then the previous ones destroyed — with one empty submit per
// frame. Prints the process's RSS every second. If RSS climbs here too, the growth seen under
// resize churn is the driver's, not Loom's.
//
//   vk-image-churn [--seconds 60] [--images 15] [--every 12]
#include <vulkan/vulkan.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace {

long rss_kib() {
    std::ifstream f("/proc/self/statm");
    long pages = 0, resident = 0;
    f >> pages >> resident;
    return resident * 4;
}

#define CHECK(x)                                                                       \
    do {                                                                               \
        VkResult r_ = (x);                                                             \
        if (r_ != VK_SUCCESS) {                                                        \
            std::fprintf(stderr, "vk-image-churn: %s failed (%d)\n", #x, int(r_));     \
            std::exit(1);                                                              \
        }                                                                              \
    } while (0)

}  // namespace

int main(int argc, char** argv) {
    double seconds = 60;
    int images = 15, every = 12;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--seconds")) seconds = std::atof(argv[i + 1]);
        if (!std::strcmp(argv[i], "--images")) images = std::atoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--every")) every = std::atoi(argv[i + 1]);
    }
    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.apiVersion = VK_API_VERSION_1_3;
    VkInstanceCreateInfo ici{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    ici.pApplicationInfo = &app;
    VkInstance instance;
    CHECK(vkCreateInstance(&ici, nullptr, &instance));
    std::uint32_t n = 0;
    vkEnumeratePhysicalDevices(instance, &n, nullptr);
    std::vector<VkPhysicalDevice> pds(n);
    vkEnumeratePhysicalDevices(instance, &n, pds.data());
    if (pds.empty()) return 1;
    VkPhysicalDevice pd = pds[0];
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(pd, &props);
    const float prio = 1.0f;
    VkDeviceQueueCreateInfo qi{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    qi.queueFamilyIndex = 0;
    qi.queueCount = 1;
    qi.pQueuePriorities = &prio;
    VkDeviceCreateInfo dci{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    dci.queueCreateInfoCount = 1;
    dci.pQueueCreateInfos = &qi;
    VkDevice device;
    CHECK(vkCreateDevice(pd, &dci, nullptr, &device));
    VkQueue queue;
    vkGetDeviceQueue(device, 0, 0, &queue);

    // The image shape of a 2D operator's output: RGBA16F, storage + sampled + transfer.
    auto image_info = [](std::uint32_t w, std::uint32_t h) {
        VkImageCreateInfo ii{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
        ii.imageType = VK_IMAGE_TYPE_2D;
        ii.format = VK_FORMAT_R16G16B16A16_SFLOAT;
        ii.extent = {w, h, 1};
        ii.mipLevels = 1;
        ii.arrayLayers = 1;
        ii.samples = VK_SAMPLE_COUNT_1_BIT;
        ii.tiling = VK_IMAGE_TILING_OPTIMAL;
        ii.usage = VK_IMAGE_USAGE_STORAGE_BIT | VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                   VK_IMAGE_USAGE_TRANSFER_DST_BIT;
        return ii;
    };
    VkImage probe;
    VkImageCreateInfo pii = image_info(256, 144);
    CHECK(vkCreateImage(device, &pii, nullptr, &probe));
    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(device, probe, &req);
    vkDestroyImage(device, probe, nullptr);
    VkPhysicalDeviceMemoryProperties mp;
    vkGetPhysicalDeviceMemoryProperties(pd, &mp);
    std::uint32_t type = 0;
    for (std::uint32_t i = 0; i < mp.memoryTypeCount; ++i)
        if ((req.memoryTypeBits & (1u << i)) && (mp.memoryTypes[i].propertyFlags & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT)) {
            type = i;
            break;
        }
    VkMemoryAllocateInfo mai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    mai.allocationSize = 64ull << 20;
    mai.memoryTypeIndex = type;
    VkDeviceMemory block;
    CHECK(vkAllocateMemory(device, &mai, nullptr, &block));

    VkCommandPoolCreateInfo cpi{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    cpi.queueFamilyIndex = 0;
    VkCommandPool pool;
    CHECK(vkCreateCommandPool(device, &cpi, nullptr, &pool));
    VkCommandBufferAllocateInfo cai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    cai.commandPool = pool;
    cai.commandBufferCount = 1;
    VkCommandBuffer cmd;
    CHECK(vkAllocateCommandBuffers(device, &cai, &cmd));
    VkFenceCreateInfo fci{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    VkFence fence;
    CHECK(vkCreateFence(device, &fci, nullptr, &fence));

    std::printf("vk-image-churn on %s: %d images re-created every %d frames, alternating 256x144 and 192x108\n",
                props.deviceName, images, every);
    std::vector<VkImage> live;
    std::vector<VkImageView> views;
    const auto t0 = std::chrono::steady_clock::now();
    double next_print = 0.0;
    long frames = 0, recreations = 0;
    for (bool small = false;; ++frames) {
        const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (t >= next_print) {
            std::printf("[%5.1fs] rss %.1f MB  frames %ld  image sets re-created %ld\n", t, rss_kib() / 1024.0, frames,
                        recreations);
            std::fflush(stdout);
            next_print += 1.0;
        }
        if (t >= seconds) break;
        if (frames % every == 0) {
            small = !small;
            for (VkImageView v : views) vkDestroyImageView(device, v, nullptr);
            for (VkImage i : live) vkDestroyImage(device, i, nullptr);
            views.clear();
            live.clear();
            VkDeviceSize offset = 0;
            for (int k = 0; k < images; ++k) {
                VkImageCreateInfo ii = image_info(small ? 192 : 256, small ? 108 : 144);
                VkImage img;
                CHECK(vkCreateImage(device, &ii, nullptr, &img));
                VkMemoryRequirements r;
                vkGetImageMemoryRequirements(device, img, &r);
                offset = (offset + r.alignment - 1) / r.alignment * r.alignment;
                CHECK(vkBindImageMemory(device, img, block, offset));
                offset += r.size;
                VkImageViewCreateInfo vi{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
                vi.image = img;
                vi.viewType = VK_IMAGE_VIEW_TYPE_2D;
                vi.format = ii.format;
                vi.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
                VkImageView view;
                CHECK(vkCreateImageView(device, &vi, nullptr, &view));
                live.push_back(img);
                views.push_back(view);
            }
            ++recreations;
        }
        // One (empty) submit per frame, waited for: the frame loop's shape without its work.
        VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
        CHECK(vkResetCommandPool(device, pool, 0));
        CHECK(vkBeginCommandBuffer(cmd, &bi));
        CHECK(vkEndCommandBuffer(cmd));
        VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
        si.commandBufferCount = 1;
        si.pCommandBuffers = &cmd;
        CHECK(vkQueueSubmit(queue, 1, &si, fence));
        CHECK(vkWaitForFences(device, 1, &fence, VK_TRUE, 5'000'000'000ull));
        CHECK(vkResetFences(device, 1, &fence));
    }
    for (VkImageView v : views) vkDestroyImageView(device, v, nullptr);
    for (VkImage i : live) vkDestroyImage(device, i, nullptr);
    vkDestroyFence(device, fence, nullptr);
    vkDestroyCommandPool(device, pool, nullptr);
    vkFreeMemory(device, block, nullptr);
    vkDestroyDevice(device, nullptr);
    vkDestroyInstance(instance, nullptr);
    return 0;
}
