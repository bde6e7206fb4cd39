#include <loom/effects/noise.hpp>

#include <cstdlib>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec4 color_a;
    glm::vec4 color_b;
    glm::vec2 offset;
    float aspect;
    float scale;
    float lacunarity;
    float gain;
    std::int32_t type;
    std::int32_t octaves;
    std::uint32_t seed;
    std::uint32_t pad;
    float z[8];  // per octave
};
static_assert(sizeof(Push) == 104);
// The noises repeat exactly every kWrap units (LOOM_NOISE_WRAP in common/noise.glsl).
constexpr double kWrap = 3072.0;
const bool kRegistered = register_operator({
    .type = Noise::kTypeName,
    .category = "generator",
    .summary = "Perlin, simplex, Worley or value noise with octaves, animated by speed; seamless in time and offset.",
    .make = make_operator<Noise>,
    .example =
        [](Chain& c) {
            c.add<Noise>("noise").type(NoiseType::Perlin).scale(3.0f).octaves(4).color_a({0.05f, 0.0f, 0.15f, 1.0f}).color_b({0.3f, 1.0f, 0.8f, 1.0f});
        },
});
}  // namespace

Result<void> Noise::create(graph::CreateContext& ctx) {
    // Perlin's corners are shared across a workgroup on a GPU (each octave's lattice columns
    // folded to planes once; docs/PERFORMANCE.md); a CPU device pays more for the barriers than it
    // saves, so it computes each pixel's own. The same numbers to float rounding either way.
    // LOOM_NOISE_SHARED=1 or 0 picks either on any device (tests compare them).
    bool shared = !ctx.device().is_software();
    if (const char* v = std::getenv("LOOM_NOISE_SHARED"); v && (v == std::string_view("0") || v == std::string_view("1")))
        shared = *v == '1';
    else if (v && *v)
        spdlog::warn("LOOM_NOISE_SHARED is '{}': it takes 1 (corners shared by a workgroup) or 0 (each pixel its own); "
                     "using the device's default",
                     v);
    // Its own main(), dispatched by tiles of span x span pixels: 2x2 pixels an invocation on a
    // GPU (the corners' work is shared by 256 pixels), one on a CPU device.
    span_ = shared ? 16 : 8;
    gpu::ProgramDesc desc{"effects/noise.comp", 0, sizeof(Push), {}, {}, {1, 1}};
    desc.defines.push_back({"LOOM_NOISE_SHARED_GRADIENTS", shared ? "1" : "0"});
    desc.defines.push_back({"LOOM_NOISE_SPAN", std::to_string(span_)});
    auto p = ctx.program(desc);
    if (!p) return p.error();
    program_ = *p;
    return {};
}

void Noise::record(graph::RecordContext& ctx) {
    Push p{};
    p.color_a = color_a_;
    p.color_b = color_b_;
    p.offset = offset_;
    p.aspect = effects::aspect_of(ctx.extent());
    p.scale = scale_;
    // Octave k moves through z at lacunarity^k times the speed. Each octave's z is wrapped here,
    // in double: float precision holds over days of running, and as every octave repeats at
    // kWrap, the wrap does not show.
    double z = ctx.time() * double(speed_.get());
    for (float& zk : p.z) {
        zk = static_cast<float>(std::fmod(z, kWrap));
        z *= double(lacunarity_.get());
    }
    p.lacunarity = lacunarity_;
    p.gain = gain_;
    p.type = static_cast<std::int32_t>(type_.get());
    p.octaves = octaves_;
    p.seed = static_cast<std::uint32_t>(seed_.get());
    ctx.dispatch_tiles(*program_, {}, ctx.output(), &p, sizeof p, span_, span_);
}

}  // namespace loom
