// Text: glyphs from a signed-distance-field atlas, placed by a table of quads (one row of the
// table image each: quads in output pixels, atlas rectangles, lines), over the input or a
// background.
#version 460
#include "common/pass.glsl"
#include "common/color.glsl"

layout(set = 0, binding = 1) uniform sampler2D u_atlas;
layout(set = 0, binding = 2) uniform sampler2D u_table;
layout(set = 0, binding = 3) uniform sampler2D u_input;

layout(push_constant) uniform Push {
    vec4 color;
    vec4 background;
    vec4 bounds;        // the text's box in output pixels
    float edge;         // distance-field units per output pixel
    int lines;
    int has_input;
} pc;

const float kOnEdge = 128.0 / 255.0;

vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec4 base = pc.has_input != 0 ? textureLod(u_input, uv, 0.0) : loom_premultiply(pc.background);
    vec2 p = vec2(pixel) + 0.5;
    float cover = 0.0;
    if (p.x >= pc.bounds.x && p.y >= pc.bounds.y && p.x < pc.bounds.z && p.y < pc.bounds.w) {
        for (int l = 0; l < pc.lines; ++l) {
            vec4 line = texelFetch(u_table, ivec2(l, 2), 0);
            if (p.y < line.z || p.y >= line.w) continue;
            int first = int(line.x), end = int(line.x) + int(line.y);
            for (int i = first; i < end; ++i) {
                vec4 q = texelFetch(u_table, ivec2(i, 0), 0);
                if (p.x < q.x || p.y < q.y || p.x >= q.z || p.y >= q.w) continue;
                vec4 r = texelFetch(u_table, ivec2(i, 1), 0);
                float d = textureLod(u_atlas, mix(r.xy, r.zw, (p - q.xy) / (q.zw - q.xy)), 0.0).r;
                cover = max(cover, clamp((d - kOnEdge) / pc.edge + 0.5, 0.0, 1.0));
            }
        }
    }
    return loom_over(base, pc.color, cover);
}
