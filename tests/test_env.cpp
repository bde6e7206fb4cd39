// Environment defaults for every test program, so ctest needs no per-test environment:
// caches under the build folder, golden images in the source tree. Values already set win.
#include <cstdlib>

#include "core/base/sanitize.hpp"

namespace {
struct TestEnvironment {
    TestEnvironment() {
        setenv("LOOM_CACHE_DIR", LOOM_TEST_BUILD_DIR "/test-cache", 0);
        setenv("LOOM_TEST_OUTPUT", LOOM_TEST_BUILD_DIR "/test-output", 0);
        setenv("LOOM_GOLDEN_DIR", LOOM_TESTS_DIR "/golden", 0);
        setenv("XDG_RUNTIME_DIR", "/tmp", 0);
#ifdef LOOM_SANITIZE
        loom::keep_driver_libraries_mapped();
#endif
    }
} g_environment;
}  // namespace
