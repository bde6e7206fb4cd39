// addons/render3d/src/gpu_data.hpp — the per-frame records Render3D uploads, laid out as
// shaders/render3d/scene.glsl declares them (std140 / std430: only vec4 and mat4 members).
#pragma once

#include <cstdint>

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

// The compute rasterizer's records (shaders/render3d/raster_data.glsl).
struct RasterView {
    glm::mat4 matrix;
    glm::vec4 origin;
    glm::vec4 planes[6];
    glm::vec4 reach;
    glm::vec4 bias;
    glm::uvec4 target;  // layer, width, height, flags
    glm::vec4 unused[2];
};
static_assert(sizeof(RasterView) == 256, "views are indexed by offset / 256");
inline constexpr std::uint32_t kViewCullBack = 1, kViewVisibility = 2;

struct RasterDraw {
    glm::uvec4 geometry;  // first vertex, first index, triangles, flags
    glm::uvec4 ids;       // first instance record, instances, first sphere, first surface id
};
static_assert(sizeof(RasterDraw) == 32, "draws are indexed by offset / 32");
inline constexpr std::uint32_t kDrawCasts = 1, kDrawMirrored = 2;

// render3d/rasterize.comp's push constants (both stages).
struct RasterPush {
    std::uint32_t job_first, job_count, threads, row, view_base, draw_base, capacity, width, max_tiles;
};
// render3d/raster_clear.comp's.
struct ClearPush {
    glm::uvec2 size;
    std::uint32_t queues, stride, counts;
};
// render3d/light.comp's.
struct LightPush {
    std::uint32_t draw_base, draw_count;
};

}  // namespace loom::render3d
