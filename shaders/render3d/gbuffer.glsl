// Render3D's G-buffer: what the raster pass leaves per pixel for the lighting pass, in one RGBA32UI
// attachment (16 bytes a pixel — the fewer bytes the raster pass writes, the faster it runs on
// GPUs whose raster hardware is a small part of the chip). What is the same for every pixel of an
// object (its colour, material, emissive) stays in its instance record; the G-buffer names the
// instance and keeps what varies across the surface:
//   x  the shading normal (normal map applied, facing the eye), octahedral, packSnorm2x16
//   y  bits 0-23 the instance, 24-31 the roughness texture's factor
//   z  the base-colour texture's rgb, then the metallic texture's factor   (packUnorm4x8)
//   w  the emissive texture's rgb                                         (packUnorm4x8)
// Where depth is 1 (the far plane) no surface was drawn and the texel is undefined.
// Texture factors are 1 where an object has no such texture, stored as square roots (finer steps
// in the darks, where a linear 8-bit value would band) and squared when read.
#ifndef LOOM_RENDER3D_GBUFFER
#define LOOM_RENDER3D_GBUFFER

vec2 loom_oct_encode(vec3 n) {
    n /= abs(n.x) + abs(n.y) + abs(n.z);
    vec2 e = n.xy;
    if (n.z < 0.0) e = (1.0 - abs(n.yx)) * vec2(n.x >= 0.0 ? 1.0 : -1.0, n.y >= 0.0 ? 1.0 : -1.0);
    return e;
}

vec3 loom_oct_decode(vec2 e) {
    vec3 n = vec3(e, 1.0 - abs(e.x) - abs(e.y));
    float t = max(-n.z, 0.0);
    n.x += n.x >= 0.0 ? -t : t;
    n.y += n.y >= 0.0 ? -t : t;
    return normalize(n);
}

struct Texel {
    vec3 n;             // shading normal
    int instance;       // its record in the instance array
    vec3 base;          // base-colour texture
    float rough;        // roughness factor (metallic-roughness texture's g)
    float metallic;     // metallic factor (its b)
    vec3 emissive;      // emissive texture
};

uvec4 loom_gbuffer_pack(Texel t) {
    vec4 z = sqrt(clamp(vec4(t.base, t.metallic), 0.0, 1.0));
    vec4 w = sqrt(clamp(vec4(t.emissive, 0.0), 0.0, 1.0));
    uint rough = uint(round(sqrt(clamp(t.rough, 0.0, 1.0)) * 255.0));
    return uvec4(packSnorm2x16(loom_oct_encode(t.n)), uint(t.instance) | (rough << 24), packUnorm4x8(z),
                 packUnorm4x8(w));
}

Texel loom_gbuffer_unpack(uvec4 g) {
    Texel t;
    t.n = loom_oct_decode(unpackSnorm2x16(g.x));
    t.instance = int(g.y & 0xffffffu);
    float r = float(g.y >> 24) / 255.0;
    t.rough = r * r;
    vec4 z = unpackUnorm4x8(g.z), w = unpackUnorm4x8(g.w);
    z *= z;
    t.base = z.rgb;
    t.metallic = z.a;
    t.emissive = w.rgb * w.rgb;
    return t;
}

#endif
