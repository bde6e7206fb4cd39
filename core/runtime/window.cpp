#include "core/runtime/window.hpp"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

#include <spdlog/spdlog.h>

namespace loom::runtime {

struct WindowCallbacks {
    static void key(GLFWwindow* w, int key, int, int action, int) {
        if (action != GLFW_PRESS) return;
        auto* self = static_cast<Window*>(glfwGetWindowUserPointer(w));
        if (key == GLFW_KEY_ESCAPE) self->keys_.quit = true;
        if (key == GLFW_KEY_TAB) self->keys_.toggle_editor = true;
        if (self->keys_captured_) return;  // typing in the editor
        if (key == GLFW_KEY_Q) self->keys_.quit = true;
        if (key == GLFW_KEY_F) self->keys_.toggle_fullscreen = true;
        if (key == GLFW_KEY_V) self->keys_.toggle_vsync = true;
    }
};

namespace {
std::string g_glfw_error;
void on_glfw_error(int, const char* description) { g_glfw_error = description ? description : "unknown error"; }
}  // namespace

Result<std::unique_ptr<Window>> Window::open(Extent size, const std::string& title) {
    glfwSetErrorCallback(on_glfw_error);
    if (!glfwInit())
        return make_error("no display (" + g_glfw_error + ")");
    if (!glfwVulkanSupported()) {
        glfwTerminate();
        return make_error("the display has no Vulkan window support (GLFW found no Vulkan loader)");
    }
    std::unique_ptr<Window> w(new Window());
    glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
    w->window_ = glfwCreateWindow(static_cast<int>(size.width), static_cast<int>(size.height), title.c_str(), nullptr,
                                  nullptr);
    if (!w->window_) {
        glfwTerminate();
        return make_error("could not open a window (" + g_glfw_error + ")");
    }
    glfwSetWindowUserPointer(w->window_, w.get());
    glfwSetKeyCallback(w->window_, WindowCallbacks::key);
    return w;
}

Window::~Window() {
    if (window_) glfwDestroyWindow(window_);
    glfwTerminate();
}

std::vector<std::string> Window::instance_extensions() const {
    std::uint32_t n = 0;
    const char** names = glfwGetRequiredInstanceExtensions(&n);
    return std::vector<std::string>(names, names + n);
}

VkSurfaceKHR Window::create_surface(VkInstance instance) const {
    VkSurfaceKHR surface = VK_NULL_HANDLE;
    if (glfwCreateWindowSurface(instance, window_, nullptr, &surface) != VK_SUCCESS) return VK_NULL_HANDLE;
    return surface;
}

void Window::poll(double wait_seconds) {
    if (wait_seconds > 0)
        glfwWaitEventsTimeout(wait_seconds);
    else
        glfwPollEvents();
}

WindowKeys Window::take_keys() {
    WindowKeys k = keys_;
    keys_ = {};
    return k;
}

bool Window::close_requested() const { return glfwWindowShouldClose(window_); }

Extent Window::framebuffer() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    return {static_cast<std::uint32_t>(std::max(w, 0)), static_cast<std::uint32_t>(std::max(h, 0))};
}

void Window::toggle_fullscreen() {
    if (!fullscreen_) {
        GLFWmonitor* monitor = glfwGetPrimaryMonitor();
        const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
        if (!mode) return;
        glfwGetWindowPos(window_, &windowed_[0], &windowed_[1]);
        glfwGetWindowSize(window_, &windowed_[2], &windowed_[3]);
        glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
    } else {
        glfwSetWindowMonitor(window_, nullptr, windowed_[0], windowed_[1], windowed_[2], windowed_[3], GLFW_DONT_CARE);
    }
    fullscreen_ = !fullscreen_;
}

void Window::set_title(const std::string& title) { glfwSetWindowTitle(window_, title.c_str()); }

void Window::resize(Extent size) {
    glfwSetWindowSize(window_, static_cast<int>(size.width), static_cast<int>(size.height));
}

// --- Display ------------------------------------------------------------------------------------

Result<std::unique_ptr<Display>> Display::create(gpu::Device& device, Extent framebuffer, bool vsync) {
    std::unique_ptr<Display> d(new Display());
    auto s = gpu::Swapchain::create(device, framebuffer, vsync);
    if (!s) return s.error();
    d->swapchain_ = std::move(*s);
    d->framebuffer_ = framebuffer;
    d->vsync_ = vsync;
    return d;
}

bool Display::record(VkCommandBuffer cmd, std::uint32_t slot, gpu::Image* output,
                     gpu::FrameContext::SubmitSync& sync) {
    if (!error_.empty() || framebuffer_.width == 0 || framebuffer_.height == 0) return false;  // minimised
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (stale_ || vsync_ != swapchain_->vsync() || framebuffer_.width != swapchain_->extent().width ||
            framebuffer_.height != swapchain_->extent().height) {
            if (auto r = swapchain_->recreate(framebuffer_, vsync_); !r) {
                error_ = r.message();
                spdlog::error("window: {}", error_);
                return false;
            }
            stale_ = false;
        }
        const auto a = swapchain_->acquire(slot);
        if (a == gpu::Swapchain::Acquire::Timeout) return false;
        if (a == gpu::Swapchain::Acquire::OutOfDate) {
            stale_ = true;
            continue;
        }
        swapchain_->record_display(cmd, output);
        if (overlay_ && swapchain_->attachment()) overlay_->record(cmd, swapchain_->current(), slot);
        swapchain_->finish(cmd);
        sync.wait = swapchain_->acquired_semaphore(slot);
        sync.wait_stage = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT;
        sync.signal = swapchain_->rendered_semaphore();
        return true;
    }
    return false;
}

void Display::present() {
    if (!swapchain_->present()) stale_ = true;  // recreated before the next acquire
}

}  // namespace loom::runtime
