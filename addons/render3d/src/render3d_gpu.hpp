// addons/render3d/src/render3d_gpu.hpp — Render3D's GPU side, shared by its files:
//
//   render3d.cpp        the operator: settings, uploads (the geometry arena, textures), the
//                       per-frame records (instances, frame block, lights, shadow views), then
//                       one of the two paths below
//   forward_path.cpp    CPU devices (lavapipe): shadow maps and the lit main pass on the raster
//                       hardware (depth images, comparison samplers, fragment lighting)
//   compute_path.cpp    GPUs: the compute rasterizer (render3d/rasterize.comp) draws the shadow
//                       maps and a visibility buffer, a compute pass lights it
//
// Why two paths: GPUs built for compute (H100/H200) rasterize and shade fragments on a small part
// of the chip, while a CPU device runs compute lane by lane and the raster pipeline well.
// LOOM_RENDER3D=forward|compute picks either on any device with what the path needs.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

#include <loom/render3d/render3d.hpp>

#include "addons/render3d/src/gpu_data.hpp"
#include "addons/render3d/src/shadow_math.hpp"
#include "core/gpu/program.hpp"
#include "core/gpu/resources.hpp"
#include "core/gpu/upload_ring.hpp"

namespace loom::graph {
class RecordContext;
class CreateContext;
}  // namespace loom::graph

namespace loom::render3d {

constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;  // the forward path's depth and shadow maps
constexpr VkFormat kMapFormat = VK_FORMAT_R32_UINT;      // the compute path's shadow maps (depth's bits)
constexpr float kPointNear = 0.05f;

// A mesh's place in the geometry arena (one vertex and one index buffer for all of a Render3D's
// meshes, which both paths read: as vertex/index buffers, or as storage buffers).
struct MeshGpu {
    std::uint32_t first_vertex = 0, first_index = 0, index_count = 0;
    Aabb bounds;
};

struct ShadowSlot {
    gpu::Image map;  // forward: a depth array or cube; compute: an r32ui array (a cube's faces as layers)
    LightType type = LightType::Directional;
    std::uint32_t size = 0;
    std::uint32_t layers = 0;
    bool rendered = false;  // this frame
};

// One object this frame: a run of instance records drawn with one mesh.
struct Draw {
    std::uint32_t mesh = 0;
    std::uint32_t first_instance = 0;  // absolute, into the ring's instance array
    std::uint32_t first_local = 0;     // this frame's instance index (Gpu::spheres)
    std::uint32_t count = 0;
    bool casts = true;
    bool mirrored = false;  // the object's transform has a negative determinant
    std::array<std::int16_t, 4> textures{-1, -1, -1, -1};  // base, normal, metallic-roughness, emissive
};

// One shadow view: a cascade, a spot cone or a cube face of a slot's map.
struct Pass {
    int slot = 0;
    std::uint32_t layer = 0;
    glm::mat4 matrix{1.0f};
    glm::vec4 origin{0.0f};  // xyz subtracted from world positions first (point lights)
    float bias_constant = 0.0f, bias_slope = 0.0f;
    glm::vec4 reach{0.0f};  // spot, point: the light's position and range (w), a quick first cull
};

// What record() worked out this frame for the path that draws it.
struct FrameData {
    std::array<Pass, kMaxShadows * 6> passes{};
    std::uint32_t pass_count = 0;
    std::uint32_t instances = 0;       // instance records this frame
    std::uint32_t instance_base = 0;   // the first one's index in the ring
    std::uint32_t frame_offset = 0;    // the frame block's dynamic offset
    glm::mat4 view_proj{1.0f};
    glm::vec4 background{0.0f};        // premultiplied
    Render3DOutput output = Render3DOutput::Color;
};

// The compute path's own objects (compute_path.cpp).
struct ComputePath {
    gpu::Program* clear_map = nullptr;
    gpu::Program* clear_visibility = nullptr;
    gpu::Program* triangles[2] = {};  // [0] shadow maps, [1] the visibility buffer
    gpu::Program* tiles[2] = {};
    gpu::Program* light = nullptr;
    gpu::Buffer visibility;  // 8 bytes per output pixel
    Extent visibility_extent;
    // Large-triangle queues (header + records each): one per shadow slot, and the camera's on its
    // own (its stage runs while the shadow maps' tiles still read theirs).
    gpu::Buffer queues, camera_queue;
    // Records a queue takes before the triangles stage covers large triangles itself (slowly).
    // A queue that was full grows (by doubling, up to kMaxQueueRecords) a few frames later;
    // LOOM_RENDER3D_QUEUE sets where it starts, down to 0, so tests can check every way.
    std::uint32_t queue_records = 0;
    VkDeviceSize queue_bytes = 0;  // one queue: header and records, a multiple of 256
    // Per frame slot, what each queue handed out in the frame before it (records, tiles), written
    // by the clear pass; host-visible.
    gpu::Buffer counts;
    std::uint32_t counts_wait = 0;  // frames until `counts` holds counters of the queues as they are
    bool tiles_logged = false;  // a frame needed more tiles than one dispatch takes (logged once)
    gpu::Image dummy_map;    // bound where a slot has no map this frame
    bool dummy_ready = false;
    std::vector<std::uint32_t> job_words;  // this frame's jobs before they go to the ring (capacity kept)
};

}  // namespace loom::render3d

namespace loom {

struct Render3D::Gpu {
    gpu::GraphicsProgram* main = nullptr;    // forward only
    gpu::GraphicsProgram* shadow = nullptr;  // forward only
    bool forward = false;
    VkFormat color_format = VK_FORMAT_UNDEFINED;  // forward: the output's, which the pipeline draws to
    std::vector<render3d::MeshGpu> meshes;
    std::uint64_t mesh_revision = 0;  // Render3D::mesh_revision() the arena holds
    gpu::Buffer vertices, indices;  // the geometry arena
    gpu::Image depth;               // forward: the main pass's depth
    std::array<render3d::ShadowSlot, render3d::kMaxShadows> slots;
    gpu::Image dummy_map, dummy_cube;  // forward: bound where a slot has no map this frame
    gpu::Image white;                  // bound where a texture slot is empty
    bool dummies_ready = false;
    std::vector<gpu::Image> textures;
    std::vector<std::uint64_t> texture_revisions;  // Render3D::texture_revision() each holds
    std::vector<render3d::Draw> draws;
    // Each instance's world bounding sphere (xyz centre, w radius), this frame.
    std::vector<glm::vec4> spheres;
    // Forward: shadow casters per pass (the instances whose bounding sphere reaches into its clip
    // volume) and per pass its runs of them (one draw each). Capacity stays: steady frames do not
    // allocate.
    struct PassDraw {
        std::uint32_t draw, first, count;
    };
    std::vector<std::uint32_t> casters;
    std::vector<PassDraw> pass_draws;
    std::array<std::uint32_t, render3d::kMaxShadows * 6 + 1> pass_begin{};
    bool unculled_logged = false;  // the lists did not fit in the ring (logged once in a row)
    std::array<glm::mat4, render3d::kMaxShadows * render3d::kMaxCascades> shadow_matrices{};
    render3d::ComputePath compute;
};

namespace render3d {

// Creates a path's programs (Render3D::create).
Result<void> create_forward(Render3D::Gpu& g, graph::CreateContext& ctx, VkFormat color_format);
Result<void> create_compute(Render3D::Gpu& g, graph::CreateContext& ctx);

// Records a path's passes; on failure the operator failed (ctx.fail) and nothing more is drawn.
void record_forward(Render3D::Gpu& g, graph::RecordContext& ctx, const FrameData& f, Render3D::FrameFigures& figures,
                    const std::string& name);
void record_compute(Render3D::Gpu& g, graph::RecordContext& ctx, const FrameData& f, Render3D::FrameFigures& figures,
                    const std::string& name);

// Makes `img` a depth image (forward) of the given shape unless it already is one; false (the
// operator failed with the reason) when it cannot be made.
bool ensure_depth(graph::RecordContext& ctx, gpu::Image& img, Extent e, gpu::ImageKind kind, std::uint32_t layers,
                  bool sampled, const char* name, const std::string& owner);
// A private image (with `layer_views`: a 2D view per layer) or buffer of the operator; false (the
// operator failed with the reason) when it cannot be made.
bool make_image(graph::RecordContext& ctx, gpu::Image& img, Extent extent, VkFormat format, VkImageUsageFlags usage,
                gpu::ImageKind kind, std::uint32_t layers, const char* label, const std::string& owner,
                bool layer_views = false);
bool make_buffer(graph::RecordContext& ctx, gpu::Buffer& buffer, VkDeviceSize size, VkBufferUsageFlags usage,
                 gpu::MemoryDomain domain, const char* label, const std::string& owner);

}  // namespace render3d
}  // namespace loom
