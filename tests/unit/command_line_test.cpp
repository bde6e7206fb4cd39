// Reading `loom`'s command line without running anything: which command, which values, and the
// status and message of each mistake.
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "core/runtime/cli/command_line.hpp"

namespace loom::cli {
namespace {

std::variant<Invocation, int> parse(std::vector<std::string> args) {
    args.insert(args.begin(), "loom");
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    argv.push_back(nullptr);
    return parse_command_line(static_cast<int>(args.size()), argv.data());
}

TEST(CommandLineParse, RunHeadlessWithItsValues) {
    auto r = parse({"run", "proj", "--headless", "--frames", "10", "--size", "640x360", "--fps", "30", "--snapshot",
                    "out.png", "--snapshot-frame", "4"});
    ASSERT_TRUE(std::holds_alternative<Invocation>(r));
    const auto& inv = std::get<Invocation>(r);
    EXPECT_EQ(inv.command, Command::RunHeadless);
    EXPECT_EQ(inv.run.session.project, "proj");
    EXPECT_EQ(inv.run.frames, 10u);
    EXPECT_TRUE(inv.run.frames_given);
    EXPECT_EQ(inv.run.session.size.width, 640u);
    EXPECT_EQ(inv.run.session.size.height, 360u);
    EXPECT_DOUBLE_EQ(inv.run.session.fps, 30.0);
    EXPECT_EQ(inv.run.snapshot, "out.png");
    ASSERT_TRUE(inv.run.snapshot_frame.has_value());
    EXPECT_EQ(*inv.run.snapshot_frame, 4u);
}

TEST(CommandLineParse, EachCommandIsRecognised) {
    const std::vector<std::pair<std::vector<std::string>, Command>> cases = {
        {{"run", "p"}, Command::Run},
        {{"watch", "p", "--seconds", "20"}, Command::Watch},
        {{"render", "p", "--frames", "5-9"}, Command::Render},
        {{"fixtures"}, Command::Fixtures},
        {{"new", "folder"}, Command::New},
        {{"info"}, Command::Info},
    };
    for (const auto& [args, command] : cases) {
        auto r = parse(args);
        ASSERT_TRUE(std::holds_alternative<Invocation>(r)) << args.front();
        EXPECT_EQ(std::get<Invocation>(r).command, command) << args.front();
    }
    auto render = std::get<Invocation>(parse({"render", "p", "--frames", "5-9"}));
    EXPECT_EQ(render.render.first, 5u);
    EXPECT_EQ(render.render.last, 9u);
}

TEST(CommandLineParse, MistakesAreStatusOne) {
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {},
             {"nosuch"},
             {"run"},
             {"run", "p", "--frames", "0"},
             {"run", "p", "--frames", "1.5"},
             {"run", "p", "--size", "-5x10"},
             {"run", "p", "--size", "4294967297x10"},
             {"run", "p", "--headless", "--editor"},
             {"run", "p", "--snapshot-op", "blur"},
             {"run", "p", "--snapshot", "out.jpg"},
             {"run", "p", "--headless", "--frames", "3", "--snapshot", "o.png", "--snapshot-frame", "3"},
             {"watch", "p", "--seconds", "0"},
             {"watch", "p", "--seconds", "5", "--warmup", "5"},
             {"watch", "p", "--editor"},
             {"render", "p", "--frames", "9-3"},
             {"render", "p", "--preroll", "sometimes"},
             {"new", "f", "--template", "nosuch"},
         }) {
        auto r = parse(args);
        ASSERT_TRUE(std::holds_alternative<int>(r)) << (args.empty() ? "(none)" : args.back());
        EXPECT_EQ(std::get<int>(r), kExitUsage) << (args.empty() ? "(none)" : args.back());
    }
}

TEST(CommandLineParse, VersionAndHelpAreStatusZero) {
    testing::internal::CaptureStdout();
    auto v = parse({"--version"});
    auto h = parse({"render", "--help"});
    const std::string out = testing::internal::GetCapturedStdout();
    ASSERT_TRUE(std::holds_alternative<int>(v));
    EXPECT_EQ(std::get<int>(v), kExitOk);
    ASSERT_TRUE(std::holds_alternative<int>(h));
    EXPECT_EQ(std::get<int>(h), kExitOk);
    EXPECT_NE(out.find("loom "), std::string::npos) << out;
    EXPECT_NE(out.find("--preroll"), std::string::npos) << out;
}

}  // namespace
}  // namespace loom::cli
