// Environment defaults for every test program, so ctest needs no per-test environment:
// caches under the build folder, golden images in the source tree. Values already set win.
#include <dlfcn.h>

#include <cstdlib>
#include <initializer_list>

namespace {
struct TestEnvironment {
    TestEnvironment() {
        setenv("LOOM_CACHE_DIR", LOOM_TEST_BUILD_DIR "/test-cache", 0);
        setenv("LOOM_TEST_OUTPUT", LOOM_TEST_BUILD_DIR "/test-output", 0);
        setenv("LOOM_GOLDEN_DIR", LOOM_TESTS_DIR "/golden", 0);
        setenv("XDG_RUNTIME_DIR", "/tmp", 0);
#ifdef LOOM_SANITIZE
        // The Vulkan loader unloads the driver and the validation layer when an instance is
        // destroyed; LeakSanitizer then cannot name the library behind their process-lifetime
        // allocations ("<unknown module>"), so tests/lsan.supp could not suppress them by name.
        // Keeping both mapped (RTLD_NODELETE) leaves Loom's own leaks just as visible.
        for (const char* lib : {"libvulkan_lvp.so", "libVkLayer_khronos_validation.so"}) dlopen(lib, RTLD_NOW | RTLD_NODELETE);
#endif
    }
} g_environment;
}  // namespace
