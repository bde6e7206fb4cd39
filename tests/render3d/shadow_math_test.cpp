// Render3D's shadow and camera matrices, checked without a GPU.
#include <cmath>

#include <gtest/gtest.h>

#include "addons/render3d/src/shadow_math.hpp"

namespace loom::render3d {
namespace {

glm::vec3 project(const glm::mat4& m, glm::vec3 p) {
    const glm::vec4 c = m * glm::vec4(p, 1.0f);
    return glm::vec3(c) / c.w;
}

// A direction's texel on a cube face by the cube-map selection rules (what sampling reads).
void cube_sample(glm::vec3 r, int& face, float& s, float& t) {
    const glm::vec3 a = glm::abs(r);
    float sc, tc, ma;
    if (a.x >= a.y && a.x >= a.z) {
        face = r.x > 0 ? 0 : 1;
        ma = a.x;
        sc = r.x > 0 ? -r.z : r.z;
        tc = -r.y;
    } else if (a.y >= a.z) {
        face = r.y > 0 ? 2 : 3;
        ma = a.y;
        sc = r.x;
        tc = r.y > 0 ? r.z : -r.z;
    } else {
        face = r.z > 0 ? 4 : 5;
        ma = a.z;
        sc = r.z > 0 ? r.x : -r.x;
        tc = -r.y;
    }
    s = 0.5f * (sc / ma + 1.0f);
    t = 0.5f * (tc / ma + 1.0f);
}

TEST(ShadowMath, CubeFacesDrawWhereSamplingReads) {
    const glm::vec3 dirs[] = {{1, 0.2f, -0.3f}, {-1, 0.4f, 0.1f}, {0.3f, 1, -0.2f},  {0.1f, -1, 0.45f},
                              {-0.2f, 0.3f, 1}, {0.25f, -0.1f, -1}, {0.9f, 0.8f, 0.1f}};
    for (glm::vec3 d : dirs) {
        int face;
        float s, t;
        cube_sample(d, face, s, t);
        const glm::vec3 c = project(cube_face_matrix(std::uint32_t(face), 0.05f, 20.0f), d * 3.0f);
        // Framebuffer x = (ndc.x + 1) / 2, y = (ndc.y + 1) / 2 (y down): the sampled texel.
        EXPECT_NEAR((c.x + 1.0f) * 0.5f, s, 1e-5f) << "face " << face;
        EXPECT_NEAR((c.y + 1.0f) * 0.5f, t, 1e-5f) << "face " << face;
        EXPECT_GT(c.z, 0.0f);
        EXPECT_LT(c.z, 1.0f);
        const float ma = std::max(std::abs(d.x), std::max(std::abs(d.y), std::abs(d.z))) * 3.0f;
        EXPECT_NEAR(c.z, cube_depth(ma, 0.05f, 20.0f), 1e-5f);
    }
}

TEST(ShadowMath, PerspectiveMapsNearAndFarToZeroAndOne) {
    const glm::mat4 p = perspective_vk(1.0f, 16.0f / 9.0f, 0.5f, 50.0f);
    EXPECT_NEAR(project(p, {0, 0, -0.5f}).z, 0.0f, 1e-5f);
    EXPECT_NEAR(project(p, {0, 0, -50.0f}).z, 1.0f, 1e-5f);
    EXPECT_LT(project(p, {0, 1, -5.0f}).y, 0.0f);  // up is towards row 0 (Vulkan's y points down)
}

TEST(ShadowMath, SpotMatrixCoversItsCone) {
    const glm::vec3 pos{0, 5, 0}, dir{0, -1, 0};
    const glm::mat4 m = spot_matrix(pos, dir, 0.5f, 0.1f, 20.0f);
    const glm::vec3 centre = project(m, {0, 0, 0});
    EXPECT_NEAR(centre.x, 0.0f, 1e-5f);
    EXPECT_NEAR(centre.y, 0.0f, 1e-5f);
    EXPECT_GT(centre.z, 0.0f);
    EXPECT_LT(centre.z, 1.0f);
    // A point on the cone's edge lands on the map's edge.
    const glm::vec3 edge = project(m, {5.0f * std::tan(0.5f), 0, 0});
    EXPECT_NEAR(std::max(std::abs(edge.x), std::abs(edge.y)), 1.0f, 1e-4f);
}

TEST(ShadowMath, CascadeCoversItsSliceAndTheCastersBehindIt) {
    const glm::mat4 view = look_at({0, 2, 10}, {0, 0, 0}, {0, 1, 0});
    const glm::mat4 inv = glm::inverse(view);
    Aabb casters;
    casters.add({-1, 0, -1});
    casters.add({1, 30, 1});  // a tall caster reaching towards the light
    const CascadeFit fit = fit_cascade(inv, 0.9f, 1.5f, false, 0.0f, 0.1f, 8.0f, {0, -1, 0}, casters, 1024);
    // Every corner of the slice is inside the map.
    for (int i = 0; i < 8; ++i) {
        const float d = (i & 4) ? 8.0f : 0.1f;
        const float hh = d * std::tan(0.45f), hw = hh * 1.5f;
        const glm::vec3 w = glm::vec3(inv * glm::vec4((i & 1) ? hw : -hw, (i & 2) ? hh : -hh, -d, 1.0f));
        const glm::vec3 c = project(fit.matrix, w);
        EXPECT_LE(std::abs(c.x), 1.0f + 1e-3f);
        EXPECT_LE(std::abs(c.y), 1.0f + 1e-3f);
        EXPECT_GE(c.z, 0.0f);
        EXPECT_LE(c.z, 1.0f);
    }
    // The caster's top, above the slice, is still in front of the far plane and behind the near one.
    EXPECT_GE(project(fit.matrix, {0, 30, 0}).z, 0.0f);
    EXPECT_GT(fit.texel_world, 0.0f);
}

TEST(ShadowMath, CascadeSplitsGrowAndEndAtFar) {
    const auto s = cascade_splits(3, 0.1f, 60.0f);
    EXPECT_LT(s[0], s[1]);
    EXPECT_LT(s[1], s[2]);
    EXPECT_FLOAT_EQ(s[2], 60.0f);
    EXPECT_GT(s[0], 0.1f);
}

TEST(ShadowMath, TransformedBoxContainsTransformedCorners) {
    Aabb b;
    b.add({-1, -2, -0.5f});
    b.add({1, 2, 0.5f});
    glm::mat4 m(1.0f);
    m = from_rows({0.7f, -0.7f, 0, 3}, {0.7f, 0.7f, 0, -1}, {0, 0, 2, 0.5f}, {0, 0, 0, 1});
    const Aabb t = transform_aabb(b, m);
    for (int i = 0; i < 8; ++i) {
        const glm::vec3 p{(i & 1) ? 1.0f : -1.0f, (i & 2) ? 2.0f : -2.0f, (i & 4) ? 0.5f : -0.5f};
        const glm::vec3 q = glm::vec3(m * glm::vec4(p, 1.0f));
        for (int k = 0; k < 3; ++k) {
            EXPECT_GE(q[k], t.min[k] - 1e-5f);
            EXPECT_LE(q[k], t.max[k] + 1e-5f);
        }
    }
}


TEST(ShadowMath, FrustumPlanesCullOnlySpheresThatCannotBeDrawn) {
    // A cube face (relative to the light) and a spot cone: a sphere culled by the planes has no
    // point inside the clip volume; one kept has.
    const glm::mat4 face = cube_face_matrix(0, 0.05f, 10.0f);  // +X
    const Planes fp = frustum_planes(face);
    EXPECT_FALSE(sphere_outside(fp, {5, 0, 0}, 0.1f));       // on the axis
    EXPECT_TRUE(sphere_outside(fp, {-5, 0, 0}, 0.5f));       // behind
    EXPECT_TRUE(sphere_outside(fp, {12, 0, 0}, 0.5f));       // past the range
    EXPECT_TRUE(sphere_outside(fp, {2, 4, 0}, 0.5f));        // the +Y face's
    EXPECT_FALSE(sphere_outside(fp, {2, 2.3f, 0}, 0.5f));    // straddles the edge between the two faces
    EXPECT_FALSE(sphere_outside(fp, {-0.2f, 0, 0}, 0.5f));   // reaches in across the near plane
    const glm::mat4 spot = spot_matrix({0, 5, 0}, {0, -1, 0}, 0.5f, 0.1f, 20.0f);
    const Planes sp = frustum_planes(spot);
    EXPECT_FALSE(sphere_outside(sp, {0, 0, 0}, 0.5f));
    EXPECT_TRUE(sphere_outside(sp, {10, 0, 0}, 0.5f));  // outside the cone
    EXPECT_TRUE(sphere_outside(sp, {0, 8, 0}, 0.5f));   // above the light
    // The planes agree with projecting points: a few samples on either side of the cone's edge.
    for (float x : {2.0f, 2.5f, 2.7f, 2.8f, 3.0f}) {
        const glm::vec3 p{x, 0, 0};
        const glm::vec4 c = spot * glm::vec4(p, 1.0f);
        const bool inside = std::abs(c.x) <= c.w && std::abs(c.y) <= c.w && c.z >= 0 && c.z <= c.w;
        EXPECT_EQ(!sphere_outside(sp, p, 0.0f), inside) << "x " << x;
    }
}

}  // namespace
}  // namespace loom::render3d
