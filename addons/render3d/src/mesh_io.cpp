// addons/render3d/src/mesh_io.cpp — meshes from files: Wavefront OBJ (tinyobjloader) and glTF 2.0
// (tinygltf), both from Debian's shared libraries.
//
// Index
//   1. Shared: file checks, messages, normals
//   2. OBJ: load_obj
//   3. glTF: accessors (every byte read is bounds-checked)
//   4. glTF: primitives, materials, textures
//   5. glTF: node hierarchy and load_gltf
//
// Both loaders treat the file as untrusted input: nothing in it can crash or throw out of here.
// Library exceptions are caught, every index is checked before use, and non-finite numbers are
// rejected. A problem that makes the model wrong is an Error naming the file, what is wrong and a
// fix; one that only loses detail (a texture file that is missing) is a warning in the log.
//
// Library notes. libtinyobjloader is the float build (real_t = float). libtinygltf is built with
// its stb_image decoder and the system nlohmann json; neither needs defines here. Its image
// decoding is wrapped by load_image_checked (section 5) because tinygltf 2.7 hands the decoder a
// buffer view's bytes without checking that the view lies inside its buffer.

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <numeric>
#include <optional>
#include <string_view>
#include <unordered_map>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/type_ptr.hpp>

#include <spdlog/spdlog.h>
#include <stb/stb_image.h>
#include <tiny_gltf.h>
#include <tiny_obj_loader.h>

#include <loom/render3d/mesh.hpp>

#include "core/io/image_io.hpp"

namespace loom {

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------------------------------------
// 1. Shared: file checks, messages, normals
// ---------------------------------------------------------------------------------------------

// Nothing when `file` is a regular file, else what is wrong with the path and how to fix it.
std::optional<std::string> check_file(const fs::path& file) {
    std::error_code ec;
    const fs::file_status status = fs::status(file, ec);
    if (!fs::exists(status)) {
        std::string fix = "Fix: check the path";
        if (file.is_relative()) {
            const fs::path cwd = fs::current_path(ec);
            if (!ec) fix += " (relative paths start at " + cwd.string() + ")";
        }
        return "no such file. " + fix + ".";
    }
    if (fs::is_directory(status)) return "it is a folder, not a file. Fix: name the model file inside it.";
    if (!fs::is_regular_file(status)) return "it is not a regular file. Fix: name the model file itself.";
    return std::nullopt;
}

std::optional<std::string> read_whole_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::nullopt;
    return text;
}

// A library's (possibly multi-line) message as one clause: lines joined with "; ", no trailing
// full stop or blank, so that ". Fix: ..." can follow.
std::string one_clause(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '.'))
            line.remove_suffix(1);
        while (!line.empty() && line.front() == ' ')
            line.remove_prefix(1);
        // The JSON parser's own tag ("[json.exception.parse_error.101] parse error at ...") says
        // nothing to a person: the rest does.
        if (line.substr(0, 16) == "[json.exception.") {
            const auto close = line.find("] ");
            if (close != std::string_view::npos) line.remove_prefix(close + 2);
        }
        if (!line.empty()) {
            if (!out.empty()) out += "; ";
            out += line;
        }
        start = end + 1;
    }
    return out.empty() ? std::string("unknown error") : out;
}

bool finite(glm::vec3 v) {
    return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
}

// A unit normal, or nothing when `n` has no usable direction.
std::optional<glm::vec3> unit(glm::vec3 n) {
    const float length = glm::length(n);
    if (!(length > 1e-30f) || !std::isfinite(length)) return std::nullopt;
    return n / length;
}

// Gives each vertex v with needs[v] the normalised, area-weighted sum of the normals of the
// triangles around its group (vertices with the same group[v] share a place, e.g. one OBJ position
// split by a UV seam, and get one normal so the seam does not show); +Y where that has no area.
// The indices must be valid.
void fill_smooth_normals(MeshData& mesh, const std::vector<std::uint32_t>& group, std::size_t groups,
                         const std::vector<char>& needs) {
    if (std::none_of(needs.begin(), needs.end(), [](char c) { return c != 0; })) return;
    std::vector<glm::vec3> sum(groups, glm::vec3(0.0f));
    for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        const std::uint32_t i[3] = {mesh.indices[t], mesh.indices[t + 1], mesh.indices[t + 2]};
        const glm::vec3 p0 = mesh.vertices[i[0]].position;
        // |cross| is twice the area: the weighting comes for free.
        const glm::vec3 face =
            glm::cross(mesh.vertices[i[1]].position - p0, mesh.vertices[i[2]].position - p0);
        if (!finite(face)) continue;
        for (std::uint32_t k : i)
            sum[group[k]] += face;
    }
    for (std::size_t v = 0; v < mesh.vertices.size(); ++v)
        if (needs[v]) mesh.vertices[v].normal = unit(sum[group[v]]).value_or(glm::vec3(0.0f, 1.0f, 0.0f));
}

// Gives every triangle its own three vertices with the triangle's normal (+Y where it has no area).
// The indices must be valid.
void make_flat(MeshData& mesh) {
    std::vector<Vertex> flat;
    flat.reserve(mesh.indices.size());
    for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        Vertex a = mesh.vertices[mesh.indices[t]], b = mesh.vertices[mesh.indices[t + 1]],
               c = mesh.vertices[mesh.indices[t + 2]];
        const glm::vec3 n =
            unit(glm::cross(b.position - a.position, c.position - a.position)).value_or(glm::vec3(0, 1, 0));
        a.normal = b.normal = c.normal = n;
        flat.insert(flat.end(), {a, b, c});
    }
    mesh.vertices = std::move(flat);
    mesh.indices.resize(mesh.vertices.size());
    std::iota(mesh.indices.begin(), mesh.indices.end(), 0u);
}

// ---------------------------------------------------------------------------------------------
// 2. OBJ
// ---------------------------------------------------------------------------------------------

// Calls fn(line, number) for each line of `text` (numbers from 1, "\r\n" endings accepted) until
// fn returns false.
template <class Fn>
void for_each_line(std::string_view text, Fn&& fn) {
    std::size_t start = 0, number = 1;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!fn(line, number)) return;
        start = end + 1;
        ++number;
    }
}

// The next whitespace-separated word of an OBJ line, taken off the front of `rest`; empty at the end.
std::string_view next_word(std::string_view& rest) {
    std::size_t i = 0;
    while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t'))
        ++i;
    std::size_t j = i;
    while (j < rest.size() && rest[j] != ' ' && rest[j] != '\t')
        ++j;
    const std::string_view word = rest.substr(i, j - i);
    rest.remove_prefix(j);
    return word;
}

// The three kinds of OBJ element a face corner ("v/vt/vn") refers to.
enum class ObjElement { kPosition = 0, kTexcoord = 1, kNormal = 2 };
constexpr const char* kObjKeyword[3] = {"v", "vt", "vn"};
constexpr const char* kObjName[3] = {"vertex", "texture coordinate", "normal"};

std::string quoted_line(std::string_view line) {
    constexpr std::size_t kMax = 60;
    std::string s(line.substr(0, kMax));
    if (line.size() > kMax) s += "...";
    return "\"" + s + "\"";
}

// The line of the `index`th (0-based) element of `kind`, 0 when there is none.
std::size_t obj_line_of(std::string_view text, ObjElement kind, std::size_t index) {
    std::size_t seen = 0, found = 0;
    for_each_line(text, [&](std::string_view line, std::size_t number) {
        if (next_word(line) == kObjKeyword[int(kind)] && seen++ == index) {
            found = number;
            return false;
        }
        return true;
    });
    return found;
}

// tinyobjloader only warns about a face that refers to a missing element (and silently drops
// such quads), so faces are checked here, to say which line is wrong. OBJ indices start at 1;
// negative ones count back from the last element defined so far; positive ones may refer to
// elements defined further down.
std::optional<std::string> find_bad_face(std::string_view text) {
    long long total[3] = {0, 0, 0};
    for_each_line(text, [&](std::string_view line, std::size_t) {
        const std::string_view keyword = next_word(line);
        for (int k = 0; k < 3; ++k)
            if (keyword == kObjKeyword[k]) ++total[k];
        return true;
    });
    long long seen[3] = {0, 0, 0};
    std::optional<std::string> problem;
    for_each_line(text, [&](const std::string_view line, std::size_t number) {
        std::string_view rest = line;
        const std::string_view keyword = next_word(rest);
        for (int k = 0; k < 3; ++k)
            if (keyword == kObjKeyword[k]) ++seen[k];
        if (keyword != "f") return true;
        for (std::string_view corner = next_word(rest); !corner.empty(); corner = next_word(rest)) {
            // "v", "v/vt", "v//vn" or "v/vt/vn".
            std::string_view fields = corner;
            for (int k = 0; k < 3 && !fields.empty(); ++k) {
                const std::size_t slash = fields.find('/');
                const std::string_view part = fields.substr(0, slash);
                fields = slash == std::string_view::npos ? std::string_view() : fields.substr(slash + 1);
                long long index = 0;
                const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), index);
                if (part.empty() || ec != std::errc() || end != part.data() + part.size()) continue;
                const long long resolved = index < 0 ? seen[k] + index + 1 : index;
                if (index != 0 && resolved >= 1 && resolved <= total[k]) continue;
                problem =
                    "line " + std::to_string(number) + ": the face " + quoted_line(line) + " refers to " +
                    kObjName[k] + " " + std::string(part) + ", but the file defines " +
                    (index < 0 ? std::to_string(seen[k]) + " before that line" : std::to_string(total[k])) +
                    ". Fix: correct that face (indices start at 1), or re-export the model";
                return false;
            }
        }
        return true;
    });
    return problem;
}

// One OBJ face corner: indices into the file's positions, texture coordinates and normals.
struct ObjCorner {
    int v, vt, vn;
    bool operator==(const ObjCorner&) const = default;
};
struct ObjCornerHash {
    std::size_t operator()(const ObjCorner& c) const {
        std::size_t h = std::hash<int>()(c.v);
        h = h * 1000003u ^ std::hash<int>()(c.vt);
        return h * 1000003u ^ std::hash<int>()(c.vn);
    }
};

Error obj_error(const fs::path& file, const std::string& what) {
    return make_error("cannot load OBJ " + file.string() + ": " + what);
}

// load_obj without the last-resort catch.
Result<MeshData> read_obj(const fs::path& file) {
    const auto fail = [&](const std::string& what) { return obj_error(file, what); };
    if (auto problem = check_file(file)) return fail(*problem);
    const std::optional<std::string> text = read_whole_file(file);
    if (!text) return fail("the file cannot be read. Fix: check its permissions.");
    if (text->find('\0') != std::string::npos)
        return fail(
            "it contains binary data, so it is not a Wavefront OBJ (a text format). Fix: check that the "
            "path names the .obj file; binary formats (.glb, .fbx, ...) need their own loader.");

    // Parsed from memory: the file is read once, and `mtllib` is ignored (a MeshData has no
    // materials), so a missing .mtl cannot fail the load.
    tinyobj::ObjReader reader;
    tinyobj::ObjReaderConfig config;
    config.triangulate = true;
    config.vertex_color = false;
    bool parsed = false;
    try {
        parsed = reader.ParseFromString(*text, std::string(), config);
    } catch (const std::exception& e) {
        return fail(std::string("the OBJ parser failed (") + e.what() +
                    "). Fix: re-export the model as OBJ.");
    } catch (...) {
        return fail("the OBJ parser failed. Fix: re-export the model as OBJ.");
    }
    if (!parsed)
        return fail(one_clause(reader.Error()) + ". Fix: correct that line, or re-export the model as OBJ.");
    if (auto bad = find_bad_face(*text)) return fail(*bad + ".");

    const tinyobj::attrib_t& attrib = reader.GetAttrib();
    const std::size_t positions = attrib.vertices.size() / 3, texcoords = attrib.texcoords.size() / 2,
                      normals = attrib.normals.size() / 3;
    // Non-finite numbers (e.g. "1e999") would poison bounds, normals and the GPU's rasteriser.
    const auto non_finite = [&](const std::vector<tinyobj::real_t>& values, int per,
                                ObjElement kind) -> std::optional<std::string> {
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (std::isfinite(values[i])) continue;
            const std::size_t line = obj_line_of(*text, kind, i / std::size_t(per));
            const std::string where = line ? "line " + std::to_string(line) + ": " : "";
            return where + "the " + kObjName[int(kind)] +
                   " has a coordinate that is not a finite number (nan or inf). " +
                   "Fix: correct it, or re-export the model.";
        }
        return std::nullopt;
    };
    for (auto problem : {non_finite(attrib.vertices, 3, ObjElement::kPosition),
                         non_finite(attrib.texcoords, 2, ObjElement::kTexcoord),
                         non_finite(attrib.normals, 3, ObjElement::kNormal)})
        if (problem) return fail(*problem);

    MeshData mesh;
    mesh.name = file.stem().string();
    std::unordered_map<ObjCorner, std::uint32_t, ObjCornerHash> known;
    std::vector<std::uint32_t> position_of;  // per vertex: its OBJ position, for smooth normals
    std::vector<char> needs_normal;
    std::vector<std::uint32_t> face;
    for (const tinyobj::shape_t& shape : reader.GetShapes()) {
        const auto& corners = shape.mesh.indices;
        std::size_t next = 0;
        for (const unsigned int count : shape.mesh.num_face_vertices) {
            if (count > corners.size() - next) break;  // the parser's bookkeeping disagrees: stop safely
            face.clear();
            for (std::size_t c = next; c < next + count; ++c) {
                const tinyobj::index_t& idx = corners[c];
                // find_bad_face vetted the text; this guards what the parser made of it.
                if (idx.vertex_index < 0 || std::size_t(idx.vertex_index) >= positions ||
                    idx.texcoord_index >= int(texcoords) || idx.normal_index >= int(normals))
                    return fail(
                        "a face refers to an element the file does not define. Fix: correct the face "
                        "indices, or re-export the model.");
                const ObjCorner key{idx.vertex_index, std::max(idx.texcoord_index, -1),
                                    std::max(idx.normal_index, -1)};
                auto [it, added] = known.try_emplace(key, static_cast<std::uint32_t>(mesh.vertices.size()));
                if (added) {
                    Vertex v;
                    const auto* p = &attrib.vertices[std::size_t(key.v) * 3];
                    v.position = {p[0], p[1], p[2]};
                    if (key.vt >= 0) {
                        const auto* t = &attrib.texcoords[std::size_t(key.vt) * 2];
                        v.uv = {t[0], 1.0f - t[1]};  // OBJ's v grows upwards; ours downwards
                    }
                    bool has_normal = false;
                    if (key.vn >= 0) {
                        const auto* n = &attrib.normals[std::size_t(key.vn) * 3];
                        if (auto u = unit({n[0], n[1], n[2]})) {
                            v.normal = *u;
                            has_normal = true;
                        }
                    }
                    mesh.vertices.push_back(v);
                    position_of.push_back(static_cast<std::uint32_t>(key.v));
                    needs_normal.push_back(has_normal ? 0 : 1);
                }
                face.push_back(it->second);
            }
            next += count;
            // The parser triangulates; a fan covers anything it left (convex polygons).
            for (std::size_t k = 1; k + 1 < face.size(); ++k)
                mesh.indices.insert(mesh.indices.end(), {face[0], face[k], face[k + 1]});
        }
    }
    if (mesh.indices.empty())
        return fail(
            "it has no faces (" + std::to_string(positions) + (positions == 1 ? " vertex" : " vertices") +
            ", no triangles). Fix: export the mesh with its faces; points and lines cannot be "
            "drawn as a mesh.");
    fill_smooth_normals(mesh, position_of, positions, needs_normal);
    compute_tangents(mesh);
    mesh.compute_bounds();
    return mesh;
}

}  // namespace

Result<MeshData> load_obj(const fs::path& file) {
    try {
        return read_obj(file);
    } catch (const std::bad_alloc&) {
        return obj_error(file,
                         "out of memory while reading it. Fix: check that the file is not damaged; a "
                         "mesh this large needs splitting.");
    } catch (const std::exception& e) {
        return obj_error(file,
                         std::string("reading it failed (") + e.what() + "). Fix: re-export the model.");
    }
}

namespace {

// ---------------------------------------------------------------------------------------------
// 3. glTF: accessors
// ---------------------------------------------------------------------------------------------

constexpr const char* kCorruptFix =
    "Fix: the file is damaged or was written by a faulty exporter; re-export it (the Khronos glTF Validator "
    "shows what is wrong).";
// More elements than any real-time mesh has; keeps a bogus count from allocating gigabytes.
constexpr std::size_t kMaxElements = std::size_t(1) << 27;

std::size_t component_size(int type) {
    switch (type) {
        case TINYGLTF_COMPONENT_TYPE_BYTE:
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE:
            return 1;
        case TINYGLTF_COMPONENT_TYPE_SHORT:
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT:
            return 2;
        case TINYGLTF_COMPONENT_TYPE_INT:
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT:
        case TINYGLTF_COMPONENT_TYPE_FLOAT:
            return 4;
        case TINYGLTF_COMPONENT_TYPE_DOUBLE:
            return 8;
        default:
            return 0;
    }
}

bool is_integer(int type) {
    return type != TINYGLTF_COMPONENT_TYPE_FLOAT && type != TINYGLTF_COMPONENT_TYPE_DOUBLE;
}

int components_of(int type) {
    switch (type) {
        case TINYGLTF_TYPE_SCALAR:
            return 1;
        case TINYGLTF_TYPE_VEC2:
            return 2;
        case TINYGLTF_TYPE_VEC3:
            return 3;
        case TINYGLTF_TYPE_VEC4:
            return 4;
        default:
            return 0;  // matrices: never a vertex attribute or an index
    }
}

// One component at `p` (little-endian, any alignment). Normalised integers map to [0, 1] or
// [-1, 1] as glTF 2.0 §3.11 says.
double read_component(const unsigned char* p, int type, bool normalized) {
    const auto load = [p](auto value) {
        std::memcpy(&value, p, sizeof value);
        return value;
    };
    switch (type) {
        case TINYGLTF_COMPONENT_TYPE_BYTE: {
            const double v = load(std::int8_t{});
            return normalized ? std::max(v / 127.0, -1.0) : v;
        }
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: {
            const double v = load(std::uint8_t{});
            return normalized ? v / 255.0 : v;
        }
        case TINYGLTF_COMPONENT_TYPE_SHORT: {
            const double v = load(std::int16_t{});
            return normalized ? std::max(v / 32767.0, -1.0) : v;
        }
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: {
            const double v = load(std::uint16_t{});
            return normalized ? v / 65535.0 : v;
        }
        case TINYGLTF_COMPONENT_TYPE_INT: {
            const double v = load(std::int32_t{});
            return normalized ? std::max(v / 2147483647.0, -1.0) : v;
        }
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: {
            const double v = load(std::uint32_t{});
            return normalized ? v / 4294967295.0 : v;
        }
        case TINYGLTF_COMPONENT_TYPE_FLOAT:
            return load(float{});
        case TINYGLTF_COMPONENT_TYPE_DOUBLE:
            return load(double{});
        default:
            return 0.0;
    }
}

// Elements inside a buffer: the first one's bytes and the distance between elements.
struct ByteRange {
    const unsigned char* data = nullptr;
    std::size_t stride = 0;
};

// Converts a loaded tinygltf::Model to a ModelData. Error messages say what is wrong; load_gltf
// puts the file name in front.
class GltfConverter {
  public:
    explicit GltfConverter(const tinygltf::Model& model) : m_(model) {}

    Result<ModelData> convert();
    // Things that lose detail without making the model wrong, one sentence each.
    const std::vector<std::string>& warnings() const { return warnings_; }

  private:
    Result<ByteRange> view_range(int view, std::size_t offset, std::size_t count, std::size_t element_size,
                                 bool strided, const std::string& what) const;
    template <class Store>
    Result<void> visit_accessor(int index, std::size_t count, int type, std::size_t element_size,
                                const std::string& what, Store&& store) const;
    Result<const tinygltf::Accessor*> accessor(int index, int components, const std::string& what) const;
    Result<std::vector<float>> read_floats(int index, int components, const std::string& what) const;
    Result<std::vector<std::uint32_t>> read_indices(int index, const std::string& what) const;

    Result<MeshData> convert_primitive(int mesh, int primitive);
    Result<MaterialData> convert_material(int index);
    Result<int> texture(int index, bool srgb, const std::string& what);
    Result<void> walk(int root);
    Result<glm::mat4> local_transform(int node) const;

    const tinygltf::Model& m_;
    ModelData out_;
    std::vector<std::string> warnings_;
    // Converted primitives by (mesh, primitive); an empty MeshData is a skipped one. Meshes used by
    // several nodes are converted once.
    std::map<std::pair<int, int>, MeshData> primitives_;
    std::map<std::pair<int, bool>, int> textures_;  // (image, srgb) -> index in out_.textures
    std::vector<char> visited_;                     // per node
    std::size_t skipped_primitives_ = 0;
};

std::string mesh_label(const tinygltf::Model& m, int mesh, int primitive) {
    const std::string& name = m.meshes[std::size_t(mesh)].name;
    return "mesh " + std::to_string(mesh) + (name.empty() ? "" : " \"" + name + "\"") + " primitive " +
           std::to_string(primitive);
}

// `count` elements of `element_size` bytes, `stride` apart, from byte `offset` of buffer view
// `view`: checks that the view lies inside its buffer and all the elements inside the view.
// `strided`: use the view's byteStride (vertex attributes); otherwise elements are packed.
Result<ByteRange> GltfConverter::view_range(int view, std::size_t offset, std::size_t count,
                                            std::size_t element_size, bool strided,
                                            const std::string& what) const {
    if (view < 0 || std::size_t(view) >= m_.bufferViews.size())
        return make_error(what + " refers to buffer view " + std::to_string(view) + ", but the file has " +
                          std::to_string(m_.bufferViews.size()) + ". " + kCorruptFix);
    const tinygltf::BufferView& bv = m_.bufferViews[std::size_t(view)];
    if (bv.buffer < 0 || std::size_t(bv.buffer) >= m_.buffers.size())
        return make_error("buffer view " + std::to_string(view) + " refers to buffer " +
                          std::to_string(bv.buffer) + ", but the file has " +
                          std::to_string(m_.buffers.size()) + ". " + kCorruptFix);
    const std::size_t buffer_size = m_.buffers[std::size_t(bv.buffer)].data.size();
    if (bv.byteOffset > buffer_size || bv.byteLength > buffer_size - bv.byteOffset)
        return make_error("buffer view " + std::to_string(view) + " (bytes " + std::to_string(bv.byteOffset) +
                          " to " + std::to_string(bv.byteOffset + bv.byteLength) +
                          ") reaches past the end of buffer " + std::to_string(bv.buffer) + " (" +
                          std::to_string(buffer_size) + " bytes). " + kCorruptFix);
    const std::size_t stride = strided && bv.byteStride != 0 ? bv.byteStride : element_size;
    if (stride < element_size)
        return make_error("buffer view " + std::to_string(view) + " has a byteStride of " +
                          std::to_string(bv.byteStride) + " bytes, less than one element of " + what + " (" +
                          std::to_string(element_size) + " bytes). " + kCorruptFix);
    const std::size_t length = bv.byteLength;
    // offset + (count - 1) * stride + element_size <= length, without overflowing.
    if (count > 0 && (offset > length || element_size > length - offset ||
                      count - 1 > (length - offset - element_size) / stride))
        return make_error(what + ": " + std::to_string(count) + " elements of " +
                          std::to_string(element_size) + " bytes from byte " + std::to_string(offset) +
                          " reach past the end of buffer view " + std::to_string(view) + " (" +
                          std::to_string(length) + " bytes). " + kCorruptFix);
    return ByteRange{m_.buffers[std::size_t(bv.buffer)].data.data() + bv.byteOffset + offset, stride};
}

// Calls store(element, component, value) for every component of the accessor's elements, then
// again for its sparse substitutes, if any. An accessor without a buffer view is all zeros: the
// caller's storage starts zeroed, and store is not called for them.
template <class Store>
Result<void> GltfConverter::visit_accessor(int index, std::size_t count, int components,
                                           std::size_t element_size, const std::string& what,
                                           Store&& store) const {
    const tinygltf::Accessor& a = m_.accessors[std::size_t(index)];
    const std::size_t csize = component_size(a.componentType);
    if (a.bufferView >= 0) {
        auto range = view_range(a.bufferView, a.byteOffset, count, element_size, true, what);
        if (!range) return range.error();
        for (std::size_t e = 0; e < count; ++e) {
            const unsigned char* p = range->data + e * range->stride;
            for (int c = 0; c < components; ++c)
                store(e, c, read_component(p + std::size_t(c) * csize, a.componentType, a.normalized));
        }
    }
    if (!a.sparse.isSparse) return {};
    const auto& sparse = a.sparse;
    const int index_type = sparse.indices.componentType;
    if (sparse.count < 0 || std::size_t(sparse.count) > count || sparse.indices.byteOffset < 0 ||
        sparse.values.byteOffset < 0 || !is_integer(index_type) || component_size(index_type) == 0)
        return make_error(what + " has a malformed sparse section. " + kCorruptFix);
    const auto n = std::size_t(sparse.count);
    auto indices = view_range(sparse.indices.bufferView, std::size_t(sparse.indices.byteOffset), n,
                              component_size(index_type), false, what + " (sparse indices)");
    if (!indices) return indices.error();
    auto values = view_range(sparse.values.bufferView, std::size_t(sparse.values.byteOffset), n, element_size,
                             false, what + " (sparse values)");
    if (!values) return values.error();
    for (std::size_t k = 0; k < n; ++k) {
        const double target = read_component(indices->data + k * indices->stride, index_type, false);
        if (!(target >= 0.0) || target >= double(count))
            return make_error(what + " has a sparse index " + std::to_string(target) + " past its " +
                              std::to_string(count) + " elements. " + kCorruptFix);
        const unsigned char* p = values->data + k * values->stride;
        for (int c = 0; c < components; ++c)
            store(std::size_t(target), c,
                  read_component(p + std::size_t(c) * csize, a.componentType, a.normalized));
    }
    return {};
}

// The accessor `index`, checked to exist, to have `components` per element, a known component
// type and a plausible count.
Result<const tinygltf::Accessor*> GltfConverter::accessor(int index, int components,
                                                          const std::string& what) const {
    if (index < 0 || std::size_t(index) >= m_.accessors.size())
        return make_error(what + " refers to accessor " + std::to_string(index) + ", but the file has " +
                          std::to_string(m_.accessors.size()) + ". " + kCorruptFix);
    const tinygltf::Accessor& a = m_.accessors[std::size_t(index)];
    if (components_of(a.type) != components)
        return make_error(what + " (accessor " + std::to_string(index) + ") has " +
                          std::to_string(components_of(a.type)) + " components per element where " +
                          std::to_string(components) + " belong. " + kCorruptFix);
    if (component_size(a.componentType) == 0)
        return make_error(what + " (accessor " + std::to_string(index) + ") has an unknown componentType " +
                          std::to_string(a.componentType) + ". " + kCorruptFix);
    if (a.count > kMaxElements)
        return make_error(what + " (accessor " + std::to_string(index) + ") claims " +
                          std::to_string(a.count) + " elements, more than " + std::to_string(kMaxElements) +
                          ". " + kCorruptFix);
    return &a;
}

Result<std::vector<float>> GltfConverter::read_floats(int index, int components,
                                                      const std::string& what) const {
    auto a = accessor(index, components, what);
    if (!a) return a.error();
    const std::string label = what + " (accessor " + std::to_string(index) + ")";
    std::vector<float> out((*a)->count * std::size_t(components), 0.0f);
    auto r = visit_accessor(index, (*a)->count, components, component_size((*a)->componentType) * components,
                            label, [&](std::size_t e, int c, double v) {
                                out[e * std::size_t(components) + std::size_t(c)] = static_cast<float>(v);
                            });
    if (!r) return r.error();
    return out;
}

Result<std::vector<std::uint32_t>> GltfConverter::read_indices(int index, const std::string& what) const {
    auto a = accessor(index, 1, what);
    if (!a) return a.error();
    if (!is_integer((*a)->componentType))
        return make_error(what + " (accessor " + std::to_string(index) +
                          ") holds floating-point numbers; indices are integers. " + kCorruptFix);
    const std::string label = what + " (accessor " + std::to_string(index) + ")";
    std::vector<std::uint32_t> out((*a)->count, 0u);
    std::optional<double> bad;
    auto r = visit_accessor(index, (*a)->count, 1, component_size((*a)->componentType), label,
                            [&](std::size_t e, int, double v) {
                                if (v >= 0.0 && v <= 4294967295.0)
                                    out[e] = static_cast<std::uint32_t>(v);
                                else if (!bad)
                                    bad = v;
                            });
    if (!r) return r.error();
    if (bad) return make_error(label + " holds the index " + std::to_string(*bad) + ". " + kCorruptFix);
    return out;
}

// ---------------------------------------------------------------------------------------------
// 4. glTF: primitives, materials, textures
// ---------------------------------------------------------------------------------------------

Result<MeshData> GltfConverter::convert_primitive(int mesh_index, int primitive_index) {
    const tinygltf::Primitive& prim =
        m_.meshes[std::size_t(mesh_index)].primitives[std::size_t(primitive_index)];
    const std::string where = mesh_label(m_, mesh_index, primitive_index);
    MeshData mesh;
    // -1: tinygltf's "not given"; glTF's default is TRIANGLES.
    if (prim.mode != TINYGLTF_MODE_TRIANGLES && prim.mode != -1) {
        ++skipped_primitives_;
        return mesh;
    }
    const auto attribute = [&](const char* name) {
        const auto it = prim.attributes.find(name);
        return it == prim.attributes.end() ? -1 : it->second;
    };
    if (attribute("POSITION") < 0)
        return make_error(where +
                          " has no POSITION attribute. Fix: re-export the mesh with its vertex positions.");

    auto positions = read_floats(attribute("POSITION"), 3, "the POSITION of " + where);
    if (!positions) return positions.error();
    const std::size_t count = positions->size() / 3;
    mesh.name = m_.meshes[std::size_t(mesh_index)].name;
    if (mesh.name.empty()) mesh.name = "mesh " + std::to_string(mesh_index);
    if (m_.meshes[std::size_t(mesh_index)].primitives.size() > 1)
        mesh.name += "#" + std::to_string(primitive_index);
    mesh.vertices.resize(count);
    for (std::size_t v = 0; v < count; ++v) {
        const glm::vec3 p = glm::make_vec3(&(*positions)[v * 3]);
        if (!finite(p))
            return make_error("vertex " + std::to_string(v) + " of " + where +
                              " has a position that is not a finite number (nan or inf). " + kCorruptFix);
        mesh.vertices[v].position = p;
    }

    // Optional attributes must have one element per vertex.
    const auto optional_attribute = [&](const char* name, int components) -> Result<std::vector<float>> {
        if (attribute(name) < 0) return std::vector<float>();
        auto values = read_floats(attribute(name), components, "the " + std::string(name) + " of " + where);
        if (!values) return values.error();
        if (values->size() != count * std::size_t(components))
            return make_error(where + " has " + std::to_string(values->size() / std::size_t(components)) +
                              " " + name + " values for " + std::to_string(count) + " vertices. " +
                              kCorruptFix);
        for (std::size_t i = 0; i < values->size(); ++i)
            if (!std::isfinite((*values)[i]))
                return make_error("vertex " + std::to_string(i / std::size_t(components)) + " of " + where +
                                  " has a " + name + " that is not a finite number (nan or inf). " +
                                  kCorruptFix);
        return values;
    };
    auto normals = optional_attribute("NORMAL", 3);
    if (!normals) return normals.error();
    auto uvs = optional_attribute("TEXCOORD_0", 2);
    if (!uvs) return uvs.error();
    auto tangents = optional_attribute("TANGENT", 4);
    if (!tangents) return tangents.error();

    const bool has_normals = !normals->empty();
    std::vector<char> needs_normal(count, 0);
    for (std::size_t v = 0; v < count; ++v) {
        Vertex& vx = mesh.vertices[v];
        if (has_normals) {
            if (auto n = unit(glm::make_vec3(&(*normals)[v * 3])))
                vx.normal = *n;
            else
                needs_normal[v] = 1;  // a zero normal: rebuilt from the triangles around it below
        }
        if (!uvs->empty()) vx.uv = glm::make_vec2(&(*uvs)[v * 2]);  // glTF's UV origin is already top-left
    }

    if (prim.indices >= 0) {
        auto indices = read_indices(prim.indices, "the indices of " + where);
        if (!indices) return indices.error();
        mesh.indices = std::move(*indices);
    } else {
        mesh.indices.resize(count);
        std::iota(mesh.indices.begin(), mesh.indices.end(), 0u);
    }
    if (mesh.indices.size() % 3 != 0)
        return make_error(where + " has " + std::to_string(mesh.indices.size()) +
                          " indices, which is not a whole number of triangles. " + kCorruptFix);
    for (std::size_t i = 0; i < mesh.indices.size(); ++i)
        if (mesh.indices[i] >= count)
            return make_error("index " + std::to_string(i) + " of " + where + " is " +
                              std::to_string(mesh.indices[i]) + ", but it has " + std::to_string(count) +
                              " vertices. " + kCorruptFix);

    if (!has_normals) {
        // glTF 2.0 §3.7.2.1: without normals, flat normals, and any tangents are ignored.
        make_flat(mesh);
        compute_tangents(mesh);
    } else {
        std::vector<std::uint32_t> self(count);
        std::iota(self.begin(), self.end(), 0u);
        fill_smooth_normals(mesh, self, count, needs_normal);
        bool tangents_ok = !tangents->empty();
        for (std::size_t v = 0; v < count && tangents_ok; ++v) {
            const glm::vec4 t = glm::make_vec4(&(*tangents)[v * 4]);
            const auto dir = unit(glm::vec3(t));
            if (!dir) {
                tangents_ok = false;  // one unusable tangent: recompute them all, consistently
                break;
            }
            mesh.vertices[v].tangent = glm::vec4(*dir, t.w < 0.0f ? -1.0f : 1.0f);
        }
        if (!tangents_ok) compute_tangents(mesh);
    }
    mesh.compute_bounds();
    return mesh;
}

// Decoded image pixels as 8-bit RGBA, or nothing when tinygltf left a layout this does not know.
std::optional<TextureData> to_rgba8(const tinygltf::Image& image, bool srgb) {
    const int comp = image.component, bits = image.bits;
    if (image.width <= 0 || image.height <= 0 || comp < 1 || comp > 4 || (bits != 8 && bits != 16))
        return std::nullopt;
    const std::size_t pixels = std::size_t(image.width) * std::size_t(image.height);
    const std::size_t bytes_per = std::size_t(bits / 8);
    if (image.image.size() != pixels * std::size_t(comp) * bytes_per) return std::nullopt;
    TextureData tex;
    tex.width = std::uint32_t(image.width);
    tex.height = std::uint32_t(image.height);
    tex.srgb = srgb;
    tex.rgba.resize(pixels * 4);
    const unsigned char* src = image.image.data();
    const auto channel = [&](std::size_t i) -> std::uint8_t {
        if (bits == 8) return src[i];
        std::uint16_t v;
        std::memcpy(&v, src + i * 2, 2);
        return static_cast<std::uint8_t>((std::uint32_t(v) * 255u + 32767u) / 65535u);
    };
    for (std::size_t p = 0; p < pixels; ++p) {
        const std::size_t s = p * std::size_t(comp);
        std::uint8_t* d = &tex.rgba[p * 4];
        if (comp <= 2) {  // grey, grey + alpha
            d[0] = d[1] = d[2] = channel(s);
            d[3] = comp == 2 ? channel(s + 1) : 255;
        } else {
            d[0] = channel(s), d[1] = channel(s + 1), d[2] = channel(s + 2);
            d[3] = comp == 4 ? channel(s + 3) : 255;
        }
    }
    return tex;
}

// The ModelData texture for glTF texture `index` used as colour (srgb) or data, -1 for none.
// An image that could not be read is a warning and no texture: the material still renders.
Result<int> GltfConverter::texture(int index, bool srgb, const std::string& what) {
    if (index < 0) return -1;
    if (std::size_t(index) >= m_.textures.size())
        return make_error(what + " refers to texture " + std::to_string(index) + ", but the file has " +
                          std::to_string(m_.textures.size()) + ". " + kCorruptFix);
    const int source = m_.textures[std::size_t(index)].source;
    if (source < 0) {
        warnings_.push_back(what + " uses texture " + std::to_string(index) +
                            ", which has no image in a format this loader reads (PNG, JPEG); it is left out");
        return -1;
    }
    if (std::size_t(source) >= m_.images.size())
        return make_error("texture " + std::to_string(index) + " refers to image " + std::to_string(source) +
                          ", but the file has " + std::to_string(m_.images.size()) + ". " + kCorruptFix);
    if (auto it = textures_.find({source, srgb}); it != textures_.end()) return it->second;
    const tinygltf::Image& image = m_.images[std::size_t(source)];
    // Its name, else its file name (not a data: URI, which is the whole image), else its index.
    std::string name = image.name;
    if (name.empty() && !image.uri.empty() && image.uri.rfind("data:", 0) != 0) name = image.uri;
    if (name.empty()) name = "image " + std::to_string(source);
    std::optional<TextureData> tex;
    if (!image.image.empty()) tex = to_rgba8(image, srgb);
    if (!tex) {
        warnings_.push_back(
            "image \"" + name + "\" (used by " + what +
            ") could not be read, so it is left out; check that its file sits where the model says");
        textures_[{source, srgb}] = -1;
        return -1;
    }
    tex->name = std::move(name);
    out_.textures.push_back(std::move(*tex));
    const int ours = int(out_.textures.size()) - 1;
    textures_[{source, srgb}] = ours;
    return ours;
}

Result<MaterialData> GltfConverter::convert_material(int index) {
    const tinygltf::Material& gm = m_.materials[std::size_t(index)];
    const auto& pbr = gm.pbrMetallicRoughness;
    MaterialData mat;
    mat.name = gm.name.empty() ? "material " + std::to_string(index) : gm.name;
    // Factors that are not finite keep their defaults rather than poisoning the shading.
    const auto pick = [](double v, float fallback) { return std::isfinite(v) ? float(v) : fallback; };
    if (pbr.baseColorFactor.size() == 4)
        for (int c = 0; c < 4; ++c)
            mat.base_color[c] = pick(pbr.baseColorFactor[std::size_t(c)], 1.0f);
    mat.metallic = pick(pbr.metallicFactor, 1.0f);
    mat.roughness = pick(pbr.roughnessFactor, 1.0f);
    if (gm.emissiveFactor.size() == 3)
        for (int c = 0; c < 3; ++c)
            mat.emissive[c] = pick(gm.emissiveFactor[std::size_t(c)], 0.0f);
    // KHR_materials_emissive_strength scales the factor past 1 (HDR emitters).
    if (auto ext = gm.extensions.find("KHR_materials_emissive_strength");
        ext != gm.extensions.end() && ext->second.Has("emissiveStrength")) {
        const tinygltf::Value& strength = ext->second.Get("emissiveStrength");
        if (strength.IsNumber()) mat.emissive *= pick(strength.GetNumberAsDouble(), 1.0f);
    }
    const std::string what =
        "material " + std::to_string(index) + (gm.name.empty() ? "" : " \"" + gm.name + "\"");
    struct Slot {
        int gltf_index;
        bool srgb;
        int* ours;
    } slots[] = {
        {pbr.baseColorTexture.index, true, &mat.base_color_texture},
        {gm.normalTexture.index, false, &mat.normal_texture},
        {pbr.metallicRoughnessTexture.index, false, &mat.metallic_roughness_texture},
        {gm.emissiveTexture.index, true, &mat.emissive_texture},
    };
    for (const Slot& s : slots) {
        auto t = texture(s.gltf_index, s.srgb, what);
        if (!t) return t.error();
        *s.ours = *t;
    }
    return mat;
}

// ---------------------------------------------------------------------------------------------
// 5. glTF: node hierarchy and load_gltf
// ---------------------------------------------------------------------------------------------

Result<glm::mat4> GltfConverter::local_transform(int index) const {
    const tinygltf::Node& node = m_.nodes[std::size_t(index)];
    glm::dmat4 m(1.0);
    if (node.matrix.size() == 16) {
        m = glm::make_mat4(node.matrix.data());  // column-major, like glm
    } else {
        glm::dvec3 t(0.0), s(1.0);
        glm::dquat r(1.0, 0.0, 0.0, 0.0);
        if (node.translation.size() == 3) t = glm::make_vec3(node.translation.data());
        if (node.scale.size() == 3) s = glm::make_vec3(node.scale.data());
        if (node.rotation.size() == 4) {
            // glTF stores x, y, z, w; glm's constructor takes w first.
            r = glm::dquat(node.rotation[3], node.rotation[0], node.rotation[1], node.rotation[2]);
            const double length = glm::length(r);
            r = length > 1e-12 && std::isfinite(length) ? r / length : glm::dquat(1.0, 0.0, 0.0, 0.0);
        }
        m = glm::translate(glm::dmat4(1.0), t) * glm::mat4_cast(r) * glm::scale(glm::dmat4(1.0), s);
    }
    const glm::mat4 f(m);
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r)
            if (!std::isfinite(f[c][r]))
                return make_error("node " + std::to_string(index) +
                                  " has a transform that is not a finite number (nan or inf). " +
                                  kCorruptFix);
    return f;
}

// Adds the parts of node `root` and everything below it.
Result<void> GltfConverter::walk(int root) {
    struct Pending {
        int node;
        glm::mat4 parent;
    };
    // Iterative, so a deep hierarchy cannot overflow the stack; visited_ stops cycles.
    std::vector<Pending> stack{{root, glm::mat4(1.0f)}};
    while (!stack.empty()) {
        const Pending item = stack.back();
        stack.pop_back();
        if (item.node < 0 || std::size_t(item.node) >= m_.nodes.size())
            return make_error("the node hierarchy refers to node " + std::to_string(item.node) +
                              ", but the file has " + std::to_string(m_.nodes.size()) + ". " + kCorruptFix);
        if (visited_[std::size_t(item.node)])
            return make_error(
                "node " + std::to_string(item.node) +
                " is reached twice: the node hierarchy has a cycle or a node with two parents. " +
                kCorruptFix);
        visited_[std::size_t(item.node)] = 1;
        const tinygltf::Node& node = m_.nodes[std::size_t(item.node)];
        auto local = local_transform(item.node);
        if (!local) return local.error();
        const glm::mat4 world = item.parent * *local;
        if (node.mesh >= 0) {
            if (std::size_t(node.mesh) >= m_.meshes.size())
                return make_error("node " + std::to_string(item.node) + " refers to mesh " +
                                  std::to_string(node.mesh) + ", but the file has " +
                                  std::to_string(m_.meshes.size()) + ". " + kCorruptFix);
            const auto& prims = m_.meshes[std::size_t(node.mesh)].primitives;
            for (std::size_t p = 0; p < prims.size(); ++p) {
                const std::pair<int, int> key{node.mesh, int(p)};
                auto it = primitives_.find(key);
                if (it == primitives_.end()) {
                    auto converted = convert_primitive(node.mesh, int(p));
                    if (!converted) return converted.error();
                    it = primitives_.emplace(key, std::move(*converted)).first;
                }
                if (it->second.indices.empty()) continue;  // skipped, or no triangles
                const int material = prims[p].material;
                if (material >= int(m_.materials.size()))
                    return make_error(mesh_label(m_, node.mesh, int(p)) + " refers to material " +
                                      std::to_string(material) + ", but the file has " +
                                      std::to_string(m_.materials.size()) + ". " + kCorruptFix);
                out_.parts.push_back(ModelPart{it->second, world, std::max(material, -1)});
            }
        }
        // Reversed, so that children come out in the file's order.
        for (auto c = node.children.rbegin(); c != node.children.rend(); ++c)
            stack.push_back({*c, world});
    }
    return {};
}

Result<ModelData> GltfConverter::convert() {
    for (std::size_t i = 0; i < m_.materials.size(); ++i) {
        auto mat = convert_material(int(i));
        if (!mat) return mat.error();
        out_.materials.push_back(std::move(*mat));
    }
    // The default scene, else the first; a file without scenes shows every root node.
    std::vector<int> roots;
    if (!m_.scenes.empty()) {
        const std::size_t scene = m_.defaultScene >= 0 && std::size_t(m_.defaultScene) < m_.scenes.size()
                                      ? std::size_t(m_.defaultScene)
                                      : 0;
        roots = m_.scenes[scene].nodes;
    } else {
        std::vector<char> is_child(m_.nodes.size(), 0);
        for (const auto& node : m_.nodes)
            for (int c : node.children)
                if (c >= 0 && std::size_t(c) < is_child.size()) is_child[std::size_t(c)] = 1;
        for (std::size_t i = 0; i < m_.nodes.size(); ++i)
            if (!is_child[i]) roots.push_back(int(i));
    }
    visited_.assign(m_.nodes.size(), 0);
    for (int root : roots) {
        auto r = walk(root);
        if (!r) return r.error();
    }
    if (skipped_primitives_ > 0)
        warnings_.push_back(
            std::to_string(skipped_primitives_) +
            " primitive(s) that are not triangle lists (points, lines, strips, fans) are left out");
    if (out_.parts.empty())
        return make_error(std::string("the scene has no triangles") +
                          (skipped_primitives_ ? " (only points, lines or strips)" : "") +
                          ". Fix: export the model with triangle meshes, " +
                          "and make sure the scene's nodes use them.");
    bool first = true;
    for (const ModelPart& part : out_.parts) {
        for (int corner = 0; corner < 8; ++corner) {
            const glm::vec3 local((corner & 1) ? part.mesh.bounds_max.x : part.mesh.bounds_min.x,
                                  (corner & 2) ? part.mesh.bounds_max.y : part.mesh.bounds_min.y,
                                  (corner & 4) ? part.mesh.bounds_max.z : part.mesh.bounds_min.z);
            const glm::vec3 p(part.transform * glm::vec4(local, 1.0f));
            out_.bounds_min = first ? p : glm::min(out_.bounds_min, p);
            out_.bounds_max = first ? p : glm::max(out_.bounds_max, p);
            first = false;
        }
    }
    return std::move(out_);
}

// tinygltf 2.7 decodes an image stored in a buffer view from &buffer[view.byteOffset] for
// view.byteLength bytes without checking that those lie inside the buffer; this checks first, then
// hands over to tinygltf's own stb_image decoder. user_data is the Model being loaded: its buffers
// and buffer views are parsed before its images.
bool load_image_checked(tinygltf::Image* image, const int image_index, std::string* err, std::string* warn,
                        int req_width, int req_height, const unsigned char* bytes, int size,
                        void* user_data) {
    const auto* model = static_cast<const tinygltf::Model*>(user_data);
    if (size < 0) {
        if (err) *err += "image " + std::to_string(image_index) + " is larger than 2 GB";
        return false;
    }
    if (image->bufferView >= 0) {
        // tinygltf has checked both indices before calling.
        const tinygltf::BufferView& view = model->bufferViews[std::size_t(image->bufferView)];
        const std::size_t buffer_size = model->buffers[std::size_t(view.buffer)].data.size();
        if (view.byteOffset > buffer_size || view.byteLength > buffer_size - view.byteOffset) {
            if (err)
                *err += "image " + std::to_string(image_index) + " lies in buffer view " +
                        std::to_string(image->bufferView) + ", which reaches past the end of its buffer";
            return false;
        }
    }
    // A few bytes may claim an enormous image: refuse it before the decoder allocates for it.
    int w = 0, h = 0, n = 0;
    if (stbi_info_from_memory(bytes, size, &w, &h, &n)) {
        if (const std::string over = io::over_pixel_limit(w, h); !over.empty()) {
            if (err) *err += "image " + std::to_string(image_index) + ": " + over;
            return false;
        }
    }
    return tinygltf::LoadImageData(image, image_index, err, warn, req_width, req_height, bytes, size,
                                   nullptr);
}

bool starts_with_glb_magic(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    char magic[4] = {};
    return in.read(magic, 4) && std::memcmp(magic, "glTF", 4) == 0;
}

bool has_glb_extension(const fs::path& file) {
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".glb";
}

}  // namespace

Result<ModelData> load_gltf(const fs::path& file) {
    const std::string name = file.string();
    const auto fail = [&](const std::string& what) {
        return make_error("cannot load glTF " + name + ": " + what);
    };
    if (auto problem = check_file(file)) return fail(*problem);

    // The content decides: a .gltf that is really binary still loads.
    const bool binary = starts_with_glb_magic(file);
    if (!binary && has_glb_extension(file))
        return fail(
            "it does not start with the binary glTF header (\"glTF\"), so it is not a .glb file or it is "
            "damaged. Fix: re-export the model as .glb, or check that the path names the model.");

    tinygltf::Model model;
    tinygltf::TinyGLTF loader;
    loader.SetImageLoader(&load_image_checked, &model);
    std::string err, warn;
    bool loaded = false;
    try {
        loaded = binary ? loader.LoadBinaryFromFile(&model, &err, &warn, name)
                        : loader.LoadASCIIFromFile(&model, &err, &warn, name);
    } catch (const std::exception& e) {
        err = std::string("the glTF parser failed (") + e.what() + ")";
    } catch (...) {
        err = "the glTF parser failed";
    }
    if (!loaded)
        return fail(
            one_clause(err.empty() ? warn : err) +
            (binary
                 ? ". Fix: check that the .glb is complete (not truncated), or re-export it."
                 : ". Fix: check that the file is complete glTF 2.0 JSON and that the .bin and image files "
                   "it names sit next to it (the Khronos glTF Validator pinpoints problems)."));

    std::vector<std::string> warnings;
    if (!warn.empty()) warnings.push_back(one_clause(warn));
    Result<ModelData> result = make_error("");
    try {
        GltfConverter converter(model);
        result = converter.convert();
        warnings.insert(warnings.end(), converter.warnings().begin(), converter.warnings().end());
    } catch (const std::bad_alloc&) {
        return fail(
            "out of memory while converting it. Fix: check that the file is not damaged; a model this "
            "large needs splitting.");
    } catch (const std::exception& e) {
        return fail(std::string("converting it failed (") + e.what() + "). " + kCorruptFix);
    }
    if (!result) return fail(result.message());
    // One line per load, however many things it warns about.
    if (!warnings.empty()) {
        std::string line;
        for (const std::string& w : warnings)
            line += (line.empty() ? "" : "; ") + w;
        spdlog::warn("glTF {} loaded with warnings: {}", name, line);
    }
    return result;
}

}  // namespace loom
