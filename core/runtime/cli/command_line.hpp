// core/runtime/cli/command_line.hpp — reading `loom`'s command line.
//
// parse_command_line() turns argv into an Invocation (which command, with which options) or an
// exit status: 0 after --help/--version (printed), kExitUsage after a mistake (the message, on
// stderr, names the flag, the value and what is allowed). It opens no device and loads no project,
// so it is tested and fuzzed on its own.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include "core/runtime/cli/cli.hpp"

namespace loom::cli {

enum class Command { Run, RunHeadless, Watch, Render, Fixtures, New, Info, Operators };

struct Invocation {
    Command command = Command::Run;
    RunOptions run;
    WatchOptions watch;
    RenderOptions render;
    FixtureOptions fixtures;
    std::string new_folder, new_template;  // loom new
    std::string info_gpu;                  // loom info
    OperatorsOptions operators;            // loom operators
};

std::variant<Invocation, int> parse_command_line(int argc, const char* const* argv);

// The command line's values, read strictly: no sign, no fraction where a whole number is asked,
// no overflow. Every error names the value and what is allowed.
inline constexpr std::uint64_t kMaxSizeArgument = 65536;           // pixels per side, before the device's own limit
inline constexpr std::uint64_t kMaxFrameArgument = 1'000'000'000;  // over 190 days at 60 fps
// "1280x720" → Extent (1..kMaxSizeArgument per side).
Result<Extent> parse_size(const std::string& text, const std::string& flag = "--size");
// "0-299" or "42" → inclusive range; first <= last <= kMaxFrameArgument.
Result<std::pair<std::uint64_t, std::uint64_t>> parse_range(const std::string& text);
// A whole number in [min, max]; the message ("must be a whole number …") is for after the flag.
Result<std::uint64_t> parse_whole(const std::string& text, std::uint64_t min, std::uint64_t max);
// A finite number in (min, max] (above_min) or [min, max].
Result<double> parse_number(const std::string& text, double min, double max, bool above_min);

}  // namespace loom::cli
