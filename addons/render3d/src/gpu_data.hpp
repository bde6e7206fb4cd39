// addons/render3d/src/gpu_data.hpp — the per-frame records Render3D uploads, laid out as
// shaders/render3d/scene.glsl declares them (std140 / std430: only vec4 and mat4 members).
#pragma once

#include <glm/glm.hpp>

namespace loom::render3d {

inline constexpr int kMaxLights = 8;
inline constexpr int kMaxShadows = 4;
inline constexpr int kMaxCascades = 4;

struct GpuLight {
    glm::vec4 position_range;
    glm::vec4 direction_type;
    glm::vec4 color_intensity;
    glm::vec4 cone_shadow;
    glm::vec4 shadow_params;
    glm::vec4 cascade_ends;
    glm::vec4 texel_world;
};

struct GpuFrame {
    glm::mat4 view;
    glm::mat4 proj;
    glm::mat4 view_proj;
    glm::mat4 inv_view_proj;
    glm::vec4 camera_pos;
    glm::vec4 ambient;
    glm::vec4 params;
    glm::vec4 background;
    GpuLight lights[kMaxLights];
    glm::mat4 shadow_matrices[kMaxShadows * kMaxCascades];
};

struct GpuInstance {
    glm::mat4 model;
    glm::vec4 color;
    glm::vec4 material;
    glm::vec4 emissive;
    glm::vec4 extra;
};
static_assert(sizeof(GpuInstance) == 128, "instances are indexed by offset / 128");

struct ShadowPush {
    glm::mat4 light_view_proj;
    glm::vec4 light_origin;
};

}  // namespace loom::render3d
