// addons/render3d/src/geometry.cpp — generated shapes (box, sphere, cylinder, cone, torus, plane),
// MeshData::compute_bounds and compute_tangents.
//
// Every shape follows mesh.hpp's conventions: right-handed, +Y up, centred on the origin, triangles
// counter-clockwise seen from outside, UV (0,0) at the top-left of the texture, unit normals, and
// tangents along +u with the bitangent (cross(normal, tangent.xyz) * w) pointing "up" in the
// texture, towards v = 0 — the glTF convention, so the same normal maps work on both.
//
// Each surface is laid out as a grid seen from outside: u grows to the right, v grows downwards.
// A grid cell with corners tl, tr, br, bl (top-left ...) is the counter-clockwise quad
// (bl, br, tr, tl), which is what Builder::quad takes.
//
// Bad arguments are clamped, never fatal: segment counts to [3, kMaxSegments] (so a typo cannot
// ask for gigabytes), sizes to [kMinSize, kMaxSize] (NaN and negative sizes become kMinSize).

#include <algorithm>
#include <cmath>
#include <numbers>

#include <loom/render3d/mesh.hpp>

namespace loom {

namespace {

constexpr float kPi = std::numbers::pi_v<float>;
constexpr float kMinSize = 1e-4f;   // a tenth of a millimetre: smallest size a shape is built with
constexpr float kMaxSize = 1e6f;    // a thousand kilometres: keeps every product finite
constexpr int kMaxSegments = 1024;  // per direction; a 1024 x 1024 grid is about 50 MB of vertices

float clamp_size(float v) {
    if (!(v >= kMinSize)) return kMinSize;  // also NaN
    return std::min(v, kMaxSize);
}

int clamp_segments(int n, int lowest) {
    return std::clamp(n, lowest, kMaxSegments);
}

// Collects vertices and triangles; all shapes are built through it.
struct Builder {
    MeshData mesh;

    Builder(const char* name, std::size_t vertices, std::size_t triangles) {
        mesh.name = name;
        mesh.vertices.reserve(vertices);
        mesh.indices.reserve(triangles * 3);
    }

    // `tangent` is the direction of +u; every generated shape has an un-mirrored mapping (w = +1).
    std::uint32_t vertex(glm::vec3 position, glm::vec3 normal, glm::vec2 uv, glm::vec3 tangent) {
        mesh.vertices.push_back(Vertex{position, normal, uv, glm::vec4(tangent, 1.0f)});
        return static_cast<std::uint32_t>(mesh.vertices.size() - 1);
    }
    // Corners counter-clockwise seen from the side the triangle faces.
    void triangle(std::uint32_t a, std::uint32_t b, std::uint32_t c) {
        mesh.indices.insert(mesh.indices.end(), {a, b, c});
    }
    // Corners counter-clockwise seen from the side the quad faces.
    void quad(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
        triangle(a, b, c);
        triangle(a, c, d);
    }
    // Grid vertex (column i, row j) of a grid with `columns` + 1 vertices per row, added in row order.
    static std::uint32_t grid(int i, int j, int columns) {
        return static_cast<std::uint32_t>(j * (columns + 1) + i);
    }
    // Adds the two triangles of every cell of a grid whose first vertex is `first`.
    void grid_cells(std::uint32_t first, int columns, int rows) {
        for (int j = 0; j < rows; ++j)
            for (int i = 0; i < columns; ++i)
                quad(first + grid(i, j + 1, columns), first + grid(i + 1, j + 1, columns),
                     first + grid(i + 1, j, columns), first + grid(i, j, columns));
    }

    MeshData done() {
        mesh.compute_bounds();
        return std::move(mesh);
    }
};

// A flat rectangle facing `normal`, `right` and `down` being the texture's u and v directions seen
// from the front (cross(down, right) == normal), `subdivisions` cells along each side.
void add_face(Builder& b, glm::vec3 centre, glm::vec3 normal, glm::vec3 right, glm::vec3 down, glm::vec2 size,
              int subdivisions) {
    const auto first = static_cast<std::uint32_t>(b.mesh.vertices.size());
    for (int j = 0; j <= subdivisions; ++j) {
        for (int i = 0; i <= subdivisions; ++i) {
            const glm::vec2 uv(float(i) / float(subdivisions), float(j) / float(subdivisions));
            const glm::vec3 p = centre + right * ((uv.x - 0.5f) * size.x) + down * ((uv.y - 0.5f) * size.y);
            b.vertex(p, normal, uv, right);
        }
    }
    b.grid_cells(first, subdivisions, subdivisions);
}

// A point on the circle of `radius` in the XZ plane at `angle`: angle 0 is +Z, growing towards +X,
// which is "to the right" seen from outside — so u grows with the angle.
glm::vec3 around_y(float angle, float radius, float y) {
    return {radius * std::sin(angle), y, radius * std::cos(angle)};
}
// The direction of growing angle on that circle (the tangent of everything built around Y).
glm::vec3 around_y_tangent(float angle) {
    return {std::cos(angle), 0.0f, -std::sin(angle)};
}

// A disc cap at height y facing +Y (up = true) or -Y, UVs mapped like the box's top/bottom face.
void add_cap(Builder& b, float radius, float y, bool up, int segments) {
    const glm::vec3 normal(0.0f, up ? 1.0f : -1.0f, 0.0f);
    // Seen from above +Z is "down" in the texture; seen from below it is "up".
    const float v_sign = up ? 1.0f : -1.0f;
    const std::uint32_t centre = b.vertex({0.0f, y, 0.0f}, normal, {0.5f, 0.5f}, {1.0f, 0.0f, 0.0f});
    const std::uint32_t ring = centre + 1;
    for (int i = 0; i < segments; ++i) {
        const glm::vec3 p = around_y(2.0f * kPi * float(i) / float(segments), radius, y);
        const glm::vec2 uv(0.5f + 0.5f * p.x / radius, 0.5f + v_sign * 0.5f * p.z / radius);
        b.vertex(p, normal, glm::clamp(uv, 0.0f, 1.0f), {1.0f, 0.0f, 0.0f});
    }
    for (int i = 0; i < segments; ++i) {
        const std::uint32_t a = ring + std::uint32_t(i), c = ring + std::uint32_t((i + 1) % segments);
        // The angle grows from +Z towards +X: counter-clockwise seen from above.
        if (up)
            b.triangle(centre, a, c);
        else
            b.triangle(centre, c, a);
    }
}

}  // namespace

void MeshData::compute_bounds() {
    if (vertices.empty()) {
        bounds_min = bounds_max = glm::vec3(0.0f);
        return;
    }
    bounds_min = bounds_max = vertices.front().position;
    for (const Vertex& v : vertices) {
        bounds_min = glm::min(bounds_min, v.position);
        bounds_max = glm::max(bounds_max, v.position);
    }
}

namespace mesh {

MeshData box(glm::vec3 size) {
    size = {clamp_size(size.x), clamp_size(size.y), clamp_size(size.z)};
    const glm::vec3 h = size * 0.5f;
    const glm::vec3 X(1, 0, 0), Y(0, 1, 0), Z(0, 0, 1);
    Builder b("box", 24, 12);
    // Side faces are seen upright (texture "down" is -Y); the top is seen from above with -Z at the
    // top of the texture, the bottom from below with +Z at the top.
    add_face(b, {h.x, 0, 0}, X, -Z, -Y, {size.z, size.y}, 1);
    add_face(b, {-h.x, 0, 0}, -X, Z, -Y, {size.z, size.y}, 1);
    add_face(b, {0, h.y, 0}, Y, X, Z, {size.x, size.z}, 1);
    add_face(b, {0, -h.y, 0}, -Y, X, -Z, {size.x, size.z}, 1);
    add_face(b, {0, 0, h.z}, Z, X, -Y, {size.x, size.y}, 1);
    add_face(b, {0, 0, -h.z}, -Z, -X, -Y, {size.x, size.y}, 1);
    return b.done();
}

MeshData sphere(float radius, int segments, int rings) {
    radius = clamp_size(radius);
    segments = clamp_segments(segments, 3);
    rings = clamp_segments(rings, 2);
    Builder b("sphere", std::size_t(segments + 1) * (rings + 1), std::size_t(segments) * rings * 2);
    // Row j is at polar angle theta = pi * v from the north pole (+Y). The pole rows hold one vertex
    // per column too, so each pole triangle gets its own u (the middle of its column) and tangent.
    for (int j = 0; j <= rings; ++j) {
        const float v = float(j) / float(rings);
        const float theta = kPi * v;
        const bool pole = j == 0 || j == rings;
        for (int i = 0; i <= segments; ++i) {
            const float u =
                pole ? std::min((float(i) + 0.5f) / float(segments), 1.0f) : float(i) / float(segments);
            const float phi = 2.0f * kPi * u;
            const glm::vec3 n = around_y(phi, std::sin(theta), std::cos(theta));
            // At the poles sin(theta) is not exactly 0 in floats; snap so the normal is exact.
            const glm::vec3 normal = pole ? glm::vec3(0.0f, j == 0 ? 1.0f : -1.0f, 0.0f) : glm::normalize(n);
            b.vertex(normal * radius, normal, {u, v}, around_y_tangent(phi));
        }
    }
    // Quads between rows, except that the pole rows make one triangle per column (the other one
    // would have two corners on the pole and no area).
    for (int j = 0; j < rings; ++j) {
        for (int i = 0; i < segments; ++i) {
            const std::uint32_t tl = Builder::grid(i, j, segments), tr = Builder::grid(i + 1, j, segments);
            const std::uint32_t bl = Builder::grid(i, j + 1, segments),
                                br = Builder::grid(i + 1, j + 1, segments);
            if (j == 0)
                b.triangle(tl, bl, br);
            else if (j == rings - 1)
                b.triangle(bl, tr, tl);
            else
                b.quad(bl, br, tr, tl);
        }
    }
    // The last pole column (i == segments) is never referenced; harmless, and keeps the grid regular.
    return b.done();
}

MeshData cylinder(float radius, float height, int segments) {
    radius = clamp_size(radius);
    height = clamp_size(height);
    segments = clamp_segments(segments, 3);
    const float h = height * 0.5f;
    Builder b("cylinder", std::size_t(segments + 1) * 2 + std::size_t(segments + 1) * 2,
              std::size_t(segments) * 4);
    // Side: two rows, top (v = 0) then bottom (v = 1), with a seam column at u = 1.
    for (int j = 0; j <= 1; ++j) {
        for (int i = 0; i <= segments; ++i) {
            const float u = float(i) / float(segments), phi = 2.0f * kPi * u;
            const glm::vec3 normal = glm::normalize(around_y(phi, 1.0f, 0.0f));
            b.vertex(around_y(phi, radius, j == 0 ? h : -h), normal, {u, float(j)}, around_y_tangent(phi));
        }
    }
    b.grid_cells(0, segments, 1);
    add_cap(b, radius, h, true, segments);
    add_cap(b, radius, -h, false, segments);
    return b.done();
}

MeshData cone(float radius, float height, int segments) {
    radius = clamp_size(radius);
    height = clamp_size(height);
    segments = clamp_segments(segments, 3);
    const float h = height * 0.5f;
    Builder b("cone", std::size_t(segments) + std::size_t(segments + 1) + std::size_t(segments + 1),
              std::size_t(segments) * 2);
    // The side's outward normal at angle phi is (height * sin, radius, height * cos), normalised:
    // perpendicular both to the slant (radius * sin, -height, radius * cos) and to the tangent.
    const auto side_normal = [&](float phi) {
        return glm::normalize(glm::vec3(height * std::sin(phi), radius, height * std::cos(phi)));
    };
    // Apex: one vertex per column (at the middle of the column), so each side triangle has a
    // sensible normal and u there instead of one averaged, seamed vertex.
    for (int i = 0; i < segments; ++i) {
        const float u = (float(i) + 0.5f) / float(segments), phi = 2.0f * kPi * u;
        b.vertex({0.0f, h, 0.0f}, side_normal(phi), {u, 0.0f}, around_y_tangent(phi));
    }
    const auto rim = static_cast<std::uint32_t>(segments);
    for (int i = 0; i <= segments; ++i) {
        const float u = float(i) / float(segments), phi = 2.0f * kPi * u;
        b.vertex(around_y(phi, radius, -h), side_normal(phi), {u, 1.0f}, around_y_tangent(phi));
    }
    for (int i = 0; i < segments; ++i)
        b.triangle(std::uint32_t(i), rim + std::uint32_t(i), rim + std::uint32_t(i) + 1);
    add_cap(b, radius, -h, false, segments);
    return b.done();
}

MeshData torus(float major_radius, float minor_radius, int major_segments, int minor_segments) {
    major_radius = clamp_size(major_radius);
    // A tube thicker than the ring would pass through the axis and turn inside out there.
    minor_radius = std::min(clamp_size(minor_radius), major_radius);
    major_segments = clamp_segments(major_segments, 3);
    minor_segments = clamp_segments(minor_segments, 3);
    Builder b("torus", std::size_t(major_segments + 1) * (minor_segments + 1),
              std::size_t(major_segments) * minor_segments * 2);
    // u goes around the ring (angle phi, like everything around Y); v goes around the tube (angle
    // theta), starting on top of the tube and going over its outside first, so that v grows
    // downwards on the outside, as a texture seen from outside expects.
    for (int j = 0; j <= minor_segments; ++j) {
        const float v = float(j) / float(minor_segments), theta = 2.0f * kPi * v;
        for (int i = 0; i <= major_segments; ++i) {
            const float u = float(i) / float(major_segments), phi = 2.0f * kPi * u;
            const glm::vec3 outward = around_y(phi, 1.0f, 0.0f);
            const glm::vec3 normal =
                glm::normalize(std::cos(theta) * glm::vec3(0, 1, 0) + std::sin(theta) * outward);
            b.vertex(outward * major_radius + normal * minor_radius, normal, {u, v}, around_y_tangent(phi));
        }
    }
    b.grid_cells(0, major_segments, minor_segments);
    return b.done();
}

MeshData plane(glm::vec2 size, int subdivisions) {
    size = {clamp_size(size.x), clamp_size(size.y)};
    subdivisions = clamp_segments(subdivisions, 1);
    Builder b("plane", std::size_t(subdivisions + 1) * (subdivisions + 1),
              std::size_t(subdivisions) * subdivisions * 2);
    // Seen from above: u along +X, v along +Z (-Z is the top of the texture), like the box's top.
    add_face(b, glm::vec3(0.0f), {0, 1, 0}, {1, 0, 0}, {0, 0, 1}, size, subdivisions);
    return b.done();
}

}  // namespace mesh

namespace {

// A unit vector perpendicular to the unit vector `n`, as close to +X as possible (else to +Z).
glm::vec3 any_perpendicular(glm::vec3 n) {
    glm::vec3 t = glm::vec3(1, 0, 0) - n * n.x;
    if (glm::dot(t, t) < 1e-6f) t = glm::vec3(0, 0, 1) - n * n.z;
    return glm::normalize(t);
}

}  // namespace

void compute_tangents(MeshData& mesh) {
    const std::size_t count = mesh.vertices.size();
    // Per vertex: the directions of growing u (dP/du) and growing v (dP/dv) of the triangles around
    // it, each weighted by its triangle's area so slivers count little.
    std::vector<glm::vec3> along_u(count, glm::vec3(0.0f)), along_v(count, glm::vec3(0.0f));
    for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        const std::uint32_t i[3] = {mesh.indices[t], mesh.indices[t + 1], mesh.indices[t + 2]};
        if (i[0] >= count || i[1] >= count || i[2] >= count) continue;  // bad index: nothing to learn
        const Vertex &a = mesh.vertices[i[0]], &b = mesh.vertices[i[1]], &c = mesh.vertices[i[2]];
        const glm::vec3 e1 = b.position - a.position, e2 = c.position - a.position;
        const glm::vec2 d1 = b.uv - a.uv, d2 = c.uv - a.uv;
        const float det = d1.x * d2.y - d2.x * d1.y;
        // No UV area (unmapped, or all corners on one line in UV space): this triangle says nothing.
        if (!(std::abs(det) > 1e-12f)) continue;
        // Solve e1 = d1.x * dPdu + d1.y * dPdv, e2 = d2.x * dPdu + d2.y * dPdv.
        const glm::vec3 dpdu = (e1 * d2.y - e2 * d1.y) / det;
        const glm::vec3 dpdv = (e2 * d1.x - e1 * d2.x) / det;
        const float area = glm::length(glm::cross(e1, e2));
        const float lu = glm::length(dpdu), lv = glm::length(dpdv);
        if (!(area > 0.0f) || !(lu > 0.0f) || !(lv > 0.0f) || !std::isfinite(area * lu * lv)) continue;
        for (std::uint32_t k : i) {
            along_u[k] += dpdu * (area / lu);
            along_v[k] += dpdv * (area / lv);
        }
    }
    for (std::size_t k = 0; k < count; ++k) {
        Vertex& v = mesh.vertices[k];
        glm::vec3 n = v.normal;
        const float nl = glm::length(n);
        n = (nl > 1e-12f && std::isfinite(nl)) ? n / nl : glm::vec3(0, 1, 0);
        // Gram-Schmidt: the part of dP/du in the surface's plane.
        glm::vec3 t = along_u[k] - n * glm::dot(n, along_u[k]);
        const float tl = glm::length(t);
        t = (tl > 1e-12f && std::isfinite(tl)) ? t / tl : any_perpendicular(n);
        // The bitangent cross(n, t) * w must point up the texture (towards v = 0), i.e. along -dP/dv;
        // w = -1 where the mapping is mirrored.
        const float w = glm::dot(glm::cross(n, t), -along_v[k]) < 0.0f ? -1.0f : 1.0f;
        v.tangent = glm::vec4(t, w);
    }
}

}  // namespace loom
