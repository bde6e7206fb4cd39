// Render3D's main pass: shading (unlit, flat, Blinn-Phong, PBR metallic-roughness) with up to
// eight lights, four of them shadowed (directional with cascades, spot, point with a cube map),
// PCF over a selectable kernel, then exposure and tone mapping. Or depth / normals instead.
#version 460
#include "render3d/scene.glsl"

layout(set = 0, binding = 2) uniform sampler2DArrayShadow shadow_maps[kMaxShadows];  // directional, spot
layout(set = 0, binding = 3) uniform samplerCubeShadow shadow_cubes[kMaxShadows];    // point
// The draw's material textures (white where it has none; inst.extra says which are there).
layout(set = 0, binding = 4) uniform sampler2D base_color_tex;
layout(set = 0, binding = 5) uniform sampler2D normal_tex;
layout(set = 0, binding = 6) uniform sampler2D metallic_roughness_tex;
layout(set = 0, binding = 7) uniform sampler2D emissive_tex;

layout(location = 0) in vec3 v_world;
layout(location = 1) in vec3 v_normal;
layout(location = 2) in vec2 v_uv;
layout(location = 3) in vec4 v_tangent;
layout(location = 4) flat in int v_instance;
layout(location = 5) in float v_view_depth;

layout(location = 0) out vec4 out_color;

const float PI = 3.14159265359;

// 0 in shadow .. 1 lit, for light `li` whose shadow slot is `slot`.
float shadow_2d(int li, int slot, vec3 world, vec3 n, float view_depth) {
    Light l = frame.lights[li];
    int cascade = 0;
    int cascades = int(l.shadow_params.y);
    if (int(l.direction_type.w) == kLightDirectional) {
        for (int c = 0; c < cascades - 1; ++c)
            if (view_depth > l.cascade_ends[c]) cascade = c + 1;
    }
    // Normal offset: a number of shadow-map texels, in metres where this point is.
    float texel = int(l.direction_type.w) == kLightDirectional ? l.texel_world[cascade]
                                                               : l.texel_world.x * length(world - l.position_range.xyz);
    vec4 p = frame.shadow_matrices[slot * kMaxCascades + cascade] * vec4(world + n * (l.shadow_params.x * texel), 1.0);
    vec3 c = p.xyz / p.w;
    vec2 uv = c.xy * 0.5 + 0.5;
    if (c.z >= 1.0) return 1.0;
    int r = int(l.cone_shadow.w);
    float step = l.shadow_params.z;
    float sum = 0.0;
    for (int y = -r; y <= r; ++y)
        for (int x = -r; x <= r; ++x)
            sum += texture(shadow_maps[slot], vec4(uv + vec2(x, y) * step, float(cascade), c.z));
    return sum / float((2 * r + 1) * (2 * r + 1));
}

float shadow_cube(int li, int slot, vec3 world, vec3 n) {
    Light l = frame.lights[li];
    vec3 v0 = world - l.position_range.xyz;
    vec3 v = v0 + n * (l.shadow_params.x * l.texel_world.x * length(v0));
    float ma = max(abs(v.x), max(abs(v.y), abs(v.z)));
    float near = l.shadow_params.w, far = l.position_range.w;
    // The depth a cube face's projection stores for a point at distance `ma` along its axis.
    float ref = far / (far - near) - far * near / ((far - near) * ma);
    int r = int(l.cone_shadow.w);
    // PCF: offsets across the face, one texel (at this distance) apart.
    vec3 axis = abs(v.y) < 0.99 * length(v) ? vec3(0, 1, 0) : vec3(1, 0, 0);
    vec3 t = normalize(cross(axis, v));
    vec3 b = cross(normalize(v), t);
    float step = 2.0 * ma * l.shadow_params.z;
    float sum = 0.0;
    for (int y = -r; y <= r; ++y)
        for (int x = -r; x <= r; ++x)
            sum += texture(shadow_cubes[slot], vec4(v + (t * float(x) + b * float(y)) * step, ref));
    return sum / float((2 * r + 1) * (2 * r + 1));
}

// GGX normal distribution, Smith-Schlick geometry, Schlick Fresnel.
float d_ggx(float nh, float a) {
    float a2 = a * a;
    float d = nh * nh * (a2 - 1.0) + 1.0;
    return a2 / (PI * d * d);
}
float g_smith(float nv, float nl, float rough) {
    float k = (rough + 1.0) * (rough + 1.0) / 8.0;
    return nv / (nv * (1.0 - k) + k) * nl / (nl * (1.0 - k) + k);
}
vec3 fresnel(float vh, vec3 f0) { return f0 + (1.0 - f0) * pow(1.0 - vh, 5.0); }

vec3 aces(vec3 x) {
    return clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
}

void main() {
    Instance inst = instances[v_instance];
    int shading = int(inst.material.z);
    bool receives = (int(inst.material.w) & 1) != 0;
    vec3 n = normalize(v_normal);
    if (shading == kShadingFlat) n = normalize(cross(dFdx(v_world), dFdy(v_world)));
    vec3 to_eye = frame.camera_pos.xyz - v_world;
    vec3 v = normalize(to_eye);
    if (dot(n, v) < 0.0 && shading != kShadingFlat) n = -n;  // back faces of open meshes
    if (shading == kShadingFlat && dot(n, v) < 0.0) n = -n;

    // Material textures: base colour, normal map, metallic-roughness, emissive (>= 0: present).
    vec4 tex = inst.extra;
    vec3 base = inst.color.rgb;
    if (tex.x >= 0.0) base *= texture(base_color_tex, v_uv).rgb;
    if (tex.y >= 0.0 && shading != kShadingFlat) {
        vec3 t = v_tangent.xyz - n * dot(n, v_tangent.xyz);
        if (dot(t, t) > 1e-10) {
            t = normalize(t);
            vec3 b = cross(n, t) * (v_tangent.w < 0.0 ? -1.0 : 1.0);
            vec3 m = texture(normal_tex, v_uv).xyz * 2.0 - 1.0;
            n = normalize(t * m.x + b * m.y + n * m.z);
        }
    }
    vec3 color;
    if (shading == kShadingUnlit) {
        color = base + inst.emissive.rgb;
    } else {
        float metallic = inst.material.x;
        float rough = inst.material.y;
        if (tex.z >= 0.0) {
            vec4 mr = texture(metallic_roughness_tex, v_uv);
            rough *= mr.g;
            metallic *= mr.b;
        }
        metallic = clamp(metallic, 0.0, 1.0);
        rough = clamp(rough, 0.04, 1.0);
        vec3 f0 = mix(vec3(0.04), base, metallic);
        float view_depth = v_view_depth;
        color = frame.ambient.rgb * base * (shading == kShadingPbr ? (1.0 - metallic * 0.9) : 1.0);
        int count = int(frame.camera_pos.w);
        for (int i = 0; i < count; ++i) {
            Light l = frame.lights[i];
            int type = int(l.direction_type.w);
            vec3 ldir;
            float atten = 1.0;
            if (type == kLightDirectional) {
                ldir = -normalize(l.direction_type.xyz);
            } else {
                vec3 d = l.position_range.xyz - v_world;
                float dist = length(d);
                ldir = d / max(dist, 1e-4);
                float range = l.position_range.w;
                float x = clamp(1.0 - pow(dist / range, 4.0), 0.0, 1.0);
                atten = x * x / max(dist * dist, 0.01);
                if (type == kLightSpot) {
                    float cd = dot(-ldir, normalize(l.direction_type.xyz));
                    atten *= smoothstep(l.cone_shadow.y, l.cone_shadow.x, cd);
                }
            }
            float nl = max(dot(n, ldir), 0.0);
            if (nl <= 0.0 || atten <= 0.0) continue;
            float lit = 1.0;
            int slot = int(l.cone_shadow.z);
            if (slot >= 0 && receives) {
                vec3 sn = normalize(v_normal);
                if (dot(sn, ldir) < 0.0) sn = -sn;
                lit = type == kLightPoint ? shadow_cube(i, slot, v_world, sn) : shadow_2d(i, slot, v_world, sn, view_depth);
            }
            vec3 radiance = l.color_intensity.rgb * l.color_intensity.a * atten * lit;
            if (shading == kShadingPbr) {
                vec3 h = normalize(ldir + v);
                float nv = max(dot(n, v), 1e-4);
                float nh = max(dot(n, h), 0.0);
                vec3 f = fresnel(max(dot(v, h), 0.0), f0);
                vec3 spec = d_ggx(nh, rough * rough) * g_smith(nv, nl, rough) * f / (4.0 * nv * nl + 1e-4);
                vec3 kd = (1.0 - f) * (1.0 - metallic);
                color += (kd * base / PI + spec) * radiance * nl * PI;
            } else if (shading == kShadingBlinnPhong) {
                vec3 h = normalize(ldir + v);
                float spec = pow(max(dot(n, h), 0.0), max(inst.emissive.a, 1.0)) * 0.5;
                color += (base * nl + vec3(spec) * nl) * radiance;
            } else {  // flat: Lambert on the face normal
                color += base * nl * radiance;
            }
        }
        color += inst.emissive.rgb * (tex.w >= 0.0 ? texture(emissive_tex, v_uv).rgb : vec3(1.0));
    }
    color *= frame.ambient.a;  // exposure
    if (frame.params.w > 0.5) color = pow(aces(color), vec3(1.0 / 2.2));
    out_color = vec4(color * inst.color.a, inst.color.a);  // premultiplied, as chain images are

    // Depth (linear, near 0 .. far 1) or normals instead of colour.
    int output_mode = int(frame.params.x);
    if (output_mode == 1) {
        float t = (v_view_depth - frame.params.y) / (frame.params.z - frame.params.y);
        out_color = vec4(vec3(clamp(t, 0.0, 1.0)), 1.0);
    } else if (output_mode == 2) {
        out_color = vec4(n * 0.5 + 0.5, 1.0);
    }
}
