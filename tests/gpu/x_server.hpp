// tests/gpu/x_server.hpp — a private X server (Xvfb) for one test, and screenshots of it taken
// from outside the program under test (XGetImage on the root window). Xlib stays in the .cpp:
// its macros (None, Window, Display) clash with everything.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace loom::test {

class XServer {
public:
    // Starts Xvfb on a free display (800x600x24, white root window: black bars stand out) and
    // points DISPLAY at it.
    XServer();
    ~XServer();
    XServer(const XServer&) = delete;
    XServer& operator=(const XServer&) = delete;
    bool ok() const { return x_ != nullptr; }

    // The screen's pixels, as 8-bit RGB.
    struct Shot {
        int width = 0, height = 0;
        std::vector<std::array<int, 3>> rgb;
        const std::array<int, 3>& at(int x, int y) const { return rgb[static_cast<std::size_t>(y * width + x)]; }
    };
    Shot shot() const;
    static void save(const Shot& shot, const std::filesystem::path& file);

private:
    int pid_ = -1;
    std::string display_;
    void* x_ = nullptr;  // Display*
};

}  // namespace loom::test
