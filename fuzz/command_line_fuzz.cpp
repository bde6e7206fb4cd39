// fuzz/command_line_fuzz.cpp — `loom`'s command line: any argv is either an Invocation whose
// values are in range, or an exit status with a message; never an uncaught exception or a crash.
// Input: the arguments after "loom", separated by NUL bytes.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <variant>
#include <vector>

#include "core/runtime/cli/command_line.hpp"
#include "fuzz/fuzz_support.hpp"

using namespace loom::cli;

namespace {

void check_session(const SessionOptions& s) {
    LOOM_FUZZ_CHECK(s.size.width >= 1 && s.size.width <= kMaxSizeArgument);
    LOOM_FUZZ_CHECK(s.size.height >= 1 && s.size.height <= kMaxSizeArgument);
    LOOM_FUZZ_CHECK(std::isfinite(s.fps) && s.fps > 0.0 && s.fps <= 1000.0);
    LOOM_FUZZ_CHECK(!s.project.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 4096) return 0;
    std::vector<std::string> args{"loom"};
    std::string current;
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] == 0) {
            args.push_back(current);
            current.clear();
        } else {
            current.push_back(static_cast<char>(data[i]));
        }
    }
    args.push_back(current);
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    argv.push_back(nullptr);

    const auto parsed = parse_command_line(static_cast<int>(args.size()), argv.data());
    if (const int* status = std::get_if<int>(&parsed)) {
        LOOM_FUZZ_CHECK(*status == kExitOk || *status == kExitUsage);
        return 0;
    }
    const Invocation& inv = std::get<Invocation>(parsed);
    switch (inv.command) {
        case Command::Run:
        case Command::RunHeadless:
            check_session(inv.run.session);
            LOOM_FUZZ_CHECK(inv.run.frames >= 1 && inv.run.frames <= kMaxFrameArgument);
            LOOM_FUZZ_CHECK(!inv.run.snapshot_frame || *inv.run.snapshot_frame < inv.run.frames);
            break;
        case Command::Watch:
            check_session(inv.watch.session);
            LOOM_FUZZ_CHECK(inv.watch.seconds > 0.0 && inv.watch.interval > 0.0);
            LOOM_FUZZ_CHECK(inv.watch.warmup >= 0.0 && inv.watch.warmup < inv.watch.seconds);
            break;
        case Command::Render:
            check_session(inv.render.session);
            LOOM_FUZZ_CHECK(inv.render.first <= inv.render.last && inv.render.last <= kMaxFrameArgument);
            break;
        case Command::Fixtures:
        case Command::Info:
            break;
        case Command::Operators: {
            const auto& o = inv.operators;
            LOOM_FUZZ_CHECK(int(o.json) + int(o.markdown) + int(!o.thumbnails.empty()) <= 1);
            LOOM_FUZZ_CHECK(o.size.width >= 1 && o.size.height >= 1 && o.size.width <= kMaxSizeArgument &&
                            o.size.height <= kMaxSizeArgument);
            break;
        }
        case Command::New:
            LOOM_FUZZ_CHECK(!inv.new_folder.empty());
            break;
    }
    return 0;
}
