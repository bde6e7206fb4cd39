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
layout(location = 5) out float v_view_depth;  // distance in front of the camera

void main() {
    Instance inst = instances[gl_InstanceIndex];
    vec4 world = inst.model * vec4(a_position, 1.0);
    // Normals under non-uniform scale: the inverse transpose of the model's 3x3.
    mat3 normal_matrix = transpose(inverse(mat3(inst.model)));
    v_world = world.xyz;
    v_normal = normal_matrix * a_normal;
    v_uv = a_uv;
    v_tangent = vec4(mat3(inst.model) * a_tangent.xyz, a_tangent.w);
    v_instance = gl_InstanceIndex;
    v_view_depth = -(frame.view * world).z;
    gl_Position = frame.view_proj * world;
}
