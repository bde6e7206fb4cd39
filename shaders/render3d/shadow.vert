// Render3D's shadow maps: casters' depth as seen from a light (one cascade, cone or cube face).
#version 460
#include "render3d/scene.glsl"

layout(location = 0) in vec3 a_position;

layout(push_constant) uniform Push {
    mat4 light_view_proj;  // for a cube face: relative to the light's position (below)
    vec4 light_origin;     // xyz subtracted from world positions first (point lights), else 0;
                           // w 1: no caster list this frame, the draw's own instances
} pc;

// The instances this pass draws (those whose bounds reach into its clip volume, picked on the
// CPU): a draw's instances are casters[firstInstance ..].
layout(set = 0, binding = 2, std430) readonly buffer Casters {
    uint casters[];
};

void main() {
    uint index = pc.light_origin.w > 0.5 ? uint(gl_InstanceIndex) : casters[gl_InstanceIndex];
    vec4 world = instances[index].model * vec4(a_position, 1.0);
    gl_Position = pc.light_view_proj * vec4(world.xyz - pc.light_origin.xyz, 1.0);
}
