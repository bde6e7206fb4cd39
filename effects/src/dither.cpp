#include <loom/effects/dither.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include <loom/chain.hpp>
#include <loom/operator_registry.hpp>

#include "effects/src/effect_util.hpp"
#include "effects/src/examples.hpp"

namespace loom {

namespace {
struct Push {
    std::int32_t pattern;
    std::int32_t levels;
    float scale;
    std::int32_t monochrome;
};
static_assert(sizeof(Push) == 16);  // std430 offsets: vec4s, then vec2s, then scalars

const bool kRegistered = register_operator({
    .type = Dither::kTypeName,
    .category = "retro",
    .summary = "Fewer colour steps with ordered (Bayer 2/4/8), noise or blue-noise dithering; levels, cell "
               "size, monochrome.",
    .make = make_operator<Dither>,
    .example =
        [](Chain& c) {
            c.add<Dither>("dither").input(effects::example_picture(c)).pattern(DitherPattern::Bayer4).levels(3);
        },
});
}  // namespace

const std::vector<float>& blue_noise_tile() {
    static const std::vector<float> tile = [] {
        // Void and cluster on a torus: energy is a Gaussian (sigma 1.5) of the wrapped distance
        // to every set pixel; the tightest cluster is the set pixel of most energy, the largest
        // void the empty one of least.
        constexpr int n = kBlueNoiseSize, count = n * n;
        std::vector<float> kernel(count);
        for (int y = 0; y < n; ++y)
            for (int x = 0; x < n; ++x) {
                const int dx = std::min(x, n - x), dy = std::min(y, n - y);
                kernel[y * n + x] = std::exp(-float(dx * dx + dy * dy) / (2.0f * 1.5f * 1.5f));
            }
        std::vector<std::uint8_t> on(count, 0);
        std::vector<float> energy(count, 0.0f);
        auto toggle = [&](int i, bool set) {
            on[i] = set;
            const int px = i % n, py = i / n;
            const float sign = set ? 1.0f : -1.0f;
            for (int y = 0; y < n; ++y)
                for (int x = 0; x < n; ++x)
                    energy[y * n + x] += sign * kernel[((y - py + n) % n) * n + (x - px + n) % n];
        };
        auto extreme = [&](bool want_on, bool most) {
            int best = -1;
            for (int i = 0; i < count; ++i)
                if (bool(on[i]) == want_on && (best < 0 || (most ? energy[i] > energy[best] : energy[i] < energy[best])))
                    best = i;
            return best;
        };
        // A random start (a fixed seed: the same tile everywhere), relaxed until the tightest
        // cluster is the largest void.
        std::uint32_t state = 12345u;
        const int initial = count / 10;
        for (int k = 0; k < initial;) {
            state = state * 1664525u + 1013904223u;
            const int i = int((state >> 8) % std::uint32_t(count));
            if (!on[i]) toggle(i, true), ++k;
        }
        for (int guard = 0; guard < count; ++guard) {
            const int cluster = extreme(true, true);
            toggle(cluster, false);
            const int void_ = extreme(false, false);
            toggle(void_, true);
            if (void_ == cluster) break;
        }
        const std::vector<std::uint8_t> start = on;
        const std::vector<float> start_energy = energy;
        std::vector<int> rank(count, 0);
        for (int r = initial - 1; r >= 0; --r) {  // ranks below the start: take clusters away
            const int i = extreme(true, true);
            toggle(i, false);
            rank[i] = r;
        }
        on = start;
        energy = start_energy;
        for (int r = initial; r < count; ++r) {  // ranks above: fill the largest voids
            const int i = extreme(false, false);
            toggle(i, true);
            rank[i] = r;
        }
        std::vector<float> t(count);
        for (int i = 0; i < count; ++i) t[i] = (float(rank[i]) + 0.5f) / float(count);
        return t;
    }();
    return tile;
}

Result<void> Dither::create(graph::CreateContext& ctx) {
    blue_noise_tile();  // made here, once per process, not while a frame records
    tile_uploaded_to_ = nullptr;
    return effects::make_program(ctx, program_, "effects/dither.comp", 2, sizeof(Push),
                                 static_cast<int>(pattern_.get()));
}

void Dither::record(graph::RecordContext& ctx) {
    Push p{};
    p.pattern = static_cast<std::int32_t>(pattern_.get());
    p.levels = levels_.get();
    p.scale = scale_.get();
    p.monochrome = static_cast<std::int32_t>(monochrome_.get());
    gpu::Image* tile = ctx.scratch(0, {std::uint32_t(kBlueNoiseSize), std::uint32_t(kBlueNoiseSize)},
                                   VK_FORMAT_R32G32B32A32_SFLOAT, "dither.blue_noise");
    if (!tile) return;
    if (tile_uploaded_to_ != static_cast<const void*>(tile->get())) {
        const auto& t = blue_noise_tile();
        std::vector<float> rgba(t.size() * 4);  // once per tile image
        for (std::size_t i = 0; i < t.size(); ++i) rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = rgba[4 * i + 3] = t[i];
        if (!effects::upload_pixels(ctx, *tile, rgba.data(), rgba.size() * sizeof(float), "dither.blue_noise.staging"))
            return;
        tile_uploaded_to_ = tile->get();
    }
    gpu::Program* program = program_.get(ctx, p.pattern);
    if (!program) return;
    ctx.dispatch(*program,
                 {gpu::ImageBinding{&ctx.input(0), gpu::SamplerKind::LinearClamp},
                  gpu::ImageBinding{tile, gpu::SamplerKind::NearestClamp}},
                 ctx.output(), &p, sizeof p);
}

}  // namespace loom
