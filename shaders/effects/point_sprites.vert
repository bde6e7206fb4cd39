// PointSprites: sprite i sits at its grid cell's centre (moved by jitter), coloured by the input
// there, sized by the cell, `size` and the input's luminance or alpha.
#version 460
#include "common/color.glsl"
#include "common/hash.glsl"

layout(set = 0, binding = 0) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec2 grid;          // columns, rows
    float size;         // share of the cell
    float jitter;       // cells
    float brightness;
    int size_by;        // none, luminance, alpha
    uint seed;
} pc;

layout(location = 0) out vec2 v_corner;
layout(location = 1) out vec4 v_color;

const vec2 kCorners[6] = vec2[](vec2(-1, -1), vec2(1, -1), vec2(1, 1), vec2(-1, -1), vec2(1, 1), vec2(-1, 1));

void main() {
    uint id = uint(gl_VertexIndex) / 6u;
    uint cols = uint(pc.grid.x);
    vec2 cell = vec2(float(id % cols), float(id / cols));
    vec2 uv = (cell + 0.5) / pc.grid;
    vec4 c = loom_unpremultiply(textureLod(u_input, uv, 0.0));
    float scale = pc.size_by == 1 ? clamp(loom_luminance(c.rgb), 0.0, 1.0) : pc.size_by == 2 ? clamp(c.a, 0.0, 1.0) : 1.0;
    if (pc.jitter > 0.0) {
        uvec3 h = loom_hash3(uvec3(id, pc.seed, 0x9E3779B9u));
        uv += pc.jitter * (vec2(h.xy >> 8u) * (1.0 / 16777216.0) - 0.5) / pc.grid;
    }
    vec2 corner = kCorners[gl_VertexIndex % 6];
    v_corner = corner;
    v_color = vec4(c.rgb * pc.brightness, pc.size_by == 2 ? 1.0 : c.a);
    vec2 half_cell = 0.5 / pc.grid;
    vec2 at = uv + corner * half_cell * pc.size * scale;
    gl_Position = vec4(2.0 * at - 1.0, 0.0, 1.0);
}
