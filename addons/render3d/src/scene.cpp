// addons/render3d/src/scene.cpp — the CPU side of Render3D's scene: objects, lights, the camera
// and the meshes a project registers. No GPU here (render3d.cpp records the passes).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <loom/chain.hpp>
#include <loom/render3d/render3d.hpp>
#include <spdlog/spdlog.h>

#include "addons/render3d/src/shadow_math.hpp"
#include "core/io/image_io.hpp"

namespace loom {

namespace {
constexpr float kRadians = 3.14159265358979f / 180.0f;

glm::mat4 rotation_matrix(glm::vec3 deg) {
    const glm::vec3 r = deg * kRadians;
    const float cy = std::cos(r.y), sy = std::sin(r.y), cx = std::cos(r.x), sx = std::sin(r.x), cz = std::cos(r.z),
                sz = std::sin(r.z);
    const glm::mat4 ry = render3d::from_rows({cy, 0, sy, 0}, {0, 1, 0, 0}, {-sy, 0, cy, 0}, {0, 0, 0, 1});
    const glm::mat4 rx = render3d::from_rows({1, 0, 0, 0}, {0, cx, -sx, 0}, {0, sx, cx, 0}, {0, 0, 0, 1});
    const glm::mat4 rz = render3d::from_rows({cz, -sz, 0, 0}, {sz, cz, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1});
    return ry * rx * rz;
}
}  // namespace

// ---------------------------------------------------------------------------------------------
// Object
// ---------------------------------------------------------------------------------------------

Object& Object::instances(std::uint32_t count) {
    instanced_ = true;
    instance_transforms_.resize(count, glm::mat4(1.0f));
    instance_colors_.resize(count, glm::vec4(1.0f));
    return *this;
}

Object& Object::instance(std::uint32_t i, const glm::mat4& transform, glm::vec4 color) {
    if (!instanced_ || i >= instance_transforms_.size()) instances(i + 1);
    instance_transforms_[i] = transform;
    instance_colors_[i] = color;
    return *this;
}

glm::mat4 Object::matrix() const {
    if (matrix_set_) return matrix_;
    glm::mat4 t(1.0f);
    t[3] = glm::vec4(position_, 1.0f);
    glm::mat4 s(1.0f);
    s[0][0] = scale_.x;
    s[1][1] = scale_.y;
    s[2][2] = scale_.z;
    return t * rotation_matrix(rotation_) * s;
}

// ---------------------------------------------------------------------------------------------
// Camera
// ---------------------------------------------------------------------------------------------

namespace {
std::string num(float v) {
    char b[32];
    std::snprintf(b, sizeof b, "%g", double(v));
    return b;
}
}  // namespace

Camera& Camera::perspective(float fov_y_degrees, float near, float far) {
    ortho_ = false;
    // NaN fails every comparison: it is corrected like an out-of-range value.
    const bool ok = fov_y_degrees >= 1.0f && fov_y_degrees <= 170.0f && near > 0.0f && far > near;
    fov_ = std::isnan(fov_y_degrees) ? 50.0f : std::clamp(fov_y_degrees, 1.0f, 170.0f);
    near_ = near > 0.0f ? near : 0.1f;
    far_ = far > near_ ? far : near_ * 1000.0f;
    // The two given the wrong way round: swapped, so the scene still shows.
    if (near > 0.0f && far > 0.0f && far < near) near_ = far, far_ = near;
    projection_problem_.clear();
    if (!ok)
        projection_problem_ = "camera perspective(fov " + num(fov_y_degrees) + ", near " + num(near) + ", far " +
                              num(far) + ") is corrected to (" + num(fov_) + ", " + num(near_) + ", " + num(far_) +
                              "). Fix: a field of view of 1 to 170 degrees and 0 < near < far.";
    return *this;
}

Camera& Camera::orthographic(float height, float near, float far) {
    ortho_ = true;
    const bool ok = height > 0.0f && far > near;
    height_ = height > 0.0f ? height : 10.0f;
    near_ = std::isnan(near) ? 0.1f : near;
    far_ = far > near_ ? far : near_ + 1000.0f;
    if (far < near) near_ = far, far_ = near;  // the wrong way round: swapped
    projection_problem_.clear();
    if (!ok)
        projection_problem_ = "camera orthographic(height " + num(height) + ", near " + num(near) + ", far " +
                              num(far) + ") is corrected to (" + num(height_) + ", " + num(near_) + ", " +
                              num(far_) + "). Fix: a height above 0 and near < far.";
    return *this;
}

Camera& Camera::look_at(glm::vec3 eye, glm::vec3 target, glm::vec3 up) {
    eye_ = eye;
    target_ = target;
    up_ = up;
    const glm::vec3 d = target - eye;
    const bool finite = std::isfinite(d.x) && std::isfinite(d.y) && std::isfinite(d.z);
    if (!finite || glm::dot(d, d) < 1e-12f) {
        if (view_problem_.empty())
            view_problem_ = "the camera looks from where it looks at (eye and target the same, or not finite); "
                            "it looks along -Z instead. Fix: give look_at() a target away from the eye.";
    } else {
        view_problem_.clear();
    }
    return *this;
}

Camera& Camera::orbit(glm::vec3 target, float distance, float yaw_degrees, float pitch_degrees) {
    const float yaw = yaw_degrees * kRadians;
    const float pitch = std::clamp(pitch_degrees, -89.0f, 89.0f) * kRadians;
    const glm::vec3 back{std::sin(yaw) * std::cos(pitch), std::sin(pitch), std::cos(yaw) * std::cos(pitch)};
    return look_at(target + back * std::max(distance, 1e-3f), target);
}

glm::mat4 Camera::view() const { return render3d::look_at(eye_, target_, up_); }

glm::mat4 Camera::projection(float aspect) const {
    if (ortho_) return render3d::orthographic_vk(height_ * 0.5f * aspect, height_ * 0.5f, near_, far_);
    return render3d::perspective_vk(fov_ * kRadians, aspect, near_, far_);
}

// ---------------------------------------------------------------------------------------------
// Render3D: the scene API
// ---------------------------------------------------------------------------------------------

MeshId Render3D::mesh(MeshData data) {
    if (data.bounds_min == data.bounds_max && !data.vertices.empty()) data.compute_bounds();
    meshes_.push_back(std::move(data));
    return MeshId{static_cast<std::uint32_t>(meshes_.size() - 1)};
}

namespace {

std::filesystem::path canonical_of(const std::filesystem::path& file) {
    std::error_code ec;
    auto p = std::filesystem::weakly_canonical(std::filesystem::absolute(file, ec), ec);
    return ec ? file : p;
}

Result<TextureData> read_texture(const std::filesystem::path& file, bool srgb) {
    auto px = io::read_image(file);
    if (!px) return make_error("cannot load texture " + file.string() + ": " + px.message());
    TextureData t;
    t.name = file.filename().string();
    t.width = px->width;
    t.height = px->height;
    t.srgb = srgb;
    t.rgba.resize(std::size_t(t.width) * t.height * 4);
    for (std::size_t i = 0; i < t.rgba.size(); ++i) t.rgba[i] = io::to_unorm8(px->rgba[i]);
    return t;
}

}  // namespace

MeshId Render3D::load_mesh(const std::filesystem::path& file) {
    Source s;
    s.kind = Source::Kind::Obj;
    s.file = file;
    s.canonical = canonical_of(file);
    s.mesh_count = 1;
    auto m = load_obj(file);
    // A file that fails keeps its place (an empty mesh, drawn as nothing), so fixing it in a
    // live session brings the object back.
    MeshData none;
    none.name = file.filename().string();
    const MeshId id = mesh(m ? std::move(*m) : std::move(none));
    s.first_mesh = id.index;
    s.loaded = m.ok();
    if (!m) s.error = m.message();
    sources_.push_back(std::move(s));
    return id;
}

std::size_t Render3D::load_model(const std::filesystem::path& file, const glm::mat4& transform,
                                 std::string_view name_prefix) {
    auto m = load_gltf(file);
    if (!m) {
        // Its objects are not known, so a fixed file waits for chain.cpp to be saved (setup() again).
        if (setup_error_.empty()) setup_error_ = m.message();
        return 0;
    }
    Source src;
    src.kind = Source::Kind::Gltf;
    src.file = file;
    src.canonical = canonical_of(file);
    src.first_mesh = static_cast<std::uint32_t>(meshes_.size());
    src.mesh_count = static_cast<std::uint32_t>(m->parts.size());
    src.first_texture = static_cast<std::uint32_t>(textures_.size());
    src.texture_count = static_cast<std::uint32_t>(m->textures.size());
    src.loaded = true;
    sources_.push_back(std::move(src));
    // The model's textures become ours (indices shift by what was registered before).
    const int first_texture = int(textures_.size());
    for (TextureData& t : m->textures) texture(std::move(t));
    auto ours = [&](int i) { return i >= 0 ? TextureId{first_texture + i} : TextureId{}; };
    std::size_t added = 0;
    for (ModelPart& part : m->parts) {
        const MeshId id = mesh(std::move(part.mesh));
        Object& o = add(id, std::string(name_prefix) + (meshes_[id.index].name.empty() ? "part" : meshes_[id.index].name) +
                                "#" + std::to_string(added));
        o.transform(transform * part.transform);
        if (part.material >= 0 && part.material < int(m->materials.size())) {
            const MaterialData& md = m->materials[std::size_t(part.material)];
            Material mat;
            mat.color = md.base_color;
            mat.metallic = md.metallic;
            mat.roughness = md.roughness;
            mat.emissive = md.emissive;
            mat.base_color_texture = ours(md.base_color_texture);
            mat.normal_texture = ours(md.normal_texture);
            mat.metallic_roughness_texture = ours(md.metallic_roughness_texture);
            mat.emissive_texture = ours(md.emissive_texture);
            o.material(mat);
        }
        ++added;
    }
    return added;
}

TextureId Render3D::texture(TextureData data) {
    textures_.push_back(std::move(data));
    texture_revisions_.push_back(0);
    return TextureId{int(textures_.size()) - 1};
}

TextureId Render3D::load_texture(const std::filesystem::path& file, bool srgb) {
    Source s;
    s.kind = Source::Kind::Texture;
    s.file = file;
    s.canonical = canonical_of(file);
    s.texture_count = 1;
    s.srgb = srgb;
    auto t = read_texture(file, srgb);
    // As load_mesh(): a file that fails keeps its place (a white texel) until it is fixed.
    TextureData none;
    none.name = file.filename().string();
    none.width = none.height = 1;
    none.rgba = {255, 255, 255, 255};
    none.srgb = srgb;
    const TextureId id = texture(t ? std::move(*t) : std::move(none));
    s.first_texture = std::uint32_t(id.index);
    s.loaded = t.ok();
    if (!t) s.error = t.message();
    sources_.push_back(std::move(s));
    return id;
}

Result<void> Render3D::reload(Source& s) {
    switch (s.kind) {
        case Source::Kind::Obj: {
            auto m = load_obj(s.file);
            if (!m) return m.error();
            if (m->bounds_min == m->bounds_max && !m->vertices.empty()) m->compute_bounds();
            meshes_[s.first_mesh] = std::move(*m);
            ++mesh_revision_;
            return {};
        }
        case Source::Kind::Texture: {
            auto t = read_texture(s.file, s.srgb);
            if (!t) return t.error();
            textures_[s.first_texture] = std::move(*t);
            ++texture_revisions_[s.first_texture];
            return {};
        }
        case Source::Kind::Gltf: {
            auto m = load_gltf(s.file);
            if (!m) return m.error();
            if (m->parts.size() != s.mesh_count || m->textures.size() != s.texture_count)
                return make_error("glTF " + s.file.string() + " now has " + std::to_string(m->parts.size()) +
                                  " parts and " + std::to_string(m->textures.size()) + " textures; it had " +
                                  std::to_string(s.mesh_count) + " and " + std::to_string(s.texture_count) +
                                  " when setup() added its objects. Fix: save chain.cpp to load the model anew.");
            for (std::uint32_t i = 0; i < s.mesh_count; ++i) {
                MeshData& d = m->parts[i].mesh;
                if (d.bounds_min == d.bounds_max && !d.vertices.empty()) d.compute_bounds();
                meshes_[s.first_mesh + i] = std::move(d);
            }
            ++mesh_revision_;
            for (std::uint32_t i = 0; i < s.texture_count; ++i) {
                textures_[s.first_texture + i] = std::move(m->textures[i]);
                ++texture_revisions_[s.first_texture + i];
            }
            return {};
        }
    }
    return {};
}

void Render3D::take_over(Operator& old) {
    // Saved chain.cpp while a file it loads is broken: the new operator draws what the old one had
    // of that file (it was good once), instead of failing on it.
    auto* prev = dynamic_cast<Render3D*>(&old);
    if (!prev) return;
    for (Source& s : sources_) {
        if (s.error.empty() || s.kind == Source::Kind::Gltf) continue;
        for (const Source& p : prev->sources_) {
            if (p.canonical != s.canonical || p.kind != s.kind || !p.loaded) continue;
            if (s.kind == Source::Kind::Obj) {
                meshes_[s.first_mesh] = prev->meshes_[p.first_mesh];
                ++mesh_revision_;
            } else {
                textures_[s.first_texture] = prev->textures_[p.first_texture];
                textures_[s.first_texture].srgb = s.srgb;
                ++texture_revisions_[s.first_texture];
            }
            spdlog::warn("operator '{}' (Render3D): {} The last good one from before the reload stays.", name(),
                         s.error);
            s.loaded = true;  // the last good data: the operator runs on it
            break;
        }
    }
}

Result<bool> Render3D::file_changed(const std::filesystem::path& file) {
    bool reloaded = false;
    std::string errors;
    for (Source& s : sources_) {
        if (s.canonical != file) continue;
        if (auto r = reload(s); !r) {
            s.error = r.message();
            errors += (errors.empty() ? "" : " ") + r.message() +
                      (s.loaded ? " The last good one stays." : " It is still missing.");
            continue;
        }
        s.error.clear();
        s.loaded = true;
        reloaded = true;
    }
    if (!errors.empty()) return make_error(errors);
    return reloaded;
}

std::string Render3D::load_error() const {
    if (!setup_error_.empty()) return setup_error_;
    for (const Source& s : sources_)
        if (!s.loaded) return s.error;
    return {};
}

Object& Render3D::add(MeshId mesh, std::string name) {
    Object& o = objects_.emplace_back();
    o.name_ = name.empty() ? "object" + std::to_string(objects_.size() - 1) : std::move(name);
    o.mesh_ = mesh;
    return o;
}

Object* Render3D::find_object(std::string_view name) {
    for (Object& o : objects_)
        if (o.name_ == name) return &o;
    return nullptr;
}

Light& Render3D::add_light(LightType type, std::string name) {
    Light& l = lights_.emplace_back();
    l.name_ = name.empty() ? "light" + std::to_string(lights_.size() - 1) : std::move(name);
    l.type_ = type;
    return l;
}

Light* Render3D::find_light(std::string_view name) {
    for (Light& l : lights_)
        if (l.name_ == name) return &l;
    return nullptr;
}

}  // namespace loom
