#include <loom/effects/noise.hpp>

#include <algorithm>
#include <cmath>
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
// noise.comp's LOOM_NOISE_SPAN (pixels a workgroup covers each way, with and without shared
// corners), LOOM_NOISE_CACHE (lattice columns folded each way) and LOOM_NOISE_MAX_OCTAVES.
constexpr std::uint32_t kSharedSpan = 16, kPixelSpan = 8;
constexpr int kCache = 4, kMaxOctaves = 8;

// Whether noise.comp's folded corners alone give every pixel of a frame of `e` its Perlin: in
// every octave a workgroup's kSharedSpan pixels touch at most kCache - 1 cells each way (two cell
// edges), and no octave's wrap seam (a multiple of kWrap, where a cell's index falls back to 0)
// lies between two pixel centres of the image. With margins for the shader's float arithmetic.
bool folded_corners_cover(Extent e, const Push& p) {
    if (p.octaves > kMaxOctaves || e.width == 0 || e.height == 0) return false;
    const double per_pixel = double(p.scale) / double(e.height);  // noise units a pixel, both ways
    // The first and last pixel centres, each way.
    const double lo[2] = {p.offset.x + 0.5 * per_pixel, p.offset.y + 0.5 * per_pixel};
    const double hi[2] = {p.offset.x + (double(e.width) - 0.5) * per_pixel,
                          p.offset.y + (double(e.height) - 0.5) * per_pixel};
    double l = 1.0;  // lacunarity^octave
    for (int o = 0; o < p.octaves; ++o, l *= double(p.lacunarity)) {
        if (double(kSharedSpan - 1) * per_pixel * l > double(kCache - 2) - 0.1) return false;
        for (int a = 0; a < 2; ++a) {
            const double from = lo[a] * l, to = hi[a] * l;
            const double margin = 1e-4 * (1.0 + std::max(std::abs(from), std::abs(to)));
            if (std::abs(to) > 1e6 || std::abs(from) > 1e6 ||
                std::floor((from - margin) / kWrap) != std::floor((to + margin) / kWrap))
                return false;
        }
    }
    return true;
}

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
    // folded to planes once; docs/PERFORMANCE.md). A CPU device runs both sides of every branch,
    // so there the shared path pays for the per-pixel fallback too; it takes it only where the
    // folded corners alone cover every pixel (folded_corners_cover()), compiled without the
    // fallback, and computes each pixel's own corners elsewhere. The same numbers to float
    // rounding either way. LOOM_NOISE_SHARED=1 or 0 forces the shared or the per-pixel path on
    // any device (tests compare them).
    path_ = ctx.device().is_software() ? Path::SharedWhereFolded : Path::Shared;
    if (const char* v = std::getenv("LOOM_NOISE_SHARED"); v && (v == std::string_view("0") || v == std::string_view("1")))
        path_ = *v == '1' ? Path::Shared : Path::PerPixel;
    else if (v && *v)
        spdlog::warn("LOOM_NOISE_SHARED is '{}': it takes 1 (corners shared by a workgroup) or 0 (each pixel its own); "
                     "using the device's default",
                     v);
    // Its own main(), dispatched by tiles of span x span pixels: 2x2 pixels an invocation with
    // shared corners (their work is shared by 256 pixels), one without. The type picks the code
    // path (compiled in on a CPU device).
    auto desc = [](bool shared) {
        gpu::ProgramDesc d{"effects/noise.comp", 0, sizeof(Push), {}, {}, {1, 1}};
        d.defines.push_back({"LOOM_NOISE_SHARED_GRADIENTS", shared ? "1" : "0"});
        d.defines.push_back({"LOOM_NOISE_SPAN", std::to_string(shared ? kSharedSpan : kPixelSpan)});
        d.defines.push_back({"LOOM_NOISE_CACHE", std::to_string(kCache)});
        d.defines.push_back({"LOOM_NOISE_MAX_OCTAVES", std::to_string(kMaxOctaves)});
        return d;
    };
    const int type = static_cast<int>(type_.get());
    if (path_ == Path::Shared) return shared_.create(ctx, desc(true), type, 0);
    if (path_ == Path::PerPixel) return per_pixel_.create(ctx, desc(false), type);
    // A CPU device: Perlin starts with the folded corners alone (most settings let them cover
    // every pixel), other types with each pixel's own; the other program is built the first
    // frame that needs it.
    if (type_.get() == NoiseType::Perlin) {
        per_pixel_.prepare(ctx, desc(false));
        return shared_.create(ctx, desc(true), type, 1);
    }
    shared_.prepare(ctx, desc(true));
    return per_pixel_.create(ctx, desc(false), type);
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
    // Constant 1 (where the shared program is specialized: a CPU device): 1 where the folded
    // corners alone cover every pixel. A GPU's shared program ignores it: nothing to check.
    const bool folded = p.type == 0 && path_ != Path::PerPixel && shared_.specializes() &&
                        folded_corners_cover(ctx.extent(), p);
    used_shared_ = path_ == Path::Shared || (path_ == Path::SharedWhereFolded && folded);
    effects::ModeProgram& modes = used_shared_ ? shared_ : per_pixel_;
    gpu::Program* program = modes.get(ctx, p.type, used_shared_ ? int(folded) : -1);
    if (!program) return;
    const std::uint32_t span = used_shared_ ? kSharedSpan : kPixelSpan;
    ctx.dispatch_tiles(*program, {}, ctx.output(), &p, sizeof p, span, span);
}

}  // namespace loom
