// loom/effects/particles.hpp — Particles: `count` glowing particles streaming from an emitter,
// computed on the GPU every frame.
//
// Each particle is born on the emitter (a point, a horizontal line, a disc, a ring or a box of
// `emitter_size` canvas heights centred on `position`, in uv), flies off in `direction` (degrees,
// counter-clockwise from the right: 90 is up) within `spread` at `speed` (canvas heights a second,
// less up to `speed_variation` of it), under `gravity` (canvas heights a second squared, a vector
// in uv's directions: +y is down) and `drag` (1/s), wanders by `turbulence`, lives
// `life` seconds (less up to `life_variation`), and is born again when it dies. Its colour and
// size go from `color_start`/`size_start` to `color_end`/`size_end` over its life (fade it out
// with an alpha of 0 at the end). With `look` sprite each is a soft disc of that size; with
// `look` point each is one pixel (sizes unused): the way to draw millions. Added (`blend` add:
// glows) or drawn over each other, on `background`. Points that are added up are summed by a
// compute pass where the device has float atomics (a million in under 0.1 ms on an H200, see
// docs/PERFORMANCE.md); sprites and points drawn over go through the graphics pipeline.
//
// Every particle's path is a closed form of its age (the exact solution of gravity with linear
// drag, plus a smooth wander), evaluated on the GPU from its index, the seed and the
// clock: nothing is stored or simulated step by step, so a million particles cost no memory,
// frame N is the same image however a render started, and `count` or any parameter can change
// (or be driven) every frame at no cost. Forces without a closed form (attractors, collisions) are
// not offered. The count alive at once is `count`: on average count / life are born each second.
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class GraphicsProgram;
class Program;
}

namespace loom {

enum class Emitter : std::uint8_t { Point, Line, Disc, Ring, Box };
inline constexpr const char* kEmitterLabels[] = {"point", "line", "disc", "ring", "box"};
enum class SpriteBlend : std::uint8_t { Add, Over };
inline constexpr const char* kSpriteBlendLabels[] = {"add", "over"};
enum class ParticleLook : std::uint8_t { Sprite, Point };
inline constexpr const char* kParticleLookLabels[] = {"sprite", "point"};

class Particles final : public OperatorT<Particles> {
public:
    static constexpr const char* kTypeName = "Particles";

    Particles& count(Drive<int> v) { count_.set(v); return *this; }
    Particles& emitter(Emitter v) { emitter_.set(v); return *this; }
    Particles& position(glm::vec2 v) { position_.set(v); return *this; }
    Particles& emitter_size(glm::vec2 v) { emitter_size_.set(v); return *this; }
    Particles& direction(Drive<float> degrees) { direction_.set(degrees); return *this; }
    Particles& spread(Drive<float> degrees) { spread_.set(degrees); return *this; }
    Particles& speed(Drive<float> v) { speed_.set(v); return *this; }
    Particles& speed_variation(Drive<float> v) { speed_variation_.set(v); return *this; }
    Particles& life(Drive<float> seconds) { life_.set(seconds); return *this; }
    Particles& life_variation(Drive<float> v) { life_variation_.set(v); return *this; }
    Particles& gravity(glm::vec2 v) { gravity_.set(v); return *this; }
    Particles& drag(Drive<float> v) { drag_.set(v); return *this; }
    Particles& turbulence(Drive<float> v) { turbulence_.set(v); return *this; }
    Particles& size_start(Drive<float> v) { size_start_.set(v); return *this; }
    Particles& size_end(Drive<float> v) { size_end_.set(v); return *this; }
    Particles& color_start(glm::vec4 v) { color_start_.set(v); return *this; }
    Particles& color_end(glm::vec4 v) { color_end_.set(v); return *this; }
    Particles& background(glm::vec4 v) { background_.set(v); return *this; }
    Particles& blend(SpriteBlend v) { blend_.set(v); return *this; }
    Particles& look(ParticleLook v) { look_.set(v); return *this; }
    Particles& seed(Drive<int> v) { seed_.set(v); return *this; }

    bool renders_output() const override { return true; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<int> count_{this, "count", 20000, 0, 4000000};
    EnumParam<Emitter> emitter_{this, "emitter", Emitter::Point, kEmitterLabels};
    Param<glm::vec2> position_{this, "position", {0.5f, 0.8f}, {-10.0f, -10.0f}, {10.0f, 10.0f}};
    Param<glm::vec2> emitter_size_{this, "emitter_size", {0.2f, 0.2f}, {0.0f, 0.0f}, {10.0f, 10.0f}};
    Param<float> direction_{this, "direction", 90.0f, -3600.0f, 3600.0f};
    Param<float> spread_{this, "spread", 30.0f, 0.0f, 360.0f};
    Param<float> speed_{this, "speed", 0.5f, 0.0f, 100.0f};
    Param<float> speed_variation_{this, "speed_variation", 0.3f, 0.0f, 1.0f};
    Param<float> life_{this, "life", 2.0f, 0.01f, 600.0f};
    Param<float> life_variation_{this, "life_variation", 0.3f, 0.0f, 1.0f};
    Param<glm::vec2> gravity_{this, "gravity", {0.0f, 0.3f}, {-100.0f, -100.0f}, {100.0f, 100.0f}};
    Param<float> drag_{this, "drag", 0.5f, 0.0f, 100.0f};
    Param<float> turbulence_{this, "turbulence", 0.05f, 0.0f, 10.0f};
    Param<float> size_start_{this, "size_start", 0.01f, 0.0f, 1.0f};
    Param<float> size_end_{this, "size_end", 0.003f, 0.0f, 1.0f};
    Param<glm::vec4> color_start_{this, "color_start", {1.0f, 0.7f, 0.3f, 1.0f}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    Param<glm::vec4> color_end_{this, "color_end", {0.8f, 0.2f, 0.6f, 0.0f}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    Param<glm::vec4> background_{this, "background", {0, 0, 0, 1}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    EnumParam<SpriteBlend> blend_{this, "blend", SpriteBlend::Add, kSpriteBlendLabels};
    EnumParam<ParticleLook> look_{this, "look", ParticleLook::Sprite, kParticleLookLabels};
    Param<int> seed_{this, "seed", 1, 0, 1 << 30};
    gpu::GraphicsProgram* programs_[2][2] = {};  // [look][blend]
    gpu::Program* splat_ = nullptr;    // points added up in compute, where the device has float atomics
    gpu::Program* resolve_ = nullptr;
    gpu::Program* clear_ = nullptr;
    void record_splat(graph::RecordContext& ctx, const void* push, std::size_t push_bytes);
};

}  // namespace loom
