#include <loom/effects/particles.hpp>

#include <cmath>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "core/gpu/device.hpp"
#include "effects/src/effect_util.hpp"
#include "effects/src/sprites.hpp"

namespace loom {

namespace {
struct Push {
    glm::vec4 color_start;
    glm::vec4 color_end;
    glm::vec2 position;
    glm::vec2 emitter_size;
    glm::vec2 gravity;
    glm::vec2 size;  // start, end
    float time;
    float aspect;
    float direction;  // radians
    float spread;     // radians
    float speed;
    float speed_variation;
    float life;
    float life_variation;
    float drag;
    float turbulence;
    std::int32_t emitter;
    std::uint32_t seed;
    std::int32_t points;
    std::uint32_t count;
};
static_assert(sizeof(Push) == 120);  // std430 offsets: vec4s, then vec2s, then scalars (at most 128)

const bool kRegistered = register_operator({
    .type = Particles::kTypeName,
    .category = "generator",
    .summary = "Glowing particles streaming from an emitter under gravity, drag and turbulence, on the GPU.",
    .make = make_operator<Particles>,
    .example =
        [](Chain& c) {
            c.add<Particles>("particles").count(3000).emitter(Emitter::Line).emitter_size({0.6f, 0.0f}).speed(0.6f)
                .spread(40.0f).life(1.5f).size_start(0.02f).size_end(0.005f).turbulence(0.15f);
        },
    .example_frames = 2,
});
}  // namespace

Result<void> Particles::create(graph::CreateContext& ctx) {
    for (int look = 0; look < 2; ++look) {
        auto p = effects::sprite_programs(ctx, "effects/particles.vert", output_format(), sizeof(Push), 0, look == 1);
        if (!p) return p.error();
        programs_[look][0] = p->added;
        programs_[look][1] = p->over;
    }
    splat_ = resolve_ = clear_ = nullptr;
    if (ctx.device().has_image_float_atomic_add()) {
        if (auto r = effects::make_program(ctx, clear_, "effects/particles_clear.comp", 0, 0, {1, 1}); !r) return r;
        if (auto r = effects::make_program(ctx, splat_, "effects/particles_splat.comp", 0, sizeof(Push), {1, 1}); !r) return r;
        if (auto r = effects::make_program(ctx, resolve_, "effects/particles_resolve.comp", 1, sizeof(glm::vec4)); !r)
            return r;
    }
    return {};
}

// Points added up: one compute invocation per particle adds into a 4-layer r32f image of sums
// (cleared first), then one pass resolves it over the background. The raster path puts every
// point through the graphics pipeline's vertex and blend stages, which some GPUs run on a few of
// their cores; this runs on all of them (docs/PERFORMANCE.md has both).
void Particles::record_splat(graph::RecordContext& ctx, const void* push, std::size_t push_bytes) {
    const Extent e = ctx.extent();
    gpu::Image* sums = ctx.scratch(0, e, VK_FORMAT_R32_SFLOAT, "particles.sums", 4);
    if (!sums) return;
    ctx.dispatch(*clear_, {}, *sums, nullptr, 0);
    ctx.dispatch_items(*splat_, {}, *sums, push, static_cast<std::uint32_t>(push_bytes),
                       static_cast<std::uint32_t>(count_.get()));
    const glm::vec4 background = background_;
    ctx.dispatch(*resolve_, {{sums, gpu::SamplerKind::NearestClamp}}, ctx.output(), &background, sizeof background);
}

void Particles::record(graph::RecordContext& ctx) {
    Push p{};
    p.color_start = color_start_;
    p.color_end = color_end_;
    p.position = position_;
    p.emitter_size = emitter_size_;
    p.gravity = gravity_;
    p.size = {size_start_.get(), size_end_.get()};
    // The clock wraps every 2^16 s (18 hours) so float time keeps sub-millisecond steps for days.
    p.time = static_cast<float>(std::fmod(ctx.time(), 65536.0));
    p.aspect = effects::aspect_of(ctx.extent());
    p.direction = direction_.get() * effects::kRadiansPerDegree;
    p.spread = spread_.get() * effects::kRadiansPerDegree;
    p.speed = speed_;
    p.speed_variation = speed_variation_;
    p.life = life_;
    p.life_variation = life_variation_;
    p.drag = drag_;
    p.turbulence = turbulence_;
    p.emitter = static_cast<std::int32_t>(emitter_.get());
    p.seed = static_cast<std::uint32_t>(seed_.get());
    p.points = look_.get() == ParticleLook::Point ? 1 : 0;
    p.count = static_cast<std::uint32_t>(count_.get());
    if (p.points && blend_.get() == SpriteBlend::Add && splat_) return record_splat(ctx, &p, sizeof p);
    gpu::GraphicsProgram& program = *programs_[static_cast<int>(look_.get())][static_cast<int>(blend_.get())];
    effects::draw_sprites(ctx, program, background_, static_cast<std::uint32_t>(count_.get()), &p, sizeof p);
}

}  // namespace loom
