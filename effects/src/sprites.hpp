// effects/src/sprites.hpp — drawing camera-facing quads (sprites) into an operator's output with a
// graphics program: what Particles and PointSprites share.
//
// A sprite program draws 6 vertices (two triangles) per sprite, or one point, with no vertex
// buffer: the vertex shader finds sprite gl_VertexIndex / 6 (or / 1) and its corner
// gl_VertexIndex % 6, and everything else from the push block.
// The output is cleared to a colour and the sprites are blended over it, added (glows) or
// source-over.
#pragma once

#include <cstdint>
#include <span>

#include <glm/vec4.hpp>
#include <vulkan/vulkan.h>

#include <loom/result.hpp>

#include "core/graph/record_context.hpp"

namespace loom::effects {

struct SpritePrograms {
    gpu::GraphicsProgram* added = nullptr;
    gpu::GraphicsProgram* over = nullptr;
};

// Both blends of `vertex` + shaders/effects/sprite.frag for the operator's output format, with
// `bindings` (set 0) and a push block of `push_bytes` for both stages. With `points`, each
// instance is one point of one pixel (the vertex shader writes gl_PointSize = 1) instead of a
// quad: six times less vertex work and one fragment, for particle counts in the millions.
Result<SpritePrograms> sprite_programs(graph::CreateContext& ctx, const char* vertex, Format output,
                                       std::uint32_t push_bytes, std::uint32_t sampled_bindings = 0,
                                       bool points = false);

// Clears the output to `clear` (a straight colour, stored premultiplied) and draws `instances`
// sprites with `program`. `set` (when not null) is bound as set 0; `sampled` are moved to
// sampled-read first.
void draw_sprites(graph::RecordContext& ctx, gpu::GraphicsProgram& program, glm::vec4 clear, std::uint32_t instances,
                  const void* push, std::uint32_t push_bytes, VkDescriptorSet set = VK_NULL_HANDLE,
                  std::span<gpu::Image* const> sampled = {});
// A program's vertices per instance: 6 (a quad), or 1 for a points program.
inline std::uint32_t sprite_vertices(const gpu::GraphicsProgram& program) {
    return program.desc().topology == VK_PRIMITIVE_TOPOLOGY_POINT_LIST ? 1u : 6u;
}

}  // namespace loom::effects
