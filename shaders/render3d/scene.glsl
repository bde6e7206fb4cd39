// Render3D's per-frame data: the frame block (camera, lights, shadow matrices) at binding 0, the
// per-instance records at binding 1. The C++ side (addons/render3d/src/gpu_data.hpp) matches.
#ifndef LOOM_RENDER3D_SCENE
#define LOOM_RENDER3D_SCENE

const int kMaxLights = 8;
const int kMaxShadows = 4;
const int kMaxCascades = 4;

const int kLightDirectional = 0;
const int kLightSpot = 1;
const int kLightPoint = 2;

const int kShadingUnlit = 0;
const int kShadingFlat = 1;
const int kShadingBlinnPhong = 2;
const int kShadingPbr = 3;

struct Light {
    vec4 position_range;   // xyz position, w range (spot, point)
    vec4 direction_type;   // xyz direction the light shines to, w type
    vec4 color_intensity;  // rgb colour, a intensity
    vec4 cone_shadow;      // x cos(inner), y cos(outer), z shadow slot (-1: none), w PCF radius in texels
    vec4 shadow_params;    // x normal offset in texels, y cascades, z 1/map size, w near plane (point)
    vec4 cascade_ends;     // directional: view-space distance where each cascade ends
    vec4 texel_world;      // directional: a texel's size in metres per cascade; spot, point: x per metre of distance
};

struct Instance {
    mat4 model;
    vec4 color;
    vec4 material;  // x metallic, y roughness, z shading, w flags (1: receives shadows)
    vec4 emissive;  // rgb emissive, a shininess (Blinn-Phong)
    vec4 extra;     // the material's textures (base, normal, metallic-roughness, emissive): index, -1 none
};

// A shader that binds these differently defines LOOM_SCENE_BINDINGS 0 and declares its own.
#ifndef LOOM_SCENE_BINDINGS
#define LOOM_SCENE_BINDINGS 1
#endif
#if LOOM_SCENE_BINDINGS
layout(set = 0, binding = 0, std140) uniform Frame {
    mat4 view;
    mat4 proj;
    mat4 view_proj;
    mat4 inv_view_proj;  // clip space back to the world (the lighting pass rebuilds positions from depth)
    vec4 camera_pos;   // xyz, w light count
    vec4 ambient;      // rgb ambient light, a exposure
    vec4 params;       // x output (0 colour, 1 depth, 2 normal), y near, z far, w tonemap (0/1)
    vec4 background;   // premultiplied; what an empty pixel gets in colour output
    Light lights[kMaxLights];
    mat4 shadow_matrices[kMaxShadows * kMaxCascades];  // slot * 4 + cascade
} frame;

layout(set = 0, binding = 1, std430) readonly buffer Instances {
    Instance instances[];
};
#endif

#endif
