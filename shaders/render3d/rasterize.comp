// Render3D's compute rasterizer (GPUs). Two stages, each a variant of this file:
//
//   triangles (LOOM_RASTER_TILES 0)  one invocation per triangle of each instance of each job (a
//       view times a draw, render3d/raster_data.glsl): cull the instance by its bounding sphere,
//       transform, clip, set up, and cover a small triangle's pixels itself; a larger one goes to
//       the queue, split into square tiles (32 pixels a side, larger for a large triangle, so one
//       has at most about 256);
//   tiles (LOOM_RASTER_TILES 1)      one workgroup of 16x16 invocations per queued tile.
//
// and two targets: a shadow map (LOOM_RASTER_VISIBILITY 0: imageAtomicMin of the biased depth's
// bits into one layer of an r32ui array; positive floats order as their bits do) or the camera's
// visibility buffer (1: atomicMin of depth << 32 | surface id, so the nearest surface wins and a
// tie goes to the lower id, the same every run).
//
// Why: GPUs built for compute (H100/H200) rasterize on a small part of the chip — clearing and
// storing depth alone ran at about 14 Gtexel/s there — while the triangles Render3D draws are
// mostly a few pixels each, which a compute invocation covers cheaply.
//
// Rules, as a Vulkan rasterizer follows them (so this path and the raster hardware of the forward
// path draw the same pixels): vertices snap to 1/256 pixel; a pixel is covered when its centre is
// inside all three edges, or on an edge that is a top or left edge (so two triangles that share an
// edge cover each pixel on it once); counter-clockwise in framebuffer coordinates is the front
// (clockwise for a mirrored transform); depth is interpolated linearly in screen space; triangles
// are clipped against the near plane and a guard band; depth beyond the far plane is not drawn.
// Shadow views add the depth bias of VkPipelineRasterizationStateCreateInfo: constant * r +
// slope * max(|dz/dx|, |dz/dy|), r = 2^(e - 23) for the largest exponent e of the triangle's depths.
#version 460
#extension GL_EXT_shader_explicit_arithmetic_types_int64 : require
#extension GL_EXT_shader_atomic_int64 : require  // the visibility buffer, the queues' counters

#define LOOM_SCENE_BINDINGS 0
#include "render3d/scene.glsl"
#include "render3d/raster_data.glsl"

#if LOOM_RASTER_TILES
layout(local_size_x = 16, local_size_y = 16) in;
#else
layout(local_size_x = 64) in;
#endif

layout(set = 0, binding = 0, std430) readonly buffer Instances { Instance instances[]; };
layout(set = 0, binding = 1, std430) readonly buffer Views { RasterView views[]; };
layout(set = 0, binding = 2, std430) readonly buffer Draws { RasterDraw draws[]; };
layout(set = 0, binding = 3, std430) readonly buffer Jobs { uvec4 jobs[]; };  // x view, y draw, z first invocation
layout(set = 0, binding = 4, std430) readonly buffer Spheres { vec4 spheres[]; };
layout(set = 0, binding = 5, std430) readonly buffer Vertices { float vertex_words[]; };  // loom::Vertex: 12 floats
layout(set = 0, binding = 6, std430) readonly buffer Indices { uint index_words[]; };
#if LOOM_RASTER_VISIBILITY
layout(set = 0, binding = 7, std430) buffer Visibility { uint64_t visibility[]; };
#else
layout(set = 0, binding = 7, r32ui) uniform uimage2DArray shadow_map;
#endif
// Triangles too large for one invocation, with their setup: 4 uvec4 each (see enqueue()).
layout(set = 0, binding = 8, std430) buffer Queue {
    uint args[4];    // vkCmdDispatchIndirect's x (tiles handed out, at most pc.max_tiles), y, z
    uint64_t taken;  // high 32 bits: records handed out; low: tiles handed out
    uint unused[2];
    uvec4 records[];
} queue;

layout(push_constant) uniform Push {
    uint job_first;   // the first job of this dispatch (absolute index into jobs[])
    uint job_count;
    uint threads;     // invocations with a triangle
    uint row;         // invocations per row of the dispatch (rows go along y)
    uint view_base;   // views[] and draws[] indices in jobs are relative to these
    uint draw_base;
    uint capacity;    // records the queue holds
    uint width;       // the target's width (the visibility buffer's row length)
    uint max_tiles;   // the most workgroups an indirect dispatch may ask for along x
} pc;

const int kSubpixel = 256;        // 8 bits of subpixel precision
const uint kSmallPixels = 256u;   // a triangle covering a box of more pixels is queued
const int kTile = 32;             // the tiles stage's smallest square, in pixels
const int kMaxTileShift = 3;      // and the largest: 32 << 3 = 256 pixels

// A triangle ready to cover pixels: positions in 1/256 pixel with a positive area (see edge()),
// the pixels of its box (inclusive), its depths at the three corners, the bias to add.
struct Setup {
    ivec2 p0, p1, p2;
    ivec4 box;
    vec3 z;
    float bias;
};

// Twice the signed area of (a, b, p): positive when p is on the inside of edge a->b.
int64_t edge(ivec2 a, ivec2 b, ivec2 p) {
    return int64_t(b.x - a.x) * int64_t(p.y - a.y) - int64_t(b.y - a.y) * int64_t(p.x - a.x);
}

// The top-left rule: pixels exactly on an edge belong to the triangle whose top or left edge it
// is. With y down, the inside of a -> b lies along (a.y - b.y, b.x - a.x).
bool top_left(ivec2 a, ivec2 b) {
    return b.y < a.y || (b.y == a.y && b.x > a.x);
}

void write_pixel(ivec2 px, float z, uint layer, uint id, float bias) {
#if LOOM_RASTER_VISIBILITY
    atomicMin(visibility[uint(px.y) * pc.width + uint(px.x)], (uint64_t(floatBitsToUint(z)) << 32) | uint64_t(id));
#else
    imageAtomicMin(shadow_map, ivec3(px, int(layer)), floatBitsToUint(clamp(z + bias, 0.0, 1.0)));
#endif
}

// Covers pixel `px` of `s` if its centre is inside.
void cover(Setup s, ivec2 px, uint layer, uint id, float inv_area) {
    const ivec2 c = px * kSubpixel + kSubpixel / 2;
    const int64_t w0 = edge(s.p1, s.p2, c), w1 = edge(s.p2, s.p0, c), w2 = edge(s.p0, s.p1, c);
    if (w0 < 0 || w1 < 0 || w2 < 0) return;
    if ((w0 == 0 && !top_left(s.p1, s.p2)) || (w1 == 0 && !top_left(s.p2, s.p0)) ||
        (w2 == 0 && !top_left(s.p0, s.p1)))
        return;
    float z = s.z.x + (float(w1) * (s.z.y - s.z.x) + float(w2) * (s.z.z - s.z.x)) * inv_area;
    if (z > 1.0) return;  // beyond the far plane
    // The near plane is clipped: below 0 only by rounding along a clipped edge (and -0.0's bits
    // would lose every atomicMin), so 0.
    z = z > 0.0 ? z : 0.0;
    write_pixel(px, z, layer, id, s.bias);
}

float inverse_area(Setup s) {
    return 1.0 / float(edge(s.p0, s.p1, s.p2));
}

#if LOOM_RASTER_TILES

// Tile t of the queue: the last record whose first tile is at or before t (records are handed
// out in the order of their tiles), then that tile's pixels, 16 apart in each direction.
void main() {
    const uint t = gl_WorkGroupID.x;
    const uint count = min(uint(queue.taken >> 32), pc.capacity);
    uint lo = 0u, hi = count;  // the answer is in [lo, hi)
    while (hi - lo > 1u) {
        const uint mid = (lo + hi) / 2u;
        if (queue.records[mid * 4u + 3u].z <= t) lo = mid; else hi = mid;
    }
    const uvec4 r0 = queue.records[lo * 4u], r1 = queue.records[lo * 4u + 1u], r2 = queue.records[lo * 4u + 2u],
                r3 = queue.records[lo * 4u + 3u];
    Setup s;
    s.p0 = ivec2(r0.xy);
    s.p1 = ivec2(r0.zw);
    s.p2 = ivec2(r1.xy);
    s.box = ivec4(int(r1.z & 0xffffu), int(r1.z >> 16), int(r1.w & 0xffffu), int(r1.w >> 16));
    s.z = uintBitsToFloat(r2.xyz);
    s.bias = uintBitsToFloat(r2.w);
    const uint local = t - r3.z, tiles_x = r3.w & 0xffffu;
    const int side = kTile << int(r3.w >> 16), steps = side / 16;
    const ivec2 tile = ivec2(int(local % tiles_x), int(local / tiles_x));
    const ivec2 origin = s.box.xy + tile * side + ivec2(gl_LocalInvocationID.xy);
    const float inv_area = inverse_area(s);
    for (int j = 0; j < steps; ++j)
        for (int i = 0; i < steps; ++i) {
            const ivec2 px = origin + ivec2(i, j) * 16;
            if (px.x <= s.box.z && px.y <= s.box.w) cover(s, px, r3.x, r3.y, inv_area);
        }
}

#else

// Hands a large triangle to the tiles stage; false when the queue is full (the caller covers it).
bool enqueue(Setup s, uint layer, uint id) {
    int shift = 0, side = kTile;
    uint tiles_x, tiles_y;
    for (;;) {  // the smallest tiles that make at most 256 of them
        tiles_x = uint((s.box.z - s.box.x) / side + 1);
        tiles_y = uint((s.box.w - s.box.y) / side + 1);
        if (tiles_x * tiles_y <= 256u || shift == kMaxTileShift) break;
        ++shift;
        side *= 2;
    }
    const uint tiles = tiles_x * tiles_y;
    const uint64_t before = atomicAdd(queue.taken, (uint64_t(1) << 32) | uint64_t(tiles));
    const uint record = uint(before >> 32), first = uint(before);
    if (record >= pc.capacity) return false;
    const bool fits = uint64_t(first) + uint64_t(tiles) <= uint64_t(pc.max_tiles);
    // A record that does not fit keeps its first tile (the tiles stage searches by it) and covers
    // none: every record after it does not fit either.
    queue.records[record * 4u] = uvec4(uvec2(s.p0), uvec2(s.p1));
    queue.records[record * 4u + 1u] = uvec4(uvec2(s.p2), uint(s.box.x) | (uint(s.box.y) << 16),
                                            uint(s.box.z) | (uint(s.box.w) << 16));
    queue.records[record * 4u + 2u] = uvec4(floatBitsToUint(s.z), floatBitsToUint(s.bias));
    queue.records[record * 4u + 3u] = uvec4(layer, id, first, tiles_x | (uint(shift) << 16));
    if (!fits) return false;
    atomicMax(queue.args[0], first + tiles);
    return true;
}

// Rasterizes one triangle in clip space (every vertex with z >= 0 and inside the guard band).
void rasterize(vec4 c0, vec4 c1, vec4 c2, RasterView v, bool mirrored, uint id) {
    const vec2 size = vec2(v.target.yz);
    const vec3 n0 = c0.xyz / c0.w, n1 = c1.xyz / c1.w, n2 = c2.xyz / c2.w;
    Setup s;
    s.p0 = ivec2(round((n0.xy * 0.5 + 0.5) * size * float(kSubpixel)));
    s.p1 = ivec2(round((n1.xy * 0.5 + 0.5) * size * float(kSubpixel)));
    s.p2 = ivec2(round((n2.xy * 0.5 + 0.5) * size * float(kSubpixel)));
    s.z = vec3(n0.z, n1.z, n2.z);
    const int64_t area = edge(s.p0, s.p1, s.p2);
    if (area == 0) return;
    // Vulkan's facing: counter-clockwise in framebuffer coordinates (y down) has a negative
    // area here, and is the front unless the transform mirrors.
    const bool front = (area < 0) != mirrored;
    if ((v.target.w & kViewCullBack) != 0u && !front) return;
    if (area < 0) {  // make the area positive: inside is w >= 0 for all three edges
        const ivec2 p = s.p1;
        s.p1 = s.p2;
        s.p2 = p;
        s.z = s.z.xzy;
    }
    const ivec2 lo = min(s.p0, min(s.p1, s.p2)), hi = max(s.p0, max(s.p1, s.p2));
    // Pixels whose centre (x + 0.5) lies in [lo, hi].
    s.box.xy = max((lo - kSubpixel / 2 + kSubpixel - 1) >> 8, ivec2(0));
    s.box.zw = min((hi - kSubpixel / 2) >> 8, ivec2(v.target.yz) - 1);
    if (s.box.x > s.box.z || s.box.y > s.box.w) return;
    s.bias = 0.0;
#if !LOOM_RASTER_VISIBILITY
    {
        const vec2 e1 = vec2(s.p1 - s.p0) / float(kSubpixel), e2 = vec2(s.p2 - s.p0) / float(kSubpixel);
        const float d = e1.x * e2.y - e1.y * e2.x;
        const float dz1 = s.z.y - s.z.x, dz2 = s.z.z - s.z.x;
        const float dzdx = (dz1 * e2.y - dz2 * e1.y) / d, dzdy = (dz2 * e1.x - dz1 * e2.x) / d;
        int e;
        frexp(max(abs(s.z.x), max(abs(s.z.y), abs(s.z.z))), e);  // z = m * 2^e, m in [0.5, 1)
        s.bias = v.bias.x * exp2(float(e - 1 - 23)) + v.bias.y * max(abs(dzdx), abs(dzdy));
    }
#endif
    const uint layer = v.target.x;
    const uint pixels = uint(s.box.z - s.box.x + 1) * uint(s.box.w - s.box.y + 1);
    if (pixels > kSmallPixels && enqueue(s, layer, id)) return;
    const float inv_area = inverse_area(s);
    for (int y = s.box.y; y <= s.box.w; ++y)
        for (int x = s.box.x; x <= s.box.z; ++x) cover(s, ivec2(x, y), layer, id, inv_area);
}

// Signed distances of a clip-space point to the planes it is clipped against: the near plane
// (z >= 0) and a guard band of `g` viewports on each side (|x|, |y| <= g w).
float plane_distance(vec4 c, int plane, float g) {
    if (plane == 0) return c.z;
    if (plane == 1) return g * c.w + c.x;
    if (plane == 2) return g * c.w - c.x;
    if (plane == 3) return g * c.w + c.y;
    return g * c.w - c.y;
}

// Clips the triangle against the near plane and the guard band (Sutherland-Hodgman; a triangle
// cut by 5 planes has at most 8 corners) and rasterizes the pieces as a fan. Rare: only
// triangles crossing the near plane or reaching far beyond the view come here.
void clip_and_rasterize(vec4 c0, vec4 c1, vec4 c2, RasterView v, bool mirrored, uint id, float g) {
    vec4 poly[9], next[9];
    poly[0] = c0;
    poly[1] = c1;
    poly[2] = c2;
    int n = 3;
    for (int plane = 0; plane < 5 && n >= 3; ++plane) {
        int m = 0;
        for (int i = 0; i < n; ++i) {
            const vec4 a = poly[i], b = poly[(i + 1) % n];
            const float da = plane_distance(a, plane, g), db = plane_distance(b, plane, g);
            // (At most 8 corners in exact arithmetic; the guards hold when rounding adds one.)
            if (da >= 0.0 && m < 9) next[m++] = a;
            if ((da >= 0.0) != (db >= 0.0) && m < 9) next[m++] = mix(a, b, da / (da - db));
        }
        n = m;
        for (int i = 0; i < n; ++i) poly[i] = next[i];
    }
    for (int i = 1; i + 1 < n; ++i) rasterize(poly[0], poly[i], poly[i + 1], v, mirrored, id);
}

vec3 vertex_position(uint vertex) {
    const uint o = vertex * 12u;
    return vec3(vertex_words[o], vertex_words[o + 1u], vertex_words[o + 2u]);
}

void main() {
    const uint thread = gl_GlobalInvocationID.y * pc.row + gl_GlobalInvocationID.x;
    if (thread >= pc.threads) return;
    // The job: the last whose first invocation is at or before this one.
    uint lo = pc.job_first, hi = pc.job_first + pc.job_count;
    while (hi - lo > 1u) {
        const uint mid = (lo + hi) / 2u;
        if (jobs[mid].z <= thread) lo = mid; else hi = mid;
    }
    const uvec4 job = jobs[lo];
    const RasterView v = views[pc.view_base + job.x];
    const RasterDraw d = draws[pc.draw_base + job.y];
    const uint local = thread - job.z;
    const uint instance = local / d.geometry.z, triangle = local - instance * d.geometry.z;

    // Cull the instance: beyond a light's reach, or wholly outside one plane of the view's volume.
    const vec4 sphere = spheres[d.ids.z + instance];
    if (v.reach.w > 0.0) {
        const vec3 to = sphere.xyz - v.reach.xyz;
        if (dot(to, to) > (v.reach.w + sphere.w) * (v.reach.w + sphere.w)) return;
    }
    const vec3 centre = sphere.xyz - v.origin.xyz;
    for (int i = 0; i < 6; ++i)
        if (dot(v.planes[i].xyz, centre) + v.planes[i].w < -sphere.w) return;

    const mat4 model = instances[d.ids.x + instance].model;
    const uint first = d.geometry.y + triangle * 3u;
    vec4 c[3];
    for (int k = 0; k < 3; ++k) {
        const vec3 p = vertex_position(d.geometry.x + index_words[first + uint(k)]);
        const vec3 world = (model * vec4(p, 1.0)).xyz;
        c[k] = v.matrix * vec4(world - v.origin.xyz, 1.0);
    }
    // Outside one plane of the view with all three corners: nothing to draw.
    for (int axis = 0; axis < 2; ++axis) {
        if (c[0][axis] < -c[0].w && c[1][axis] < -c[1].w && c[2][axis] < -c[2].w) return;
        if (c[0][axis] > c[0].w && c[1][axis] > c[1].w && c[2][axis] > c[2].w) return;
    }
    if (c[0].z < 0.0 && c[1].z < 0.0 && c[2].z < 0.0) return;
    if (c[0].z > c[0].w && c[1].z > c[1].w && c[2].z > c[2].w) return;

    const bool mirrored = (d.geometry.w & kDrawMirrored) != 0u;
    const uint id = d.ids.w + local;
    // The guard band keeps positions within 2^15 pixels, so fixed-point edges fit in 64 bits.
    const float g = 16384.0 / max(float(max(v.target.y, v.target.z)), 1.0);
    bool inside = true;
    for (int k = 0; k < 3; ++k)
        inside = inside && c[k].z >= 0.0 && abs(c[k].x) <= g * c[k].w && abs(c[k].y) <= g * c[k].w;
    if (inside)
        rasterize(c[0], c[1], c[2], v, mirrored, id);
    else
        clip_and_rasterize(c[0], c[1], c[2], v, mirrored, id, g);
}

#endif
