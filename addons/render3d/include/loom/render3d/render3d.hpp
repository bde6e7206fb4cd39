// loom/render3d/render3d.hpp — Render3D: a lit, shadowed 3D scene as a chain operator.
//
//   auto& r = chain.add<Render3D>("scene");
//   auto cube = r.mesh(mesh::box());
//   r.add(r.mesh(mesh::plane({20, 20})), "floor").material({.color = {0.8f, 0.8f, 0.8f, 1}});
//   r.add(cube, "cube").position({0, 1, 0}).color({1, 0.3f, 0.2f, 1});
//   r.add_light(LightType::Directional, "sun").direction({-1, -2, -1}).shadows(true).cascades(3);
//   r.camera().orbit({0, 0, 0}, 8.0f, 30.0f, 25.0f);
//   chain.add<Bloom>("glow").input(r);
//
// The output is a chain image like any other (any size and format), so Blur, Bloom, Composite
// and Feedback work on it. Every pass — the shadow maps of every light (each cascade, each cube
// face) and the main pass — records into the frame's one command buffer. Pipelines, shadow
// images and descriptor sets are made when first needed (a light's shadow map again only when
// its size or type changes); moving objects, lights and the camera every frame creates nothing
// and writes no descriptor: per-frame data goes through the upload ring.
//
// Limits: 8 lights (kMaxLights), 4 of them shadowed (kMaxShadowedLights), any mix of types;
// more is logged once (the count and the fix, see warning()) and the first 8 lights and 4 shadows
// are drawn — never an overflow, and a light switched on for a moment does not stop the scene. Objects and instances are limited by the per-frame upload size (8 MiB: about 65,000
// instances).
//
// Units and axes: metres, right-handed, +Y up (see mesh.hpp). Colours are linear; the output is
// tone-mapped (ACES) and gamma-encoded unless tonemap(false), which leaves linear HDR values.
#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include <loom/operator.hpp>
#include <loom/render3d/mesh.hpp>

namespace loom {

enum class Shading : std::uint8_t { Unlit, Flat, BlinnPhong, PBR };
inline constexpr const char* kShadingLabels[] = {"unlit", "flat", "blinn-phong", "pbr"};

enum class LightType : std::uint8_t { Directional, Spot, Point };
inline constexpr const char* kLightTypeLabels[] = {"directional", "spot", "point"};

enum class Render3DOutput : std::uint8_t { Color, Depth, Normal };
inline constexpr const char* kRender3DOutputLabels[] = {"color", "depth", "normal"};

// A texture registered with a Render3D (texture(), load_texture(), or by load_model()).
struct TextureId {
    int index = -1;
    bool valid() const { return index >= 0; }
};

struct Material {
    Shading shading = Shading::PBR;
    glm::vec4 color{0.8f, 0.8f, 0.8f, 1.0f};  // base colour, linear
    float metallic = 0.0f;
    float roughness = 0.5f;
    glm::vec3 emissive{0.0f};
    float shininess = 32.0f;  // Blinn-Phong exponent
    // Textures multiply the factors above (glTF's rules): base colour (sRGB), a tangent-space
    // normal map, metallic-roughness (roughness in G, metallic in B), emissive (sRGB).
    TextureId base_color_texture, normal_texture, metallic_roughness_texture, emissive_texture;
};

// A mesh registered with a Render3D (mesh() or load_mesh()).
struct MeshId {
    std::uint32_t index = UINT32_MAX;
    bool valid() const { return index != UINT32_MAX; }
};

// One entry of the scene: a mesh with a transform and a material, drawn once — or, with
// instances(n), n times, each instance with its own transform (relative to the object's) and a
// colour that multiplies the material's.
class Object {
public:
    Object& position(glm::vec3 p) { position_ = p; matrix_set_ = false; return *this; }
    // Euler angles in degrees, applied in the order Y (yaw), X (pitch), Z (roll).
    Object& rotation(glm::vec3 degrees) { rotation_ = degrees; matrix_set_ = false; return *this; }
    Object& scale(glm::vec3 s) { scale_ = s; matrix_set_ = false; return *this; }
    Object& scale(float s) { return scale(glm::vec3(s)); }
    // A whole transform; replaces position/rotation/scale until one of them is set again.
    Object& transform(const glm::mat4& m) { matrix_ = m; matrix_set_ = true; return *this; }
    Object& material(const Material& m) { material_ = m; return *this; }
    Object& color(glm::vec4 c) { material_.color = c; return *this; }
    Object& shading(Shading s) { material_.shading = s; return *this; }
    Object& metallic(float v) { material_.metallic = v; return *this; }
    Object& roughness(float v) { material_.roughness = v; return *this; }
    Object& emissive(glm::vec3 v) { material_.emissive = v; return *this; }
    Object& texture(TextureId t) { material_.base_color_texture = t; return *this; }
    Object& cast_shadows(bool on) { cast_shadows_ = on; return *this; }
    Object& receive_shadows(bool on) { receive_shadows_ = on; return *this; }
    Object& visible(bool on) { visible_ = on; return *this; }
    Object& mesh(MeshId m) { mesh_ = m; return *this; }
    // Draw this object `count` times (instance transforms start as identity, colours white).
    Object& instances(std::uint32_t count);
    Object& instance(std::uint32_t i, const glm::mat4& transform, glm::vec4 color = glm::vec4(1.0f));

    const std::string& name() const { return name_; }
    MeshId mesh_id() const { return mesh_; }
    glm::mat4 matrix() const;
    const Material& material() const { return material_; }
    bool casts_shadows() const { return cast_shadows_; }
    bool receives_shadows() const { return receive_shadows_; }
    bool is_visible() const { return visible_; }
    std::uint32_t instance_count() const { return instanced_ ? std::uint32_t(instance_transforms_.size()) : 1u; }
    bool instanced() const { return instanced_; }
    const std::vector<glm::mat4>& instance_transforms() const { return instance_transforms_; }
    const std::vector<glm::vec4>& instance_colors() const { return instance_colors_; }

private:
    friend class Render3D;
    std::string name_;
    MeshId mesh_;
    glm::vec3 position_{0.0f}, rotation_{0.0f}, scale_{1.0f};
    glm::mat4 matrix_{1.0f};
    bool matrix_set_ = false;
    Material material_;
    bool cast_shadows_ = true, receive_shadows_ = true, visible_ = true;
    bool instanced_ = false;
    std::vector<glm::mat4> instance_transforms_;
    std::vector<glm::vec4> instance_colors_;
};

class Light {
public:
    Light& type(LightType t) { type_ = t; return *this; }
    Light& color(glm::vec3 c) { color_ = c; return *this; }
    Light& intensity(float v) { intensity_ = v; return *this; }
    Light& position(glm::vec3 p) { position_ = p; return *this; }   // spot, point
    Light& direction(glm::vec3 d) { direction_ = d; return *this; } // directional, spot: where it shines
    Light& range(float r) { range_ = r; return *this; }             // spot, point: reach in metres
    // Spot cone: full intensity inside `inner_degrees`, none beyond `outer_degrees` (half angles).
    Light& cone(float inner_degrees, float outer_degrees) { inner_ = inner_degrees; outer_ = outer_degrees; return *this; }
    Light& enabled(bool on) { enabled_ = on; return *this; }
    Light& shadows(bool on) { shadows_ = on; return *this; }
    // Shadow map size in pixels per side (256..4096); a point light's cube has six of them.
    Light& shadow_map_size(std::uint32_t size) { map_size_ = size; return *this; }
    // Directional: 1..4 cascades splitting the view's depth range.
    Light& cascades(int n) { cascades_ = n; return *this; }
    // PCF kernel: 1 (one bilinear comparison), 3, 5 or 7 (n x n comparisons).
    Light& pcf(int kernel) { pcf_ = kernel; return *this; }
    // Depth bias (constant in depth units, scaled by the slope) and the normal offset in texels.
    Light& depth_bias(float constant, float slope) { bias_constant_ = constant; bias_slope_ = slope; return *this; }
    Light& normal_offset(float texels) { normal_offset_ = texels; return *this; }

    const std::string& name() const { return name_; }
    LightType light_type() const { return type_; }
    glm::vec3 light_color() const { return color_; }
    float light_intensity() const { return intensity_; }
    glm::vec3 light_position() const { return position_; }
    glm::vec3 light_direction() const { return direction_; }
    float light_range() const { return range_; }
    float inner_cone() const { return inner_; }
    float outer_cone() const { return outer_; }
    bool is_enabled() const { return enabled_; }
    bool casts_shadows() const { return shadows_; }
    std::uint32_t map_size() const { return map_size_; }
    int cascade_count() const { return cascades_; }
    int pcf_kernel() const { return pcf_; }
    float bias_constant() const { return bias_constant_; }
    float bias_slope() const { return bias_slope_; }
    float normal_offset_texels() const { return normal_offset_; }

private:
    friend class Render3D;
    std::string name_;
    LightType type_ = LightType::Directional;
    glm::vec3 color_{1.0f}, position_{0.0f, 5.0f, 0.0f}, direction_{-0.4f, -1.0f, -0.3f};
    float intensity_ = 1.0f, range_ = 20.0f, inner_ = 20.0f, outer_ = 30.0f;
    bool enabled_ = true, shadows_ = false;
    std::uint32_t map_size_ = 2048;
    int cascades_ = 3, pcf_ = 3;
    float bias_constant_ = 1.25f, bias_slope_ = 1.75f, normal_offset_ = 1.0f;
};

class Camera {
public:
    // Vertical field of view in degrees.
    Camera& perspective(float fov_y_degrees, float near = 0.1f, float far = 100.0f);
    // `height` metres visible vertically.
    Camera& orthographic(float height, float near = 0.1f, float far = 100.0f);
    Camera& look_at(glm::vec3 eye, glm::vec3 target, glm::vec3 up = {0.0f, 1.0f, 0.0f});
    // Around `target` at `distance`: yaw turns about +Y (0: looking along -Z), pitch looks down.
    Camera& orbit(glm::vec3 target, float distance, float yaw_degrees, float pitch_degrees);

    glm::mat4 view() const;
    // Vulkan clip space: depth 0..1, y down.
    glm::mat4 projection(float aspect) const;
    glm::vec3 eye() const { return eye_; }
    glm::vec3 target() const { return target_; }
    float near_plane() const { return near_; }
    float far_plane() const { return far_; }
    float fov_y() const { return fov_; }
    bool is_orthographic() const { return ortho_; }
    float ortho_height() const { return height_; }
    // What the last perspective()/orthographic() or look_at()/orbit() call had to correct
    // (empty: nothing); Render3D logs it once.
    const std::string& problem() const { return projection_problem_.empty() ? view_problem_ : projection_problem_; }

private:
    std::string projection_problem_, view_problem_;
    glm::vec3 eye_{0.0f, 3.0f, 8.0f}, target_{0.0f}, up_{0.0f, 1.0f, 0.0f};
    float fov_ = 50.0f, height_ = 10.0f, near_ = 0.1f, far_ = 100.0f;
    bool ortho_ = false;
};

class Render3D final : public OperatorT<Render3D> {
public:
    static constexpr const char* kTypeName = "Render3D";
    static constexpr std::size_t kMaxLights = 8;
    static constexpr std::size_t kMaxShadowedLights = 4;
    static constexpr std::size_t kMaxTextures = 16;

    Render3D();
    ~Render3D() override;

    // Registers a mesh (uploaded to the GPU before the first frame that draws it).
    MeshId mesh(MeshData data);
    // A Wavefront OBJ file as one mesh. On error the operator fails with the message (the file
    // and what is wrong: its output shows the error colour) until the file is fixed — in a live
    // session, saving it loads it and the scene is drawn again; the rest of the chain keeps
    // running.
    //
    // Files read by load_mesh(), load_model() and load_texture() are watched in a live session
    // (`loom run --watch`, the project's folder): saved again, their meshes and pictures change in
    // place on the next frame — objects, transforms and materials stay as the project set them. A
    // file that cannot be read then is reported and the last good data stays; a model saved with
    // another number of parts or textures asks for chain.cpp to be saved (its setup() adds them).
    MeshId load_mesh(const std::filesystem::path& file);
    // A glTF 2.0 file: one object per primitive, with the node transforms (under `transform`) and
    // PBR materials (factors and textures). Returns the number of objects added (0 on error, as load_mesh).
    std::size_t load_model(const std::filesystem::path& file, const glm::mat4& transform = glm::mat4(1.0f),
                           std::string_view name_prefix = "");

    // Registers a texture (uploaded before the first frame that draws it; sampled bilinear,
    // repeating, no mipmaps). At most kMaxTextures: a material naming one past that is drawn
    // without it, and that is logged.
    TextureId texture(TextureData data);
    // An image file (PNG, JPG, ...) as a texture; `srgb` for colour, false for data (normal
    // maps). On error the operator fails with the message, as load_mesh.
    TextureId load_texture(const std::filesystem::path& file, bool srgb = true);

    Object& add(MeshId mesh, std::string name = "");
    Object& object(std::size_t index) { return objects_[index]; }
    Object* find_object(std::string_view name);
    std::size_t object_count() const { return objects_.size(); }

    Light& add_light(LightType type, std::string name = "");
    Light& light(std::size_t index) { return lights_[index]; }
    Light* find_light(std::string_view name);
    std::size_t light_count() const { return lights_.size(); }

    Camera& camera() { return camera_; }
    const Camera& camera() const { return camera_; }

    Render3D& background(glm::vec4 c) { background_.set(c); return *this; }
    Render3D& ambient(glm::vec3 c) { ambient_.set(c); return *this; }
    Render3D& exposure(float v) { exposure_.set(v); return *this; }
    Render3D& tonemap(bool on) { tonemap_.set(on); return *this; }
    Render3D& output(Render3DOutput o) { output_.set(o); return *this; }

    std::uint64_t mesh_revision() const { return mesh_revision_; }
    std::uint64_t texture_revision(std::size_t i) const { return texture_revisions_[i]; }

    // The last frame's GPU-independent figures, for tests and the overlay.
    struct FrameFigures {
        std::uint32_t draws = 0;           // draw calls, all passes
        std::uint32_t shadow_passes = 0;   // rendering scopes into shadow maps
        std::uint32_t instances = 0;       // instances drawn in the main pass
        std::uint32_t shadow_instances = 0;  // instances drawn in all shadow passes (each culled to its pass)
        std::uint32_t shadow_maps = 0;     // shadow images alive
        // Compute path: large triangles the rasterizer drew in tiles, in a frame a few frames back
        // (its counters are read once the GPU is done with it).
        std::uint32_t queued_triangles = 0;
    };
    const FrameFigures& figures() const { return figures_; }
    // What the last frame drew around (more than 8 lights or 4 shadows, a setting out of range):
    // logged once, and the scene drawn within the limits. Empty when the last frame had none.
    const std::string& warning() const { return warning_; }
    // Light-space matrices of shadow slot `slot`, cascade `cascade` (tests).
    glm::mat4 shadow_matrix(std::size_t slot, std::size_t cascade) const;

    // Always true (the flag is fixed per type): on the forward path (CPU devices) the main pass
    // draws the lit scene into the output; the compute path writes it from its lighting pass.
    bool renders_output() const override { return true; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;
    Result<bool> file_changed(const std::filesystem::path& file) override;
    // Hot reload of chain.cpp: a file that fails to load now but loaded in the old operator keeps
    // the old operator's data (logged), so saving the code does not blank the scene.
    void take_over(Operator& old) override;

    struct Gpu;  // the GPU side (render3d_gpu.hpp)

private:
    // A file the scene was loaded from: what it gave (meshes and textures from the first ones
    // named here), to read again when it changes.
    struct Source {
        enum class Kind : std::uint8_t { Obj, Gltf, Texture };
        Kind kind = Kind::Obj;
        std::filesystem::path file;       // as given
        std::filesystem::path canonical;  // links resolved (what file_changed() is told)
        std::uint32_t first_mesh = 0, mesh_count = 0;
        std::uint32_t first_texture = 0, texture_count = 0;
        bool srgb = true;
        bool loaded = false;  // its data came from the file (else a placeholder: it never loaded)
        std::string error;    // why the last read failed (empty: it did not)
    };
    Result<void> reload(Source& s);
    // Why create() fails: a model that could not be loaded in setup(), or a watched file that never
    // loaded (empty: none). A file that loaded once and broke later does not fail the operator.
    std::string load_error() const;

    std::vector<MeshData> meshes_;
    std::uint64_t mesh_revision_ = 0;  // bumped when a mesh changes in place (the GPU uploads again)
    std::vector<TextureData> textures_;
    std::vector<std::uint64_t> texture_revisions_;  // per texture, bumped when it changes in place
    std::vector<Source> sources_;
    std::deque<Object> objects_;
    std::deque<Light> lights_;
    Camera camera_;
    std::string setup_error_;  // the first load_model() that failed (saving chain.cpp loads it again)
    std::string warning_;
    std::uint32_t warning_code_ = 0;
    std::int64_t warning_value_ = 0;
    FrameFigures figures_;
    std::unique_ptr<Gpu> gpu_;

    Param<glm::vec4> background_{this, "background", {0.02f, 0.02f, 0.03f, 1.0f}, {0, 0, 0, 0}, {64, 64, 64, 1}};
    Param<glm::vec3> ambient_{this, "ambient", {0.08f, 0.08f, 0.1f}, {0, 0, 0}, {16, 16, 16}};
    Param<float> exposure_{this, "exposure", 1.0f, 0.0f, 16.0f};
    Param<bool> tonemap_{this, "tonemap", true, false, true};
    EnumParam<Render3DOutput> output_{this, "output", Render3DOutput::Color, kRender3DOutputLabels};
};

}  // namespace loom
