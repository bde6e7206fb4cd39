#include "tests/gpu/x_server.hpp"

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "core/io/image_io.hpp"

namespace loom::test {

XServer::XServer() {
    // A display number no other server holds (its lock file is absent), then wait until it answers.
    for (int n = 90 + ::getpid() % 50, tries = 0; tries < 20 && !x_; ++n, ++tries) {
        if (::access((std::string("/tmp/.X") + std::to_string(n) + "-lock").c_str(), F_OK) == 0) continue;
        display_ = ":";
        display_ += std::to_string(n);
        pid_ = ::fork();
        if (pid_ == 0) {
            ::execlp("Xvfb", "Xvfb", display_.c_str(), "-screen", "0", "800x600x24", "-wr", "-nolisten", "tcp",
                     static_cast<char*>(nullptr));
            ::_exit(127);
        }
        for (int i = 0; i < 100 && !x_; ++i) {
            ::usleep(50'000);
            if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {  // it gave up (display taken): next number
                pid_ = -1;
                break;
            }
            x_ = XOpenDisplay(display_.c_str());
        }
    }
    if (x_) ::setenv("DISPLAY", display_.c_str(), 1);
}

XServer::~XServer() {
    if (x_) XCloseDisplay(static_cast<::Display*>(x_));
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
    }
    ::unsetenv("DISPLAY");
}

XServer::Shot XServer::shot() const {
    Shot s;
    auto* x = static_cast<::Display*>(x_);
    const ::Window root = DefaultRootWindow(x);
    XWindowAttributes a{};
    XGetWindowAttributes(x, root, &a);
    XImage* img = XGetImage(x, root, 0, 0, static_cast<unsigned>(a.width), static_cast<unsigned>(a.height), AllPlanes,
                            ZPixmap);
    if (!img) return s;
    s.width = a.width;
    s.height = a.height;
    s.rgb.resize(static_cast<std::size_t>(a.width * a.height));
    for (int y = 0; y < a.height; ++y)
        for (int x0 = 0; x0 < a.width; ++x0) {
            const unsigned long p = XGetPixel(img, x0, y);
            s.rgb[static_cast<std::size_t>(y * a.width + x0)] = {int((p >> 16) & 0xff), int((p >> 8) & 0xff),
                                                                  int(p & 0xff)};
        }
    XDestroyImage(img);
    return s;
}

void XServer::save(const Shot& s, const std::filesystem::path& file) {
    io::Pixels px;
    px.width = static_cast<std::uint32_t>(s.width);
    px.height = static_cast<std::uint32_t>(s.height);
    px.rgba.reserve(s.rgb.size() * 4);
    for (const auto& c : s.rgb)
        for (float v : {c[0] / 255.0f, c[1] / 255.0f, c[2] / 255.0f, 1.0f}) px.rgba.push_back(v);
    (void)io::write_png(file, px);
}

}  // namespace loom::test
