// core/runtime/cli/cli.hpp — the `loom` program's subcommands.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/runtime/engine.hpp"

namespace loom::cli {

struct RunOptions {
    std::string project;
    bool headless = false;
    std::uint64_t frames = 120;
    Extent size{1280, 720};
    double fps = 60.0;
    std::string snapshot;                  // PNG path, empty for none
    std::optional<std::uint64_t> snapshot_frame;  // default: the last frame
    std::string gpu = "auto";
    bool validate = false;
    std::uint64_t host_budget_mb = 0;      // 0: default
};

int run_headless(const RunOptions& options);
int print_info(const std::string& gpu);

// "1280x720" → Extent; the error names the value and the expected form.
Result<Extent> parse_size(const std::string& text);

// Exit codes.
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;
inline constexpr int kExitProject = 2;   // chain.cpp does not compile or setup() failed
inline constexpr int kExitDevice = 3;    // no usable Vulkan device
inline constexpr int kExitRender = 4;    // an operator failed, or the snapshot could not be written

}  // namespace loom::cli
