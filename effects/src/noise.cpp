#include <loom/effects/noise.hpp>

#include "effects/src/effect_util.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec4 color_a;
    glm::vec4 color_b;
    glm::vec2 offset;
    float aspect;
    float scale;
    float z;
    float lacunarity;
    float gain;
    std::int32_t type;
    std::int32_t octaves;
    std::uint32_t seed;
};
static_assert(sizeof(Push) == 72);
}  // namespace

Result<void> Noise::create(graph::CreateContext& ctx) {
    return effects::make_program(ctx, program_, "effects/noise.comp", 0, sizeof(Push));
}

void Noise::record(graph::RecordContext& ctx) {
    Push p{};
    p.color_a = color_a_;
    p.color_b = color_b_;
    p.offset = offset_;
    p.aspect = effects::aspect_of(ctx.extent());
    p.scale = scale_;
    // Wrap the third coordinate so float precision holds over days of running.
    p.z = static_cast<float>(std::fmod(ctx.time() * double(speed_.get()), 65536.0));
    p.lacunarity = lacunarity_;
    p.gain = gain_;
    p.type = static_cast<std::int32_t>(type_.get());
    p.octaves = octaves_;
    p.seed = static_cast<std::uint32_t>(seed_.get());
    effects::run_to_output(ctx, *program_, p);
}

}  // namespace loom
