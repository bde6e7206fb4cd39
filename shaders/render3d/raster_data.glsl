// Render3D's compute rasterizer (GPUs, render3d/rasterize.comp): the records the CPU writes into
// the frame's upload ring, and the visibility buffer the lighting pass reads. The C++ side
// (addons/render3d/src/gpu_data.hpp) matches. Every record array is the whole ring, indexed from
// a base the push constants give (the ring offset / the record's size).
//
//   RasterView  a camera: the main one, or one shadow pass (a cascade, a spot cone, a cube face)
//   RasterDraw  one object: its mesh in the geometry arena, its instances, its first id
//   RasterJob   a view times a draw: the invocations from first_thread on rasterize its
//               instances' triangles, one triangle of one instance each
//   spheres     each instance's world bounding sphere (xyz centre, w radius), for culling
//
// The visibility buffer holds one 64-bit word per pixel of the output: the depth's bits above, the
// surface's id below (RasterDraw.ids.w + instance * triangles + triangle). All ones: no surface.
#ifndef LOOM_RENDER3D_RASTER_DATA
#define LOOM_RENDER3D_RASTER_DATA

struct RasterView {
    mat4 matrix;      // world position (minus origin.xyz) to clip space
    vec4 origin;      // subtracted from world positions first (a point light's faces), else 0
    vec4 planes[6];   // the clip volume in the same space: a sphere wholly outside one is culled
    vec4 reach;       // a spot or point light: xyz its position, w its range (0: no range test)
    vec4 bias;        // shadow views: x constant depth bias, y slope-scaled depth bias
    uvec4 target;     // x layer of the target, y width, z height, w flags (kViewCull...)
    vec4 unused[2];   // 256 bytes
};

const uint kViewCullBack = 1u;    // skip back faces (the camera); shadows draw both sides
const uint kViewVisibility = 2u;  // writes the visibility buffer, else a shadow map

struct RasterDraw {
    uvec4 geometry;  // x first vertex, y first index (in the arena), z triangles, w flags (kDraw...)
    uvec4 ids;       // x first instance record, y instances, z first sphere, w first surface id
};

const uint kDrawCasts = 1u;     // drawn into shadow maps
const uint kDrawMirrored = 2u;  // its transform mirrors: clockwise triangles face the eye

const uint kNoSurface = 0xffffffffu;

#endif
