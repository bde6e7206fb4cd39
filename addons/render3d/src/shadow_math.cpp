#include "addons/render3d/src/shadow_math.hpp"

#include <algorithm>
#include <cmath>

namespace loom::render3d {

Aabb transform_aabb(const Aabb& box, const glm::mat4& m) {
    if (box.empty()) return box;
    const glm::vec3 c = (box.min + box.max) * 0.5f;
    const glm::vec3 e = (box.max - box.min) * 0.5f;
    const glm::vec3 nc = glm::vec3(m * glm::vec4(c, 1.0f));
    glm::vec3 ne(0.0f);
    for (int r = 0; r < 3; ++r) ne[r] = std::abs(m[0][r]) * e.x + std::abs(m[1][r]) * e.y + std::abs(m[2][r]) * e.z;
    return Aabb{nc - ne, nc + ne};
}

glm::mat4 from_rows(glm::vec4 r0, glm::vec4 r1, glm::vec4 r2, glm::vec4 r3) {
    glm::mat4 m;
    for (int c = 0; c < 4; ++c) m[c] = glm::vec4(r0[c], r1[c], r2[c], r3[c]);
    return m;
}

glm::mat4 perspective_vk(float fov_y, float aspect, float n, float f) {
    const float t = 1.0f / std::tan(fov_y * 0.5f);
    // View space looks down -Z; clip y points down (Vulkan), depth 0 at near, 1 at far.
    return from_rows({t / aspect, 0, 0, 0}, {0, -t, 0, 0}, {0, 0, f / (n - f), f * n / (n - f)}, {0, 0, -1, 0});
}

glm::mat4 orthographic_vk(float hw, float hh, float n, float f) {
    return from_rows({1.0f / hw, 0, 0, 0}, {0, -1.0f / hh, 0, 0}, {0, 0, -1.0f / (f - n), -n / (f - n)}, {0, 0, 0, 1});
}

glm::mat4 look_at(glm::vec3 eye, glm::vec3 target, glm::vec3 up) {
    glm::vec3 f = target - eye;
    if (glm::dot(f, f) < 1e-12f) f = {0, 0, -1};
    f = glm::normalize(f);
    if (std::abs(glm::dot(f, glm::normalize(up))) > 0.999f) up = std::abs(f.y) < 0.9f ? glm::vec3(0, 1, 0) : glm::vec3(0, 0, 1);
    const glm::vec3 s = glm::normalize(glm::cross(f, up));
    const glm::vec3 u = glm::cross(s, f);
    return from_rows({s, -glm::dot(s, eye)}, {u, -glm::dot(u, eye)}, {-f, glm::dot(f, eye)}, {0, 0, 0, 1});
}

namespace {
// An orthonormal basis with `forward` as its third axis.
void basis(glm::vec3 forward, glm::vec3& right, glm::vec3& up) {
    const glm::vec3 helper = std::abs(forward.y) < 0.99f ? glm::vec3(0, 1, 0) : glm::vec3(1, 0, 0);
    right = glm::normalize(glm::cross(helper, forward));
    up = glm::cross(forward, right);
}
}  // namespace

glm::mat4 spot_matrix(glm::vec3 pos, glm::vec3 dir, float outer, float n, float f) {
    const glm::vec3 fwd = glm::normalize(dir);
    glm::vec3 right, up;
    basis(fwd, right, up);
    const float t = 1.0f / std::tan(std::clamp(outer, 0.01f, 1.55f));
    const float a = f / (f - n), b = -f * n / (f - n);
    // view coordinates x = right·(p-pos), y = up·(p-pos), z = fwd·(p-pos) (positive ahead)
    const glm::vec4 rx{right, -glm::dot(right, pos)}, ry{up, -glm::dot(up, pos)}, rz{fwd, -glm::dot(fwd, pos)};
    return from_rows(rx * t, ry * t, rz * a + glm::vec4(0, 0, 0, b), rz);
}

glm::mat4 cube_face_matrix(std::uint32_t face, float n, float f) {
    const float a = f / (f - n), b = -f * n / (f - n);
    // Rows for (s, t, ma): the Vulkan cube-map face selection table.
    glm::vec4 sc, tc, ma;
    switch (face) {
        case 0: sc = {0, 0, -1, 0}; tc = {0, -1, 0, 0}; ma = {1, 0, 0, 0}; break;   // +X
        case 1: sc = {0, 0, 1, 0}; tc = {0, -1, 0, 0}; ma = {-1, 0, 0, 0}; break;   // -X
        case 2: sc = {1, 0, 0, 0}; tc = {0, 0, 1, 0}; ma = {0, 1, 0, 0}; break;     // +Y
        case 3: sc = {1, 0, 0, 0}; tc = {0, 0, -1, 0}; ma = {0, -1, 0, 0}; break;   // -Y
        case 4: sc = {1, 0, 0, 0}; tc = {0, -1, 0, 0}; ma = {0, 0, 1, 0}; break;    // +Z
        default: sc = {-1, 0, 0, 0}; tc = {0, -1, 0, 0}; ma = {0, 0, -1, 0}; break; // -Z
    }
    return from_rows(sc, tc, ma * a + glm::vec4(0, 0, 0, b), ma);
}

float cube_depth(float d, float n, float f) { return f / (f - n) - f * n / ((f - n) * d); }

std::array<float, 4> cascade_splits(int count, float n, float f, float lambda) {
    std::array<float, 4> out{f, f, f, f};
    count = std::clamp(count, 1, 4);
    for (int i = 1; i <= count; ++i) {
        const float p = float(i) / float(count);
        const float lg = n * std::pow(f / n, p);
        const float un = n + (f - n) * p;
        out[i - 1] = lambda * lg + (1.0f - lambda) * un;
    }
    out[count - 1] = f;
    return out;
}

CascadeFit fit_cascade(const glm::mat4& inv_view, float fov_y, float aspect, bool ortho, float ortho_height, float d0,
                       float d1, glm::vec3 light_dir, const Aabb& casters, std::uint32_t map_size) {
    // The slice's eight corners in world space.
    std::array<glm::vec3, 8> corners;
    for (int i = 0; i < 8; ++i) {
        const float d = (i & 4) ? d1 : d0;
        const float hh = ortho ? ortho_height * 0.5f : d * std::tan(fov_y * 0.5f);
        const float hw = hh * aspect;
        const glm::vec4 v{(i & 1) ? hw : -hw, (i & 2) ? hh : -hh, -d, 1.0f};
        corners[i] = glm::vec3(inv_view * v);
    }
    glm::vec3 center(0.0f);
    for (auto& c : corners) center += c;
    center /= 8.0f;
    float radius = 0.0f;
    for (auto& c : corners) radius = std::max(radius, glm::length(c - center));
    radius = std::ceil(radius * 16.0f) / 16.0f;  // steady as the camera turns

    const glm::vec3 fwd = glm::normalize(light_dir);
    glm::vec3 right, up;
    basis(fwd, right, up);
    // Snap the centre to whole texels in light space.
    const float texel = 2.0f * radius / float(map_size);
    float cx = glm::dot(center, right), cy = glm::dot(center, up);
    cx = std::floor(cx / texel) * texel;
    cy = std::floor(cy / texel) * texel;
    const float cz = glm::dot(center, fwd);
    float z0 = cz - radius, z1 = cz + radius;
    if (!casters.empty()) {
        // Casters between the light and the slice must be in the map too.
        for (int i = 0; i < 8; ++i) {
            const glm::vec3 p{(i & 1) ? casters.max.x : casters.min.x, (i & 2) ? casters.max.y : casters.min.y,
                              (i & 4) ? casters.max.z : casters.min.z};
            z0 = std::min(z0, glm::dot(p, fwd));
        }
    }
    z0 -= 0.05f * (z1 - z0) + 0.01f;
    const float inv_r = 1.0f / radius, inv_z = 1.0f / (z1 - z0);
    CascadeFit fit;
    fit.matrix = from_rows({right * inv_r, -cx * inv_r}, {up * inv_r, -cy * inv_r}, {fwd * inv_z, -z0 * inv_z},
                           {0, 0, 0, 1});
    fit.texel_world = texel;
    return fit;
}

Planes frustum_planes(const glm::mat4& m) {
    auto row = [&m](int i) { return glm::vec4(m[0][i], m[1][i], m[2][i], m[3][i]); };
    const glm::vec4 x = row(0), y = row(1), z = row(2), w = row(3);
    Planes planes{w + x, w - x, w + y, w - y, z, w - z};
    for (glm::vec4& p : planes) {
        const float len = glm::length(glm::vec3(p));
        p = len > 0.0f ? p / len : glm::vec4(0.0f, 0.0f, 0.0f, 1.0f);  // a degenerate plane culls nothing
    }
    return planes;
}

}  // namespace loom::render3d
