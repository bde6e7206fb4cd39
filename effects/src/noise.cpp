#include <loom/effects/noise.hpp>

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
    // Perlin's gradients are shared across a workgroup on a GPU (a third less time at 3840x2160
    // on an H200); a CPU device pays more for the barriers than it saves, so it computes each
    // pixel's own. The same numbers either way.
    gpu::ProgramDesc desc{"effects/noise.comp", 0, sizeof(Push), {}};
    desc.defines.push_back({"LOOM_NOISE_SHARED_GRADIENTS", ctx.device().is_software() ? "0" : "1"});
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
    effects::run_to_output(ctx, *program_, p);
}

}  // namespace loom
