// Render3D's main pass: one mesh vertex, per instance, to clip space with world-space attributes.
#version 460
#include "render3d/scene.glsl"

layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec2 a_uv;
layout(location = 3) in vec4 a_tangent;

layout(location = 0) out vec3 v_world;
layout(location = 1) out vec3 v_normal;
layout(location = 2) out vec2 v_uv;
layout(location = 3) out vec4 v_tangent;
layout(location = 4) flat out int v_instance;
// x shading, y which material textures there are (bits 0-3: base, normal, metallic-roughness,
// emissive): from the instance here, so the fragment shader reads no instance record.
layout(location = 5) flat out ivec2 v_material;

void main() {
    Instance inst = instances[gl_InstanceIndex];
    vec4 world = inst.model * vec4(a_position, 1.0);
    // Normals under non-uniform scale: the inverse transpose of the model's 3x3, up to a factor
    // (its cofactor matrix; the fragment shader normalizes and turns the normal to the eye).
    mat3 m = mat3(inst.model);
    mat3 normal_matrix = mat3(cross(m[1], m[2]), cross(m[2], m[0]), cross(m[0], m[1]));
    v_world = world.xyz;
    v_normal = normal_matrix * a_normal;
    v_uv = a_uv;
    v_tangent = vec4(mat3(inst.model) * a_tangent.xyz, a_tangent.w);
    v_instance = gl_InstanceIndex;
    bvec4 tex = greaterThanEqual(inst.extra, vec4(0.0));
    v_material = ivec2(int(inst.material.z), (tex.x ? 1 : 0) | (tex.y ? 2 : 0) | (tex.z ? 4 : 0) | (tex.w ? 8 : 0));
    gl_Position = frame.view_proj * world;
}
