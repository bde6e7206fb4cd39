// loom/effects/noise.hpp — Noise: fractal noise between two colours.
//
//   chain.add<Noise>("noise").type(NoiseType::Simplex).scale(4).octaves(5).speed(0.3f);
//
// type: Perlin (gradient), Simplex, Worley (cellular, distance to nearest point), Value.
// scale: cells across the canvas height; octaves: layers of detail (1..8), each `lacunarity`
// times finer and `gain` times weaker; speed: how fast it evolves (time * speed moves through the
// third dimension); offset: pans; seed: another pattern. No inputs; canvas-sized by default.
#pragma once

#include <loom/effects/mode_program.hpp>
#include <loom/operator.hpp>

namespace loom {

enum class NoiseType : std::uint8_t { Perlin, Simplex, Worley, Value };
inline constexpr const char* kNoiseTypeLabels[] = {"perlin", "simplex", "worley", "value"};

class Noise final : public OperatorT<Noise> {
public:
    static constexpr const char* kTypeName = "Noise";

    Noise& type(NoiseType v) { type_.set(v); return *this; }
    Noise& scale(Drive<float> v) { scale_.set(v); return *this; }
    Noise& octaves(Drive<int> v) { octaves_.set(v); return *this; }
    Noise& lacunarity(Drive<float> v) { lacunarity_.set(v); return *this; }
    Noise& gain(Drive<float> v) { gain_.set(v); return *this; }
    Noise& speed(Drive<float> v) { speed_.set(v); return *this; }
    Noise& offset(glm::vec2 v) { offset_.set(v); return *this; }
    Noise& seed(Drive<int> v) { seed_.set(v); return *this; }
    Noise& color_a(glm::vec4 v) { color_a_.set(v); return *this; }
    Noise& color_b(glm::vec4 v) { color_b_.set(v); return *this; }

    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;
    // Whether the last frame's Perlin came from corners folded once per workgroup (see
    // noise.comp): always on a GPU, on a CPU device where they alone cover every pixel.
    bool used_shared_corners() const { return used_shared_; }

private:
    EnumParam<NoiseType> type_{this, "type", NoiseType::Perlin, kNoiseTypeLabels};
    Param<float> scale_{this, "scale", 4.0f, 0.01f, 1000.0f};
    Param<int> octaves_{this, "octaves", 4, 1, 8};
    Param<float> lacunarity_{this, "lacunarity", 2.0f, 1.0f, 4.0f};
    Param<float> gain_{this, "gain", 0.5f, 0.0f, 1.0f};
    Param<float> speed_{this, "speed", 0.0f, -100.0f, 100.0f};
    Param<glm::vec2> offset_{this, "offset", {0.0f, 0.0f}, {-1e6f, -1e6f}, {1e6f, 1e6f}};
    Param<int> seed_{this, "seed", 0, 0, 1 << 30};
    Param<glm::vec4> color_a_{this, "color_a", {0, 0, 0, 1}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    Param<glm::vec4> color_b_{this, "color_b", {1, 1, 1, 1}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    enum class Path : std::uint8_t { PerPixel, Shared, SharedWhereFolded };
    Path path_ = Path::Shared;
    effects::ModeProgram per_pixel_;  // each pixel its own corners: 8x8 pixels a workgroup
    effects::ModeProgram shared_;     // corners folded per workgroup: 16x16 pixels a workgroup
    bool used_shared_ = false;
};

}  // namespace loom
