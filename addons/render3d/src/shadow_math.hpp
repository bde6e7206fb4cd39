// addons/render3d/src/shadow_math.hpp — the matrices of Render3D's cameras and shadow maps, in
// Vulkan's clip space (depth 0..1, y down). Pure math: tested without a GPU.
#pragma once

#include <array>
#include <cstdint>

#include <glm/glm.hpp>

namespace loom::render3d {

struct Aabb {
    glm::vec3 min{1e30f}, max{-1e30f};
    bool empty() const { return min.x > max.x; }
    void add(glm::vec3 p) {
        min = glm::min(min, p);
        max = glm::max(max, p);
    }
    void add(const Aabb& b) {
        if (!b.empty()) add(b.min), add(b.max);
    }
};

// The box around `box` transformed by `m`.
Aabb transform_aabb(const Aabb& box, const glm::mat4& m);

// A matrix from its four rows (glm stores columns).
glm::mat4 from_rows(glm::vec4 r0, glm::vec4 r1, glm::vec4 r2, glm::vec4 r3);

// Perspective projection, looking down -Z of view space: depth 0 at `near`, 1 at `far`, y down.
glm::mat4 perspective_vk(float fov_y_radians, float aspect, float near, float far);
glm::mat4 orthographic_vk(float half_width, float half_height, float near, float far);
glm::mat4 look_at(glm::vec3 eye, glm::vec3 target, glm::vec3 up);

// Spot light: world → clip of the cone (half angle `outer_radians`), depth 0..1 over near..far.
glm::mat4 spot_matrix(glm::vec3 position, glm::vec3 direction, float outer_radians, float near, float far);

// Point light cube face `face` (+X, -X, +Y, -Y, +Z, -Z): (world - light position) → clip, laid out
// so that a direction samples the texel it was drawn to (the cube-map face selection rules).
glm::mat4 cube_face_matrix(std::uint32_t face, float near, float far);
// The depth the cube face stores for a point `axis_distance` along its major axis.
float cube_depth(float axis_distance, float near, float far);

// Cascade ends (view-space distances) for `count` cascades between near and far: a blend of
// uniform and logarithmic splits (lambda 0..1).
std::array<float, 4> cascade_splits(int count, float near, float far, float lambda = 0.75f);

struct CascadeFit {
    glm::mat4 matrix{1.0f};   // world → clip
    float texel_world = 0.0f; // metres per shadow-map texel
};

// An orthographic light matrix for the view-frustum slice between `d0` and `d1` (view-space
// distances), covering the slice's bounding sphere (stable under camera rotation), snapped to
// whole texels (no shimmering when the camera moves), and reaching back towards the light to
// every caster in `casters`.
CascadeFit fit_cascade(const glm::mat4& inv_view, float fov_y_radians, float aspect, bool ortho, float ortho_height,
                       float d0, float d1, glm::vec3 light_dir, const Aabb& casters, std::uint32_t map_size);

// The six planes of the clip volume of `m` (Vulkan: -w <= x, y <= w, 0 <= z <= w), in the space
// `m` takes points from, each (normal, offset) with a unit normal pointing inside.
using Planes = std::array<glm::vec4, 6>;
Planes frustum_planes(const glm::mat4& m);
// Whether a sphere lies wholly outside one of the planes: nothing of it can be drawn.
inline bool sphere_outside(const Planes& planes, glm::vec3 center, float radius) {
    for (const glm::vec4& p : planes)
        if (glm::dot(glm::vec3(p), center) + p.w < -radius) return true;
    return false;
}

}  // namespace loom::render3d
