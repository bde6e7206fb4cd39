// loom/effects/point_sprites.hpp — PointSprites: the input as a grid of soft round sprites, each
// the input's colour at its place: LED walls, halftone dots, pointillism.
//
// `columns` sprites across (rows follow the output's aspect, so cells are square); each sprite
// is `dot_size` of its cell across, times the input's luminance (`size_by` luminance: a halftone)
// or alpha, or not scaled (`size_by` none). `jitter` moves each one by up to that share of a
// cell at random (from `seed`), so the grid stops looking like one. Added (glows) or drawn over
// each other, on `background`.
#pragma once

#include <loom/operator.hpp>
#include <loom/effects/particles.hpp>

namespace loom::gpu {
class GraphicsProgram;
}

namespace loom {

enum class SpriteSize : std::uint8_t { None, Luminance, Alpha };
inline constexpr const char* kSpriteSizeLabels[] = {"none", "luminance", "alpha"};

class PointSprites final : public OperatorT<PointSprites> {
public:
    static constexpr const char* kTypeName = "PointSprites";

    PointSprites& columns(Drive<int> v) { columns_.set(v); return *this; }
    PointSprites& dot_size(Drive<float> v) { dot_size_.set(v); return *this; }
    PointSprites& size_by(SpriteSize v) { size_by_.set(v); return *this; }
    PointSprites& jitter(Drive<float> v) { jitter_.set(v); return *this; }
    PointSprites& brightness(Drive<float> v) { brightness_.set(v); return *this; }
    PointSprites& background(glm::vec4 v) { background_.set(v); return *this; }
    PointSprites& blend(SpriteBlend v) { blend_.set(v); return *this; }
    PointSprites& seed(Drive<int> v) { seed_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    bool renders_output() const override { return true; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<int> columns_{this, "columns", 64, 1, 2048};
    Param<float> dot_size_{this, "dot_size", 1.0f, 0.0f, 8.0f};
    EnumParam<SpriteSize> size_by_{this, "size_by", SpriteSize::Luminance, kSpriteSizeLabels};
    Param<float> jitter_{this, "jitter", 0.0f, 0.0f, 4.0f};
    Param<float> brightness_{this, "brightness", 1.0f, 0.0f, 64.0f};
    Param<glm::vec4> background_{this, "background", {0, 0, 0, 1}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    EnumParam<SpriteBlend> blend_{this, "blend", SpriteBlend::Over, kSpriteBlendLabels};
    Param<int> seed_{this, "seed", 1, 0, 1 << 30};
    gpu::GraphicsProgram* added_ = nullptr;
    gpu::GraphicsProgram* over_ = nullptr;
};

}  // namespace loom
