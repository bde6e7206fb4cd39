// core/runtime/window.hpp — the desktop window (GLFW) and what is shown in it.
//
// Window::open() fails cleanly (with the reason) when there is no display, so `loom run` can
// say so and render headless. The window reports its framebuffer size (0x0 while minimised)
// and the keys Loom reacts to: Esc/Q quit, F fullscreen, V vsync. It makes the Vulkan surface
// the Device then owns.
//
// Display is the Engine's FramePresenter for a window: a Swapchain that follows the window's
// framebuffer size and the vsync setting (recreated when either changes, or when the window
// system says the swapchain is out of date), and shows the chain's output letterboxed: the
// render size (--size) is independent of the window's.
// Threads: the main thread only (GLFW's rule).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include <loom/result.hpp>
#include <loom/types.hpp>

#include "core/gpu/swapchain.hpp"
#include "core/runtime/engine.hpp"

struct GLFWwindow;

namespace loom::runtime {

struct WindowKeys {
    bool quit = false;
    bool toggle_fullscreen = false;
    bool toggle_vsync = false;
    bool toggle_editor = false;
};

class Window {
public:
    // Opens a window of `size` (screen pixels) titled `title`; an error when there is no display.
    static Result<std::unique_ptr<Window>> open(Extent size, const std::string& title);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    std::vector<std::string> instance_extensions() const;
    VkSurfaceKHR create_surface(VkInstance instance) const;

    // Handles pending window events (wait: block up to `seconds` for one, for a minimised window).
    void poll(double wait_seconds = 0.0);
    // Keys pressed since the last call.
    WindowKeys take_keys();
    bool close_requested() const;
    Extent framebuffer() const;
    void toggle_fullscreen();
    bool fullscreen() const { return fullscreen_; }
    void set_title(const std::string& title);
    // Resizes the window (tests and scripts; the window system may adjust it).
    void resize(Extent size);
    GLFWwindow* handle() const { return window_; }
    // Set while the editor overlay has the keyboard: Q, F and V then type instead.
    void set_keys_captured(bool captured) { keys_captured_ = captured; }

private:
    Window() = default;
    GLFWwindow* window_ = nullptr;
    bool fullscreen_ = false;
    int windowed_[4] = {0, 0, 0, 0};  // x, y, w, h before going fullscreen
    WindowKeys keys_;
    bool keys_captured_ = false;
    friend struct WindowCallbacks;
};

// Something drawn over the output in the window (the editor overlay), recorded after the
// display blit into the swapchain image (in the transfer-dst state), in the same command buffer.
class DisplayOverlay {
public:
    virtual ~DisplayOverlay() = default;
    virtual void record(VkCommandBuffer cmd, gpu::Image& target, std::uint32_t slot) = 0;
};

class Display final : public FramePresenter {
public:
    static Result<std::unique_ptr<Display>> create(gpu::Device& device, Extent framebuffer, bool vsync);

    // The window's current framebuffer size; a change recreates the swapchain at the next frame.
    void set_framebuffer(Extent framebuffer) { framebuffer_ = framebuffer; }
    void set_vsync(bool vsync) { vsync_ = vsync; }
    // Drawn over the output every frame while set (when the swapchain images allow rendering).
    void set_overlay(DisplayOverlay* overlay) { overlay_ = overlay; }
    bool vsync() const { return vsync_; }
    gpu::Swapchain& swapchain() { return *swapchain_; }
    // The error that stopped presenting (empty while all is well).
    const std::string& error() const { return error_; }

    bool record(VkCommandBuffer cmd, std::uint32_t slot, gpu::Image* output,
                gpu::FrameContext::SubmitSync& sync) override;
    void present() override;

private:
    Display() = default;
    std::unique_ptr<gpu::Swapchain> swapchain_;
    Extent framebuffer_{};
    bool vsync_ = true;
    bool stale_ = false;  // the window system asked for a new swapchain
    DisplayOverlay* overlay_ = nullptr;
    std::string error_;
};

}  // namespace loom::runtime
