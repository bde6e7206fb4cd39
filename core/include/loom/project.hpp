// loom/project.hpp — the entry point a project's chain.cpp exports.
//
//   void setup(loom::Context& ctx) { ... build the chain ... }
//   void update(loom::Context& ctx) { ... animate parameters ... }
//   LOOM_CHAIN(setup, update)        // or LOOM_CHAIN(setup, nullptr) with no update
//
// Loom compiles chain.cpp into a shared library and looks up loom_project_entry().
#pragma once

#include <cstdint>

#include <loom/context.hpp>

namespace loom {

using ProjectFn = void (*)(Context&);

inline constexpr std::uint32_t kProjectAbi = 1;

struct ProjectEntry {
    std::uint32_t abi;
    ProjectFn setup;
    ProjectFn update;
};

}  // namespace loom

#define LOOM_CHAIN(setup_fn, update_fn)                                                               \
    extern "C" __attribute__((visibility("default"))) const ::loom::ProjectEntry* loom_project_entry() { \
        static const ::loom::ProjectEntry entry{::loom::kProjectAbi, static_cast<::loom::ProjectFn>(setup_fn), \
                                                static_cast<::loom::ProjectFn>(update_fn)};          \
        return &entry;                                                                                \
    }
