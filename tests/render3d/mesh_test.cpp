// tests/render3d/mesh_test.cpp — render3d's CPU-side meshes: generated shapes, tangents, and the OBJ
// and glTF loaders (valid files, and broken ones that must fail with a message naming the file).
// No GPU.

#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <loom/render3d/mesh.hpp>

using namespace loom;

namespace {

// ---------------------------------------------------------------------------------------------
// Shape checks
// ---------------------------------------------------------------------------------------------

constexpr float kEps = 1e-4f;

bool finite(glm::vec3 v) {
    return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
}

// Indices, normals, tangents, UVs and bounds: everything every mesh must satisfy.
void expect_well_formed(const MeshData& m) {
    ASSERT_FALSE(m.vertices.empty());
    ASSERT_FALSE(m.indices.empty());
    EXPECT_EQ(m.indices.size() % 3, 0u);
    for (std::uint32_t i : m.indices)
        ASSERT_LT(i, m.vertices.size());
    int bad_normal = 0, bad_tangent = 0, bad_uv = 0, bad_position = 0;
    glm::vec3 lo(1e30f), hi(-1e30f);
    for (const Vertex& v : m.vertices) {
        if (!finite(v.position)) ++bad_position;
        if (std::abs(glm::length(v.normal) - 1.0f) > kEps) ++bad_normal;
        const glm::vec3 t(v.tangent);
        if (std::abs(glm::length(t) - 1.0f) > kEps || std::abs(glm::dot(t, v.normal)) > kEps ||
            std::abs(std::abs(v.tangent.w) - 1.0f) > 0.0f)
            ++bad_tangent;
        if (!(v.uv.x >= 0.0f && v.uv.x <= 1.0f && v.uv.y >= 0.0f && v.uv.y <= 1.0f)) ++bad_uv;
        lo = glm::min(lo, v.position);
        hi = glm::max(hi, v.position);
    }
    EXPECT_EQ(bad_position, 0) << m.name;
    EXPECT_EQ(bad_normal, 0) << m.name << ": normals not of unit length";
    EXPECT_EQ(bad_tangent, 0) << m.name << ": tangents not unit, not orthogonal to the normal, or w not +-1";
    EXPECT_EQ(bad_uv, 0) << m.name << ": UVs outside [0, 1]";
    for (int c = 0; c < 3; ++c) {
        EXPECT_FLOAT_EQ(m.bounds_min[c], lo[c]) << m.name;
        EXPECT_FLOAT_EQ(m.bounds_max[c], hi[c]) << m.name;
    }
}

// Every triangle counter-clockwise seen from the side its vertex normals point to, and every normal
// pointing away from `centre_of(position)` (the shape's centre; for a torus the tube's centre).
void expect_outward_ccw(const MeshData& m, const std::function<glm::vec3(glm::vec3)>& centre_of) {
    int inward_winding = 0, degenerate = 0, inward_normal = 0;
    for (std::size_t t = 0; t < m.indices.size(); t += 3) {
        const Vertex &a = m.vertices[m.indices[t]], &b = m.vertices[m.indices[t + 1]],
                     &c = m.vertices[m.indices[t + 2]];
        const glm::vec3 face = glm::cross(b.position - a.position, c.position - a.position);
        if (glm::length(face) <= 1e-12f) ++degenerate;
        if (!(glm::dot(face, a.normal + b.normal + c.normal) > 0.0f)) ++inward_winding;
    }
    for (const Vertex& v : m.vertices)
        if (glm::dot(v.normal, v.position - centre_of(v.position)) < -kEps) ++inward_normal;
    EXPECT_EQ(degenerate, 0) << m.name;
    EXPECT_EQ(inward_winding, 0) << m.name << ": triangles wound clockwise seen from outside";
    EXPECT_EQ(inward_normal, 0) << m.name << ": normals pointing inwards";
}

glm::vec3 origin(glm::vec3) {
    return glm::vec3(0.0f);
}

void expect_bounds(const MeshData& m, glm::vec3 lo, glm::vec3 hi) {
    for (int c = 0; c < 3; ++c) {
        EXPECT_NEAR(m.bounds_min[c], lo[c], 1e-5f) << m.name << " axis " << c;
        EXPECT_NEAR(m.bounds_max[c], hi[c], 1e-5f) << m.name << " axis " << c;
    }
}

}  // namespace

TEST(MeshShapes, BoxIsOutwardWithFaceNormalsAndSizedBounds) {
    const MeshData m = mesh::box({1.0f, 2.0f, 3.0f});
    expect_well_formed(m);
    expect_outward_ccw(m, origin);
    EXPECT_EQ(m.vertices.size(), 24u);
    EXPECT_EQ(m.triangle_count(), 12u);
    expect_bounds(m, {-0.5f, -1.0f, -1.5f}, {0.5f, 1.0f, 1.5f});
    // Each face's normal is one of the six axes, and its vertices lie on that face.
    for (const Vertex& v : m.vertices) {
        const glm::vec3 n = v.normal;
        EXPECT_NEAR(std::abs(n.x) + std::abs(n.y) + std::abs(n.z), 1.0f, 1e-6f);
        EXPECT_NEAR(glm::dot(v.position, n), glm::dot(glm::abs(n), glm::vec3(0.5f, 1.0f, 1.5f)), 1e-6f);
    }
}

TEST(MeshShapes, SphereIsOutwardWithRadialNormals) {
    const MeshData m = mesh::sphere(0.7f, 32, 16);
    expect_well_formed(m);
    expect_outward_ccw(m, origin);
    expect_bounds(m, glm::vec3(-0.7f), glm::vec3(0.7f));
    EXPECT_EQ(m.triangle_count(), std::size_t(32 * 16 * 2 - 2 * 32));  // pole rows: one triangle per column
    for (const Vertex& v : m.vertices) {
        EXPECT_NEAR(glm::length(v.position), 0.7f, 1e-5f);
        EXPECT_LT(glm::length(v.normal - v.position / 0.7f), 1e-4f);
    }
}

TEST(MeshShapes, CylinderIsOutwardWithCaps) {
    const MeshData m = mesh::cylinder(0.4f, 1.5f, 32);
    expect_well_formed(m);
    expect_outward_ccw(m, origin);
    expect_bounds(m, {-0.4f, -0.75f, -0.4f}, {0.4f, 0.75f, 0.4f});
    int up = 0, down = 0;
    for (const Vertex& v : m.vertices) {
        up += v.normal.y > 0.99f;
        down += v.normal.y < -0.99f;
    }
    EXPECT_EQ(up, 33);  // the top cap: centre and 32 around
    EXPECT_EQ(down, 33);
}

TEST(MeshShapes, ConeIsOutwardWithApexOnTop) {
    const MeshData m = mesh::cone(0.4f, 1.5f, 32);
    expect_well_formed(m);
    expect_outward_ccw(m, origin);
    expect_bounds(m, {-0.4f, -0.75f, -0.4f}, {0.4f, 0.75f, 0.4f});
    // The side normals lean up by atan(radius / height).
    const float expected_y = 0.4f / std::sqrt(0.4f * 0.4f + 1.5f * 1.5f);
    for (const Vertex& v : m.vertices) {
        if (v.normal.y > 0.0f) {
            EXPECT_NEAR(v.normal.y, expected_y, 1e-5f);
        }
    }
}

TEST(MeshShapes, TorusIsOutwardFromItsTube) {
    const MeshData m = mesh::torus(0.5f, 0.2f, 48, 24);
    expect_well_formed(m);
    const auto tube_centre = [](glm::vec3 p) { return glm::normalize(glm::vec3(p.x, 0.0f, p.z)) * 0.5f; };
    expect_outward_ccw(m, tube_centre);
    expect_bounds(m, {-0.7f, -0.2f, -0.7f}, {0.7f, 0.2f, 0.7f});
    for (const Vertex& v : m.vertices)
        EXPECT_NEAR(glm::length(v.position - tube_centre(v.position)), 0.2f, 1e-5f);
}

TEST(MeshShapes, PlaneFacesUpWithTopLeftUvOrigin) {
    const MeshData m = mesh::plane({2.0f, 3.0f}, 4);
    expect_well_formed(m);
    EXPECT_EQ(m.vertices.size(), 25u);
    EXPECT_EQ(m.triangle_count(), 32u);
    expect_bounds(m, {-1.0f, 0.0f, -1.5f}, {1.0f, 0.0f, 1.5f});
    for (const Vertex& v : m.vertices) {
        EXPECT_EQ(v.normal, glm::vec3(0, 1, 0));
        // Seen from above, u grows along +X and v along +Z ((0,0) is the far-left corner).
        EXPECT_NEAR(v.uv.x, (v.position.x + 1.0f) / 2.0f, 1e-6f);
        EXPECT_NEAR(v.uv.y, (v.position.z + 1.5f) / 3.0f, 1e-6f);
    }
    for (std::size_t t = 0; t < m.indices.size(); t += 3) {
        const glm::vec3 a = m.vertices[m.indices[t]].position, b = m.vertices[m.indices[t + 1]].position,
                        c = m.vertices[m.indices[t + 2]].position;
        EXPECT_GT(glm::cross(b - a, c - a).y, 0.0f);
    }
}

TEST(MeshShapes, BadArgumentsAreClampedNotFatal) {
    const float nan = std::nanf("");
    // The torus's minor radius > major is clamped too, or the tube would turn inside out.
    const MeshData shapes[] = {
        mesh::box({0.0f, -1.0f, nan}), mesh::sphere(-1.0f, 0, -5),    mesh::cylinder(nan, 0.0f, 2),
        mesh::cone(0.0f, -3.0f, -100), mesh::torus(0.1f, 5.0f, 1, 1), mesh::plane({-1.0f, INFINITY}, -4),
    };
    for (const MeshData& m : shapes) {
        expect_well_formed(m);
        for (int c = 0; c < 3; ++c) {
            EXPECT_TRUE(std::isfinite(m.bounds_min[c]) && std::isfinite(m.bounds_max[c])) << m.name;
            EXPECT_LE(m.bounds_min[c], m.bounds_max[c]) << m.name;
        }
        if (m.name != "plane") {
            EXPECT_GT(m.bounds_max.y - m.bounds_min.y, 0.0f) << m.name;
        }
    }
    // Three segments at least: a triangular prism, not a crash.
    EXPECT_EQ(mesh::cylinder(1.0f, 1.0f, 0).triangle_count(), 3u * 4u);
    // Counts far beyond reason are capped (1024), not allocated.
    EXPECT_LE(mesh::sphere(1.0f, 1 << 30, 4).vertices.size(), std::size_t(1025 * 5));
    // The clamped torus is still outward from its tube.
    const MeshData& torus = shapes[4];
    expect_outward_ccw(torus, [](glm::vec3 p) {
        const glm::vec3 radial(p.x, 0.0f, p.z);
        return glm::length(radial) > 1e-6f ? glm::normalize(radial) * 0.1f : glm::vec3(0.0f);
    });
}

TEST(MeshTangents, PlaneGivesPlusXWithPositiveSign) {
    MeshData m = mesh::plane({1.0f, 1.0f}, 3);
    for (Vertex& v : m.vertices)
        v.tangent = glm::vec4(0.0f);
    compute_tangents(m);
    for (const Vertex& v : m.vertices) {
        EXPECT_NEAR(v.tangent.x, 1.0f, 1e-5f);
        EXPECT_NEAR(v.tangent.y, 0.0f, 1e-5f);
        EXPECT_NEAR(v.tangent.z, 0.0f, 1e-5f);
        // bitangent = cross(n, t) * w points up the texture (towards v = 0, i.e. -Z here).
        EXPECT_EQ(v.tangent.w, 1.0f);
    }
}

TEST(MeshTangents, MirroredUvsFlipTheSign) {
    MeshData m = mesh::plane({1.0f, 1.0f}, 2);
    for (Vertex& v : m.vertices)
        v.uv.x = 1.0f - v.uv.x;
    compute_tangents(m);
    for (const Vertex& v : m.vertices) {
        EXPECT_NEAR(v.tangent.x, -1.0f, 1e-5f);
        EXPECT_EQ(v.tangent.w, -1.0f);
    }
}

TEST(MeshTangents, RecomputedSphereTangentsMatchTheGeneratedOnes) {
    const MeshData generated = mesh::sphere(1.0f, 24, 12);
    MeshData m = generated;
    compute_tangents(m);
    int checked = 0;
    for (std::size_t i = 0; i < m.vertices.size(); ++i) {
        if (std::abs(m.vertices[i].normal.y) > 0.9f) continue;  // near the poles u is squeezed: skip
        EXPECT_GT(glm::dot(glm::vec3(m.vertices[i].tangent), glm::vec3(generated.vertices[i].tangent)), 0.97f)
            << i;
        EXPECT_EQ(m.vertices[i].tangent.w, generated.vertices[i].tangent.w) << i;
        ++checked;
    }
    EXPECT_GT(checked, 100);
}

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

namespace {

class MeshFiles : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("loom-mesh-test-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    std::filesystem::path write(const std::string& name, const std::string& bytes) {
        const auto path = dir_ / name;
        std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
        return path;
    }
    std::filesystem::path dir_;
};

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_F(MeshFiles, ObjQuadIsTriangulatedWithComputedNormals) {
    const auto path = write("quad.obj",
                            "# a unit quad in the XY plane, facing +Z\n"
                            "o quad\n"
                            "v -0.5 -0.5 0\n"
                            "v 0.5 -0.5 0\n"
                            "v 0.5 0.5 0\n"
                            "v -0.5 0.5 0\n"
                            "vt 0 0\nvt 1 0\nvt 1 1\nvt 0 1\n"
                            "f 1/1 2/2 3/3 4/4\n");
    auto r = load_obj(path);
    ASSERT_TRUE(r.ok()) << r.message();
    const MeshData& m = *r;
    EXPECT_EQ(m.name, "quad");
    EXPECT_EQ(m.triangle_count(), 2u);
    EXPECT_EQ(m.vertices.size(), 4u);
    expect_well_formed(m);
    expect_bounds(m, {-0.5f, -0.5f, 0.0f}, {0.5f, 0.5f, 0.0f});
    for (const Vertex& v : m.vertices) {
        EXPECT_NEAR(v.normal.z, 1.0f, 1e-6f);
        // OBJ's v grows upwards, ours downwards: the bottom-left corner is at v = 1.
        EXPECT_NEAR(v.uv.x, v.position.x + 0.5f, 1e-6f);
        EXPECT_NEAR(v.uv.y, 0.5f - v.position.y, 1e-6f);
        EXPECT_NEAR(v.tangent.x, 1.0f, 1e-5f);
        EXPECT_EQ(v.tangent.w, 1.0f);
    }
    for (std::size_t t = 0; t < m.indices.size(); t += 3) {
        const glm::vec3 a = m.vertices[m.indices[t]].position, b = m.vertices[m.indices[t + 1]].position,
                        c = m.vertices[m.indices[t + 2]].position;
        EXPECT_GT(glm::cross(b - a, c - a).z, 0.0f);
    }
}

TEST_F(MeshFiles, ObjKeepsGivenNormalsAndResolvesNegativeIndices) {
    const auto path = write("tri.obj",
                            "v 0 0 0\nv 1 0 0\nv 0 1 0\n"
                            "vn 0 0 2\n"
                            "f -3//1 -2//1 -1//1\n");
    auto r = load_obj(path);
    ASSERT_TRUE(r.ok()) << r.message();
    ASSERT_EQ(r->vertices.size(), 3u);
    EXPECT_EQ(r->vertices[1].position, glm::vec3(1, 0, 0));
    for (const Vertex& v : r->vertices)
        EXPECT_EQ(v.normal, glm::vec3(0, 0, 1));  // normalised
}

TEST_F(MeshFiles, ObjSmoothNormalsAreSharedAcrossUvSeams) {
    // Two triangles folded 90 degrees along the edge 1-2, which appears with different UVs in each.
    const auto path = write("fold.obj",
                            "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 -1\n"
                            "vt 0 0\nvt 1 0\nvt 0 1\nvt 1 1\n"
                            "f 1/1 2/2 3/3\nf 1/4 2/1 4/2\n");
    auto r = load_obj(path);
    ASSERT_TRUE(r.ok()) << r.message();
    // The first triangle faces +Z, the second +Y; shared positions get the average of both.
    const glm::vec3 half = glm::normalize(glm::vec3(0, 1, 1));
    int shared = 0;
    for (const Vertex& v : r->vertices) {
        if (v.position == glm::vec3(0, 0, 0) || v.position == glm::vec3(1, 0, 0)) {
            EXPECT_LT(glm::length(v.normal - half), 1e-5f);
            ++shared;
        }
    }
    EXPECT_EQ(shared, 4);  // two positions, each split by its UV
}

TEST_F(MeshFiles, ObjMissingFileNamesIt) {
    const auto path = dir_ / "absent.obj";
    auto r = load_obj(path);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.message(), path.string())) << r.message();
    EXPECT_TRUE(contains(r.message(), "no such file")) << r.message();
    EXPECT_TRUE(contains(r.message(), "Fix:")) << r.message();
}

TEST_F(MeshFiles, ObjFaceReferencingAbsentVertexNamesFileAndLine) {
    const auto path = write("bad_face.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 999\n");
    auto r = load_obj(path);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.message(), path.string())) << r.message();
    EXPECT_TRUE(contains(r.message(), "line 4")) << r.message();
    EXPECT_TRUE(contains(r.message(), "999")) << r.message();
    EXPECT_TRUE(contains(r.message(), "Fix:")) << r.message();
    // The same in a quad, which the parser would drop silently.
    auto quad = load_obj(write("bad_quad.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 1 1 0\nf 1 2 4 -7\n"));
    ASSERT_FALSE(quad.ok());
    EXPECT_TRUE(contains(quad.message(), "line 5")) << quad.message();
}

TEST_F(MeshFiles, ObjParserErrorsCarryTheLine) {
    const auto path = write("zero.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 0 1 2\n");
    auto r = load_obj(path);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.message(), path.string())) << r.message();
    EXPECT_TRUE(contains(r.message(), "line 4")) << r.message();
}

TEST_F(MeshFiles, ObjBinaryGarbageIsRejected) {
    std::string garbage(4096, '\0');
    for (std::size_t i = 0; i < garbage.size(); ++i)
        garbage[i] = char((i * 2654435761u) >> 13);
    const auto path = write("garbage.obj", garbage);
    auto r = load_obj(path);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.message(), path.string())) << r.message();
    EXPECT_TRUE(contains(r.message(), "binary")) << r.message();
}

TEST_F(MeshFiles, ObjWithoutFacesOrWithNonFiniteNumbersFails) {
    const auto points = write("points.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\n");
    auto r = load_obj(points);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.message(), points.string())) << r.message();
    EXPECT_TRUE(contains(r.message(), "no faces")) << r.message();

    const auto huge = write("huge.obj", "v 0 0 0\nv 1e999 0 0\nv 0 1 0\nf 1 2 3\n");
    auto h = load_obj(huge);
    ASSERT_FALSE(h.ok());
    EXPECT_TRUE(contains(h.message(), huge.string())) << h.message();
    EXPECT_TRUE(contains(h.message(), "line 2")) << h.message();
    EXPECT_TRUE(contains(h.message(), "finite")) << h.message();
}

// ---------------------------------------------------------------------------------------------
// glTF
// ---------------------------------------------------------------------------------------------

namespace {

std::string base64(const std::string& bytes) {
    static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::uint32_t n = std::uint32_t(std::uint8_t(bytes[i])) << 16;
        if (i + 1 < bytes.size()) n |= std::uint32_t(std::uint8_t(bytes[i + 1])) << 8;
        if (i + 2 < bytes.size()) n |= std::uint8_t(bytes[i + 2]);
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
    }
    return out;
}

template <class T>
void append(std::string& bytes, std::initializer_list<T> values) {
    for (T v : values)
        bytes.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// A one-triangle glTF whose pieces a test can change before calling json(): positions (0,0,0),
// (1,0,0), (0,1,0) — counter-clockwise seen from +Z — at bytes 0-35, uint16 indices at 36-41.
struct TriangleGltf {
    std::string bin = [] {
        std::string b;
        append<float>(b, {0, 0, 0, 1, 0, 0, 0, 1, 0});
        append<std::uint16_t>(b, {0, 1, 2, 0});  // the last one pads to 4 bytes
        return b;
    }();
    std::string nodes = R"([{"name": "moved", "mesh": 0, "translation": [1, 2, 3]}])";
    std::string attributes = R"({"POSITION": 0})";
    std::string extra_primitive = R"(, "indices": 1, "material": 0)";
    std::string materials =
        R"([{"name": "paint", "pbrMetallicRoughness": {"baseColorFactor": [0.25, 0.5, 0.75, 1.0],
            "metallicFactor": 0.3, "roughnessFactor": 0.6}, "emissiveFactor": [0.1, 0.2, 0.3]}])";
    std::string buffer_views = R"([{"buffer": 0, "byteOffset": 0, "byteLength": 36},
                                   {"buffer": 0, "byteOffset": 36, "byteLength": 6}])";
    std::string accessors = R"([{"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3"},
                                {"bufferView": 1, "componentType": 5123, "count": 3, "type": "SCALAR"}])";
    std::string extra;  // more top-level members, each followed by a comma
    bool embed = true;  // buffer as a data: URI; false: the GLB's BIN chunk

    std::string json() const {
        const std::string uri =
            embed ? R"(, "uri": "data:application/octet-stream;base64,)" + base64(bin) + "\"" : std::string();
        return R"({"asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": [0]}],)" + extra +
               R"("nodes": )" + nodes + R"(, "meshes": [{"name": "tri", "primitives": [{"attributes": )" +
               attributes + extra_primitive + R"(}]}], "materials": )" + materials +
               R"(, "buffers": [{"byteLength": )" + std::to_string(bin.size()) + uri +
               R"(}], "bufferViews": )" + buffer_views + R"(, "accessors": )" + accessors + "}";
    }
    // The same as a binary glTF: header, JSON chunk, BIN chunk (each padded to 4 bytes).
    std::string glb() const {
        TriangleGltf copy = *this;
        copy.embed = false;
        std::string j = copy.json(), b = bin;
        while (j.size() % 4)
            j += ' ';
        while (b.size() % 4)
            b += '\0';
        std::string out = "glTF";
        append<std::uint32_t>(out, {2u, std::uint32_t(12 + 8 + j.size() + 8 + b.size())});
        append<std::uint32_t>(out, {std::uint32_t(j.size()), 0x4E4F534Au});  // "JSON"
        out += j;
        append<std::uint32_t>(out, {std::uint32_t(b.size()), 0x004E4942u});  // "BIN\0"
        return out + b;
    }
};

// A 2x1 RGBA PNG: an opaque red pixel, then (0, 128, 255, 64).
const char* kTinyPngBase64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP4z8Dwn6HhvwMAELoDvkeWIKAAAAAASUVORK5CYII=";

std::string decode_base64(const std::string& text) {
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : text) {
        const char* p = std::strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", c);
        if (c == '=' || !p) break;
        acc = (acc << 6) |
              std::uint32_t(p - "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((acc >> bits) & 0xFF);
        }
    }
    return out;
}

void expect_error_names(const Result<ModelData>& r, const std::filesystem::path& path,
                        const char* what = "") {
    ASSERT_FALSE(r.ok()) << "loaded " << path;
    EXPECT_TRUE(contains(r.message(), path.string())) << r.message();
    EXPECT_TRUE(contains(r.message(), what)) << r.message();
    EXPECT_TRUE(contains(r.message(), "Fix:")) << r.message();
}

}  // namespace

TEST_F(MeshFiles, GltfTriangleWithTranslationAndMaterial) {
    const auto path = write("tri.gltf", TriangleGltf().json());
    auto r = load_gltf(path);
    ASSERT_TRUE(r.ok()) << r.message();
    const ModelData& model = *r;
    ASSERT_EQ(model.parts.size(), 1u);
    const ModelPart& part = model.parts[0];
    EXPECT_EQ(part.transform[3], glm::vec4(1, 2, 3, 1));
    EXPECT_EQ(glm::mat3(part.transform), glm::mat3(1.0f));
    EXPECT_EQ(part.mesh.name, "tri");
    EXPECT_EQ(part.mesh.triangle_count(), 1u);
    expect_well_formed(part.mesh);
    // No NORMAL: flat normals from the winding.
    for (const Vertex& v : part.mesh.vertices)
        EXPECT_EQ(v.normal, glm::vec3(0, 0, 1));
    expect_bounds(part.mesh, {0, 0, 0}, {1, 1, 0});
    EXPECT_EQ(model.bounds_min, glm::vec3(1, 2, 3));
    EXPECT_EQ(model.bounds_max, glm::vec3(2, 3, 3));

    ASSERT_EQ(part.material, 0);
    ASSERT_EQ(model.materials.size(), 1u);
    const MaterialData& mat = model.materials[0];
    EXPECT_EQ(mat.name, "paint");
    EXPECT_EQ(mat.base_color, glm::vec4(0.25f, 0.5f, 0.75f, 1.0f));
    EXPECT_FLOAT_EQ(mat.metallic, 0.3f);
    EXPECT_FLOAT_EQ(mat.roughness, 0.6f);
    EXPECT_EQ(mat.emissive, glm::vec3(0.1f, 0.2f, 0.3f));
    EXPECT_EQ(mat.base_color_texture, -1);
    EXPECT_EQ(mat.normal_texture, -1);
    EXPECT_TRUE(model.textures.empty());
}

TEST_F(MeshFiles, GlbWithHierarchyGivenNormalsAndEmbeddedTexture) {
    TriangleGltf g;
    // The PNG goes after the geometry, in its own buffer view (bytes 44...).
    const std::string png = decode_base64(kTinyPngBase64);
    ASSERT_EQ(png.substr(1, 3), "PNG");
    const std::size_t png_offset = g.bin.size();
    g.bin += png;
    // Normals: all +Z, appended too.
    while (g.bin.size() % 4)
        g.bin += '\0';
    const std::size_t normal_offset = g.bin.size();
    append<float>(g.bin, {0, 0, 1, 0, 0, 1, 0, 0, 1});
    g.buffer_views = R"([{"buffer": 0, "byteOffset": 0, "byteLength": 36},
                         {"buffer": 0, "byteOffset": 36, "byteLength": 6},
                         {"buffer": 0, "byteOffset": )" +
                     std::to_string(png_offset) + R"(, "byteLength": )" + std::to_string(png.size()) + R"(},
                         {"buffer": 0, "byteOffset": )" +
                     std::to_string(normal_offset) + R"(, "byteLength": 36}])";
    g.accessors = R"([{"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3"},
                      {"bufferView": 1, "componentType": 5123, "count": 3, "type": "SCALAR"},
                      {"bufferView": 3, "componentType": 5126, "count": 3, "type": "VEC3"}])";
    g.attributes = R"({"POSITION": 0, "NORMAL": 2})";
    // Parent: moved by (0, 0, 5) and scaled by 2; child: moved by (1, 0, 0) in the parent's space.
    g.nodes = R"([{"name": "parent", "translation": [0, 0, 5], "scale": [2, 2, 2], "children": [1]},
                  {"name": "child", "mesh": 0, "translation": [1, 0, 0]}])";
    // The same image as base colour (sRGB) and as normal map (linear): two textures.
    g.materials =
        R"([{"pbrMetallicRoughness": {"baseColorTexture": {"index": 0}}, "normalTexture": {"index": 0}}])";
    g.extra = R"("images": [{"name": "checker", "bufferView": 2, "mimeType": "image/png"}],
                 "textures": [{"source": 0}],)";
    const auto path = write("tri.glb", g.glb());
    auto r = load_gltf(path);
    ASSERT_TRUE(r.ok()) << r.message();
    ASSERT_EQ(r->parts.size(), 1u);
    const glm::mat4& t = r->parts[0].transform;
    EXPECT_EQ(t[3], glm::vec4(2, 0, 5, 1));
    EXPECT_EQ(t[0], glm::vec4(2, 0, 0, 0));
    EXPECT_EQ(r->bounds_min, glm::vec3(2, 0, 5));
    EXPECT_EQ(r->bounds_max, glm::vec3(4, 2, 5));
    // Given normals, indexed: three vertices, tangents computed along +u.
    EXPECT_EQ(r->parts[0].mesh.vertices.size(), 3u);
    expect_well_formed(r->parts[0].mesh);

    ASSERT_EQ(r->materials.size(), 1u);
    const MaterialData& mat = r->materials[0];
    EXPECT_EQ(mat.base_color, glm::vec4(1.0f));  // defaults when not given
    EXPECT_FLOAT_EQ(mat.metallic, 1.0f);
    ASSERT_EQ(r->textures.size(), 2u);
    ASSERT_GE(mat.base_color_texture, 0);
    ASSERT_GE(mat.normal_texture, 0);
    EXPECT_NE(mat.base_color_texture, mat.normal_texture);
    EXPECT_EQ(mat.metallic_roughness_texture, -1);
    const TextureData& colour = r->textures[std::size_t(mat.base_color_texture)];
    const TextureData& normal = r->textures[std::size_t(mat.normal_texture)];
    EXPECT_TRUE(colour.srgb);
    EXPECT_FALSE(normal.srgb);
    EXPECT_EQ(colour.name, "checker");
    EXPECT_EQ(colour.width, 2u);
    EXPECT_EQ(colour.height, 1u);
    EXPECT_EQ(colour.rgba, (std::vector<std::uint8_t>{255, 0, 0, 255, 0, 128, 255, 64}));
    EXPECT_EQ(normal.rgba, colour.rgba);
}

TEST_F(MeshFiles, GltfMissingImageFileLeavesTheTextureOut) {
    TriangleGltf g;
    g.materials =
        R"([{"pbrMetallicRoughness": {"baseColorTexture": {"index": 0}, "baseColorFactor": [1, 0, 0, 1]}}])";
    g.extra = R"("images": [{"uri": "not_there.png"}], "textures": [{"source": 0}],)";
    auto r = load_gltf(write("no_image.gltf", g.json()));
    ASSERT_TRUE(r.ok()) << r.message();  // a warning in the log, not an error: the model still draws
    ASSERT_EQ(r->materials.size(), 1u);
    EXPECT_EQ(r->materials[0].base_color_texture, -1);
    EXPECT_EQ(r->materials[0].base_color, glm::vec4(1, 0, 0, 1));
    EXPECT_TRUE(r->textures.empty());
}

TEST_F(MeshFiles, GltfSkipsNonTrianglePrimitivesAndShowsAllRootsWithoutScenes) {
    TriangleGltf g;
    // Two nodes sharing the mesh, no scenes: both roots are shown, the mesh converted once.
    g.nodes = R"([{"mesh": 0, "translation": [1, 0, 0]}, {"mesh": 0, "translation": [0, 5, 0]}])";
    g.extra_primitive =
        R"(, "indices": 1}, {"attributes": {"POSITION": 0}, "mode": 1)";  // + a line primitive
    std::string json = g.json();
    const std::string scenes = R"("scene": 0, "scenes": [{"nodes": [0]}],)";
    json.erase(json.find(scenes), scenes.size());
    auto r = load_gltf(write("two_roots.gltf", json));
    ASSERT_TRUE(r.ok()) << r.message();
    ASSERT_EQ(r->parts.size(), 2u);
    EXPECT_EQ(r->parts[0].transform[3], glm::vec4(1, 0, 0, 1));
    EXPECT_EQ(r->parts[1].transform[3], glm::vec4(0, 5, 0, 1));
    EXPECT_EQ(r->parts[0].mesh.name, "tri#0");
    EXPECT_EQ(r->parts[0].material, -1);
    EXPECT_EQ(r->bounds_min, glm::vec3(0, 0, 0));
    EXPECT_EQ(r->bounds_max, glm::vec3(2, 6, 0));
}

TEST_F(MeshFiles, GltfSparseAccessorSubstitutesValues) {
    TriangleGltf g;
    // Sparse: vertex 2 becomes (0, 2, 0). Index (uint8, padded) at 44, value at 48.
    append<std::uint8_t>(g.bin, {2, 0, 0, 0});
    append<float>(g.bin, {0, 2, 0});
    g.buffer_views = R"([{"buffer": 0, "byteOffset": 0, "byteLength": 36},
                         {"buffer": 0, "byteOffset": 36, "byteLength": 6},
                         {"buffer": 0, "byteOffset": 44, "byteLength": 1},
                         {"buffer": 0, "byteOffset": 48, "byteLength": 12}])";
    g.accessors = R"([{"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
                       "sparse": {"count": 1, "indices": {"bufferView": 2, "componentType": 5121},
                                  "values": {"bufferView": 3}}},
                      {"bufferView": 1, "componentType": 5123, "count": 3, "type": "SCALAR"}])";
    auto r = load_gltf(write("sparse.gltf", g.json()));
    ASSERT_TRUE(r.ok()) << r.message();
    EXPECT_EQ(r->parts[0].mesh.bounds_max, glm::vec3(1, 2, 0));
}

TEST_F(MeshFiles, GltfMissingFileNamesIt) {
    const auto path = dir_ / "absent.gltf";
    expect_error_names(load_gltf(path), path, "no such file");
}

TEST_F(MeshFiles, GltfTruncatedJsonFails) {
    const std::string json = TriangleGltf().json();
    const auto path = write("truncated.gltf", json.substr(0, json.size() / 2));
    expect_error_names(load_gltf(path), path);
}

TEST_F(MeshFiles, GlbOfGarbageFails) {
    std::string garbage(1000, '\0');
    for (std::size_t i = 0; i < garbage.size(); ++i)
        garbage[i] = char((i * 2654435761u) >> 11);
    const auto path = write("garbage.glb", garbage);
    expect_error_names(load_gltf(path), path, "glTF");
    // A real header with lying chunk lengths.
    std::string lying = TriangleGltf().glb();
    const std::uint32_t huge = 0x7FFFFFF0u;
    std::memcpy(&lying[12], &huge, 4);
    const auto lying_path = write("lying.glb", lying);
    expect_error_names(load_gltf(lying_path), lying_path);
}

TEST_F(MeshFiles, GltfAccessorPastItsBufferFails) {
    TriangleGltf g;
    g.accessors = R"([{"bufferView": 0, "componentType": 5126, "count": 100, "type": "VEC3"},
                      {"bufferView": 1, "componentType": 5123, "count": 3, "type": "SCALAR"}])";
    const auto path = write("long_accessor.gltf", g.json());
    expect_error_names(load_gltf(path), path, "past the end");

    TriangleGltf v;  // a buffer view longer than its buffer
    v.buffer_views = R"([{"buffer": 0, "byteOffset": 0, "byteLength": 4000},
                         {"buffer": 0, "byteOffset": 36, "byteLength": 6}])";
    const auto view_path = write("long_view.gltf", v.json());
    expect_error_names(load_gltf(view_path), view_path);

    TriangleGltf s;  // a stride that walks off the view
    s.buffer_views = R"([{"buffer": 0, "byteOffset": 0, "byteLength": 36, "byteStride": 16},
                         {"buffer": 0, "byteOffset": 36, "byteLength": 6}])";
    const auto stride_path = write("stride.gltf", s.json());
    expect_error_names(load_gltf(stride_path), stride_path, "past the end");

    TriangleGltf a;  // an accessor that does not exist
    a.attributes = R"({"POSITION": 7})";
    const auto missing_path = write("missing_accessor.gltf", a.json());
    expect_error_names(load_gltf(missing_path), missing_path);
}

TEST_F(MeshFiles, GltfImagePastItsBufferFails) {
    TriangleGltf g;
    g.buffer_views = R"([{"buffer": 0, "byteOffset": 0, "byteLength": 36},
                         {"buffer": 0, "byteOffset": 36, "byteLength": 6},
                         {"buffer": 0, "byteOffset": 40, "byteLength": 100000}])";
    g.materials = R"([{"pbrMetallicRoughness": {"baseColorTexture": {"index": 0}}}])";
    g.extra = R"("images": [{"bufferView": 2, "mimeType": "image/png"}], "textures": [{"source": 0}],)";
    const auto path = write("long_image.glb", g.glb());
    expect_error_names(load_gltf(path), path);
}

TEST_F(MeshFiles, GltfBadIndicesAndNumbersFail) {
    TriangleGltf g;
    g.bin.replace(36, 2, std::string("\x07\x00", 2));  // index 7 of 3 vertices
    const auto path = write("bad_index.gltf", g.json());
    expect_error_names(load_gltf(path), path, "index 0");

    TriangleGltf n;
    const float nan = std::nanf("");
    std::memcpy(&n.bin[12], &nan, 4);  // vertex 1's x
    const auto nan_path = write("nan.gltf", n.json());
    expect_error_names(load_gltf(nan_path), nan_path, "vertex 1");

    TriangleGltf m;  // a material that does not exist
    m.extra_primitive = R"(, "indices": 1, "material": 4)";
    const auto material_path = write("bad_material.gltf", m.json());
    expect_error_names(load_gltf(material_path), material_path, "material 4");

    TriangleGltf c;  // a node that is its own child
    c.nodes = R"([{"mesh": 0, "children": [0]}])";
    const auto cycle_path = write("cycle.gltf", c.json());
    expect_error_names(load_gltf(cycle_path), cycle_path, "twice");
}

TEST_F(MeshFiles, GltfWithoutTrianglesFails) {
    TriangleGltf g;
    g.extra_primitive = R"(, "mode": 0)";  // points
    const auto path = write("points.gltf", g.json());
    expect_error_names(load_gltf(path), path, "no triangles");
}
