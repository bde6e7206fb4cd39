// loom/effects/transform.hpp — Transform: scale, rotate (degrees, counter-clockwise) and translate
// (in output widths/heights) the input about `pivot` (uv, default the centre). Outside the input:
// Clamp (edge pixels), Repeat, Mirror, or Transparent.
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

enum class Wrap : std::uint8_t { Clamp, Repeat, Mirror, Transparent };
inline constexpr const char* kWrapLabels[] = {"clamp", "repeat", "mirror", "transparent"};

class Transform final : public OperatorT<Transform> {
public:
    static constexpr const char* kTypeName = "Transform";

    Transform& scale(glm::vec2 v) { scale_.set(v); return *this; }
    Transform& scale(float v) { scale_.set({v, v}); return *this; }
    Transform& rotate(Drive<float> degrees) { rotate_.set(degrees); return *this; }
    Transform& translate(glm::vec2 v) { translate_.set(v); return *this; }
    Transform& pivot(glm::vec2 v) { pivot_.set(v); return *this; }
    Transform& wrap(Wrap v) { wrap_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<glm::vec2> scale_{this, "scale", {1, 1}, {-1000, -1000}, {1000, 1000}};
    Param<float> rotate_{this, "rotate", 0.0f, -36000.0f, 36000.0f};
    Param<glm::vec2> translate_{this, "translate", {0, 0}, {-1000, -1000}, {1000, 1000}};
    Param<glm::vec2> pivot_{this, "pivot", {0.5f, 0.5f}, {-10, -10}, {10, 10}};
    EnumParam<Wrap> wrap_{this, "wrap", Wrap::Clamp, kWrapLabels};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
