// core/base/sanitize.hpp — helpers for sanitizer builds (LOOM_SANITIZE).
#pragma once

#include <dlfcn.h>

#include <initializer_list>

namespace loom {

// The Vulkan loader unloads the driver and the validation layer when an instance is destroyed;
// LeakSanitizer then cannot name the library behind their process-lifetime allocations
// ("<unknown module>"), so tests/lsan.supp could not suppress them by name. Keeping both mapped
// (RTLD_NODELETE) leaves Loom's own leaks just as visible. Called first thing in sanitizer builds.
inline void keep_driver_libraries_mapped() {
    for (const char* lib : {"libvulkan_lvp.so", "libVkLayer_khronos_validation.so"}) dlopen(lib, RTLD_NOW | RTLD_NODELETE);
}

}  // namespace loom
