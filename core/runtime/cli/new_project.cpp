// `loom new <folder> [--template blank|noise|feedback]`: a project that runs at once.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "core/base/paths.hpp"
#include "core/runtime/cli/cli.hpp"

namespace loom::cli {

namespace {

constexpr const char* kBlank = R"(// %NAME%: a new Loom project. Save while `loom run %NAME% --watch` runs to see each change.
#include <loom/loom.hpp>

using namespace loom;

// Once, when the project loads (and again after every save): build the chain of operators.
void setup(Context& ctx) {
    auto& chain = ctx.chain();
    chain.add<Gradient>("out").color_a({0.05f, 0.05f, 0.1f, 1.0f}).color_b({0.9f, 0.4f, 0.2f, 1.0f});
}

// Every frame: animate parameters from ctx.time() (seconds) and ctx.frame().
void update(Context& ctx) {
    (void)ctx;
}

LOOM_CHAIN(setup, update)
)";

constexpr const char* kNoise = R"(// %NAME%: drifting fractal noise with a soft glow.
#include <loom/loom.hpp>

using namespace loom;

void setup(Context& ctx) {
    auto& chain = ctx.chain();
    auto& noise = chain.add<Noise>("noise")
                      .type(NoiseType::Simplex)
                      .scale(3.0f)
                      .octaves(5)
                      .speed(0.2f)
                      .color_a({0.02f, 0.0f, 0.08f, 1.0f})
                      .color_b({0.2f, 0.8f, 1.0f, 1.0f});
    auto& glow = chain.add<Bloom>("glow").input(noise).threshold(0.55f).intensity(0.8f);
    chain.add<HSV>("out").input(glow);
}

void update(Context& ctx) {
    auto& chain = ctx.chain();
    chain.get<Noise>("noise").offset({float(ctx.time() * 0.05), 0.0f});
    chain.get<HSV>("out").hue_shift(float(ctx.time() * 0.02 - int(ctx.time() * 0.02)));
}

LOOM_CHAIN(setup, update)
)";

constexpr const char* kFeedback = R"(// %NAME%: a drifting shape leaving trails that spiral inwards.
#include <cmath>

#include <loom/loom.hpp>

using namespace loom;

void setup(Context& ctx) {
    auto& chain = ctx.chain();
    auto& dot = chain.add<Gradient>("dot")
                    .type(GradientType::Radial)
                    .color_a({1.0f, 0.6f, 0.2f, 1.0f})
                    .color_b({0.0f, 0.0f, 0.0f, 1.0f})
                    .radius(0.12f);
    auto& spot = chain.add<Transform>("spot").input(dot);  // clamped: the black rim fills the edges
    auto& trail = chain.add<Feedback>("trail").input(spot).decay(0.96f).scale(0.985f).rotate(2.0f);
    chain.add<Level>("out").input(trail).contrast(1.1f);
}

void update(Context& ctx) {
    const float t = float(ctx.time());
    ctx.chain().get<Transform>("spot").translate({0.3f * std::cos(t), 0.3f * std::sin(t * 1.3f)});
}

LOOM_CHAIN(setup, update)
)";

// `text` as one shell word: as is when it is plain, else in single quotes.
std::string shell_word(const std::string& text) {
    const bool plain = !text.empty() && text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                             "0123456789_./+,:@%=-") == std::string::npos;
    if (plain) return text;
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

}  // namespace

int new_project(const std::string& folder, const std::string& tmpl) {
    namespace fs = std::filesystem;
    const char* text = tmpl == "blank" ? kBlank : tmpl == "noise" ? kNoise : tmpl == "feedback" ? kFeedback : nullptr;
    if (!text) {
        std::fprintf(stderr, "loom: unknown template '%s'. Fix: --template blank, noise or feedback.\n", tmpl.c_str());
        return kExitUsage;
    }
    std::error_code ec;
    fs::path dir(folder);
    // FOLDER/chain.cpp means FOLDER, as in every other command.
    if (dir.filename() == "chain.cpp" && !fs::is_directory(dir, ec)) dir = dir.has_parent_path() ? dir.parent_path() : ".";
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
        std::fprintf(stderr, "loom: %s is a file, not a folder; nothing was written. Fix: give a new folder name.\n",
                     dir.c_str());
        return kExitUsage;
    }
    if (fs::exists(dir / "chain.cpp", ec)) {
        std::fprintf(stderr, "loom: %s already has a chain.cpp; nothing was written. Fix: pick a new folder name.\n",
                     dir.c_str());
        return kExitUsage;
    }
    fs::create_directories(dir, ec);
    if (ec) {
        std::fprintf(stderr, "loom: cannot create the folder %s: %s. Fix: check that its parent is a folder you can "
                             "write to.\n", dir.c_str(), ec.message().c_str());
        return kExitRender;
    }
    std::string body = text;
    const std::string name = fs::absolute(dir).lexically_normal().filename().string().empty()
                                 ? fs::absolute(dir).lexically_normal().parent_path().filename().string()
                                 : fs::absolute(dir).lexically_normal().filename().string();
    for (std::size_t at; (at = body.find("%NAME%")) != std::string::npos;) body.replace(at, 6, name);
    if (!write_file_atomic(dir / "chain.cpp", body.data(), body.size())) {
        std::fprintf(stderr, "loom: cannot write %s: %s\n", (dir / "chain.cpp").c_str(), std::strerror(errno));
        return kExitRender;
    }
    std::printf("created %s/chain.cpp from the %s template. Run it live: loom run %s --watch\n", dir.c_str(),
                tmpl.c_str(), shell_word(dir.string()).c_str());
    return kExitOk;
}

}  // namespace loom::cli
