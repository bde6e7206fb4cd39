// Render3D's lighting, shared by the lighting pass (render3d/light.comp, GPUs) and the forward
// pass (render3d/forward.frag, CPU devices): up to eight lights, four of them shadowed
// (directional with cascades, spot, point with a cube map), PCF over a selectable kernel,
// unlit / flat / Blinn-Phong / PBR metallic-roughness, then exposure and tone mapping.
// Include after render3d/scene.glsl and render3d/surface.glsl.
//
// Shadow maps: on the forward path depth images, sampled through a comparison sampler (bilinear
// 2x2 PCF, depth 1 beyond the map); on the GPU path the compute rasterizer's r32ui maps (a cube's
// six faces are layers 0-5), compared here the same way (LOOM_SHADOW_MANUAL 1).
#ifndef LOOM_RENDER3D_LIGHTING
#define LOOM_RENDER3D_LIGHTING

#ifndef LOOM_SHADOW_MANUAL
#define LOOM_SHADOW_MANUAL 0
#endif

#if LOOM_SHADOW_MANUAL
layout(set = 0, binding = 2) uniform usampler2DArray shadow_maps[kMaxShadows];  // every type; nearest, clamped

// One bilinear comparison of `ref` against the 2x2 texels around `uv` in layer `layer`, as a
// LESS_OR_EQUAL comparison sampler makes it; with `border`, texels beyond the map are depth 1 (lit).
float loom_shadow_compare(int slot, vec2 uv, float layer, float ref, bool border) {
    const vec2 size = vec2(textureSize(shadow_maps[slot], 0).xy);
    const vec2 st = uv * size - 0.5;
    const vec2 i0 = floor(st), f = st - i0;
    // Gathered at the corner the four texels share: (i0.x, i1.y), (i1.x, i1.y), (i1.x, i0.y), (i0.x, i0.y).
    vec4 d = uintBitsToFloat(textureGather(shadow_maps[slot], vec3((i0 + 1.0) / size, layer)));
    if (border) {  // each column and row beyond either side of the map: depth 1
        if (i0.x < 0.0 || i0.x >= size.x) d.xw = vec2(1.0);
        if (i0.x + 1.0 < 0.0 || i0.x + 1.0 >= size.x) d.yz = vec2(1.0);
        if (i0.y < 0.0 || i0.y >= size.y) d.zw = vec2(1.0);
        if (i0.y + 1.0 < 0.0 || i0.y + 1.0 >= size.y) d.xy = vec2(1.0);
    }
    const vec4 lit = vec4(greaterThanEqual(d, vec4(ref)));
    return mix(mix(lit.w, lit.z, f.x), mix(lit.x, lit.y, f.x), f.y);
}

float loom_shadow_tap(int slot, vec3 uv_layer, float ref) {
    return loom_shadow_compare(slot, uv_layer.xy, uv_layer.z, ref, true);
}

// A cube's face and position on it for direction `v` (Vulkan's cube-map face selection, which
// render3d::cube_face_matrix follows), then one comparison there (clamped to the face's edge).
float loom_cube_tap(int slot, vec3 v, float ref) {
    const vec3 a = abs(v);
    float face, sc, tc, ma;
    if (a.x >= a.y && a.x >= a.z) {
        ma = a.x;
        face = v.x >= 0.0 ? 0.0 : 1.0;
        sc = v.x >= 0.0 ? -v.z : v.z;
        tc = -v.y;
    } else if (a.y >= a.z) {
        ma = a.y;
        face = v.y >= 0.0 ? 2.0 : 3.0;
        sc = v.x;
        tc = v.y >= 0.0 ? v.z : -v.z;
    } else {
        ma = a.z;
        face = v.z >= 0.0 ? 4.0 : 5.0;
        sc = v.z >= 0.0 ? v.x : -v.x;
        tc = -v.y;
    }
    return loom_shadow_compare(slot, vec2(sc, tc) / ma * 0.5 + 0.5, face, ref, false);
}
#else
layout(set = 0, binding = 2) uniform sampler2DArrayShadow shadow_maps[kMaxShadows];  // directional, spot
layout(set = 0, binding = 3) uniform samplerCubeShadow shadow_cubes[kMaxShadows];    // point

float loom_shadow_tap(int slot, vec3 uv_layer, float ref) { return texture(shadow_maps[slot], vec4(uv_layer, ref)); }
float loom_cube_tap(int slot, vec3 v, float ref) { return texture(shadow_cubes[slot], vec4(v, ref)); }
#endif

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
        for (int x = -r; x <= r; ++x) sum += loom_shadow_tap(slot, vec3(uv + vec2(x, y) * step, float(cascade)), c.z);
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
        for (int x = -r; x <= r; ++x) sum += loom_cube_tap(slot, v + (t * float(x) + b * float(y)) * step, ref);
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

// A pixel's surface: its instance's material times its textures' values (render3d/surface.glsl).
struct Surface {
    vec3 n;
    vec3 base;
    float alpha;
    vec3 emissive;
    float shininess;
    float metallic;
    float rough;
    int shading;
    bool receives;
};

Surface surface(Texel t) {
    Instance inst = instances[t.instance];
    Surface s;
    s.n = t.n;
    s.shading = int(inst.material.z);
    s.receives = (int(inst.material.w) & 1) != 0;
    s.base = inst.color.rgb * t.base;
    s.alpha = inst.color.a;
    s.shininess = inst.emissive.a;
    s.metallic = clamp(inst.material.x * t.metallic, 0.0, 1.0);
    s.rough = clamp(inst.material.y * t.rough, 0.04, 1.0);
    s.emissive = s.shading == kShadingUnlit ? inst.emissive.rgb : inst.emissive.rgb * t.emissive;
    return s;
}

vec3 shade(Surface s, vec3 world, float view_depth) {
    if (s.shading == kShadingUnlit) return s.base + s.emissive;
    vec3 n = s.n;
    vec3 v = normalize(frame.camera_pos.xyz - world);
    vec3 f0 = mix(vec3(0.04), s.base, s.metallic);
    vec3 color = frame.ambient.rgb * s.base * (s.shading == kShadingPbr ? (1.0 - s.metallic * 0.9) : 1.0);
    int count = int(frame.camera_pos.w);
    for (int i = 0; i < count; ++i) {
        Light l = frame.lights[i];
        int type = int(l.direction_type.w);
        vec3 ldir;
        float atten = 1.0;
        if (type == kLightDirectional) {
            ldir = -normalize(l.direction_type.xyz);
        } else {
            vec3 d = l.position_range.xyz - world;
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
        if (slot >= 0 && s.receives) {
            // (n faces the light here: the normal offset moves the lookup off the surface towards it)
            lit = type == kLightPoint ? shadow_cube(i, slot, world, n) : shadow_2d(i, slot, world, n, view_depth);
        }
        vec3 radiance = l.color_intensity.rgb * l.color_intensity.a * atten * lit;
        if (s.shading == kShadingPbr) {
            vec3 h = normalize(ldir + v);
            float nv = max(dot(n, v), 1e-4);
            float nh = max(dot(n, h), 0.0);
            vec3 f = fresnel(max(dot(v, h), 0.0), f0);
            vec3 spec = d_ggx(nh, s.rough * s.rough) * g_smith(nv, nl, s.rough) * f / (4.0 * nv * nl + 1e-4);
            vec3 kd = (1.0 - f) * (1.0 - s.metallic);
            color += (kd * s.base / PI + spec) * radiance * nl * PI;
        } else if (s.shading == kShadingBlinnPhong) {
            vec3 h = normalize(ldir + v);
            float spec = pow(max(dot(n, h), 0.0), max(s.shininess, 1.0)) * 0.5;
            color += (s.base * nl + vec3(spec) * nl) * radiance;
        } else {  // flat: Lambert on the face normal
            color += s.base * nl * radiance;
        }
    }
    return color + s.emissive;
}

// Exposure, tone mapping, premultiplied alpha: a lit colour as the chain image stores it.
vec4 loom_finish(vec3 color, float alpha) {
    color *= frame.ambient.a;  // exposure
    if (frame.params.w > 0.5) color = pow(aces(color), vec3(1.0 / 2.2));
    return vec4(color * alpha, alpha);  // premultiplied, as chain images are
}

// Depth output: linear, near 0 .. far 1.
vec4 loom_depth_output(float view_depth) {
    float t = (view_depth - frame.params.y) / (frame.params.z - frame.params.y);
    return vec4(vec3(clamp(t, 0.0, 1.0)), 1.0);
}

#endif
