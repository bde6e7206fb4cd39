// Fixture: four shadowed lights of every type at once (a directional sun with cascades, a spot,
// two points) plus two unshadowed fills, over 60+ objects — generated shapes, instanced cubes —
// all animated, then bloom on top.
#include <loom/loom.hpp>

using namespace loom;

namespace {
constexpr int kGrid = 8;  // kGrid x kGrid instanced cubes
}

void setup(Context& ctx) {
    auto& r = ctx.chain().add<Render3D>("scene");
    r.background({0.05f, 0.06f, 0.09f, 1.0f}).ambient({0.05f, 0.05f, 0.07f});
    r.add(r.mesh(mesh::plane({30.0f, 30.0f}, 4)), "floor").color({0.45f, 0.45f, 0.47f, 1.0f}).roughness(0.8f);
    auto& cubes = r.add(r.mesh(mesh::box({0.5f, 0.5f, 0.5f})), "cubes").instances(kGrid * kGrid);
    (void)cubes;
    const MeshId shapes[] = {r.mesh(mesh::sphere(0.4f)), r.mesh(mesh::torus(0.35f, 0.12f)),
                             r.mesh(mesh::cone(0.35f, 0.9f)), r.mesh(mesh::cylinder(0.3f, 0.9f))};
    const Shading shading[] = {Shading::PBR, Shading::BlinnPhong, Shading::Flat, Shading::PBR};
    for (int i = 0; i < 12; ++i) {
        const float a = float(i) * 0.5236f;
        r.add(shapes[i % 4], "shape" + std::to_string(i))
            .position({6.0f * std::cos(a), 0.6f, 6.0f * std::sin(a)})
            .color({0.5f + 0.5f * std::cos(a), 0.5f + 0.5f * std::sin(a), 0.6f, 1.0f})
            .shading(shading[i % 4]).metallic(i % 3 == 0 ? 0.8f : 0.0f).roughness(0.3f + 0.05f * float(i % 5));
    }
    r.add(r.mesh(mesh::sphere(0.12f)), "glow").shading(Shading::Unlit).color({1.0f, 0.5f, 0.2f, 1.0f})
        .emissive({2.0f, 0.8f, 0.2f}).cast_shadows(false);
    r.add_light(LightType::Directional, "sun").direction({-0.4f, -1.0f, -0.5f}).intensity(0.7f)
        .color({1.0f, 0.95f, 0.9f}).shadows(true).cascades(3).shadow_map_size(1024);
    r.add_light(LightType::Spot, "spot").position({-5.0f, 7.0f, 5.0f}).direction({0.6f, -1.0f, -0.6f})
        .cone(18.0f, 26.0f).range(25.0f).intensity(30.0f).color({0.4f, 0.6f, 1.0f}).shadows(true)
        .shadow_map_size(1024);
    r.add_light(LightType::Point, "ember").position({0.0f, 1.5f, 0.0f}).range(10.0f).intensity(5.0f)
        .color({1.0f, 0.5f, 0.2f}).shadows(true).shadow_map_size(512);
    r.add_light(LightType::Point, "lamp").position({5.0f, 2.0f, -5.0f}).range(10.0f).intensity(6.0f)
        .color({0.6f, 1.0f, 0.6f}).shadows(true).shadow_map_size(256).pcf(1);
    r.add_light(LightType::Point, "fill-a").position({-8.0f, 3.0f, -8.0f}).range(15.0f).intensity(2.0f);
    r.add_light(LightType::Spot, "fill-b").position({8.0f, 5.0f, 8.0f}).direction({-1.0f, -1.0f, -1.0f})
        .range(20.0f).intensity(5.0f).color({1.0f, 0.8f, 0.9f});
    r.camera().perspective(50.0f, 0.1f, 80.0f).orbit({0.0f, 0.5f, 0.0f}, 15.0f, 30.0f, 32.0f);
    ctx.chain().add<Bloom>("glow").input(r).threshold(0.75f).intensity(0.5f);
}

void update(Context& ctx) {
    auto& r = ctx.chain().get<Render3D>("scene");
    const float t = float(ctx.time());
    Object& cubes = r.object(1);
    for (int z = 0; z < kGrid; ++z)
        for (int x = 0; x < kGrid; ++x) {
            const int i = z * kGrid + x;
            const float h = 0.3f + 0.25f * (1.0f + std::sin(t * 2.0f + 0.7f * float(x) + 0.4f * float(z)));
            glm::mat4 m(1.0f);
            m[0][0] = 1.0f;
            m[1][1] = h * 2.0f;
            m[3] = glm::vec4(-2.8f + 0.8f * float(x), h * 0.5f, -2.8f + 0.8f * float(z), 1.0f);
            cubes.instance(std::uint32_t(i), m, {0.4f + 0.07f * float(x), 0.5f, 0.4f + 0.07f * float(z), 1.0f});
        }
    for (int i = 0; i < 12; ++i) r.object(2 + std::size_t(i)).rotation({0.0f, 60.0f * t + 30.0f * float(i), 20.0f});
    const glm::vec3 ember{2.0f * std::sin(t), 1.5f, 2.0f * std::cos(t)};
    r.light(2).position(ember);
    r.object(14).position(ember);
    r.light(1).direction({0.6f + 0.3f * std::sin(t * 0.5f), -1.0f, -0.6f});
    r.camera().orbit({0.0f, 0.5f, 0.0f}, 15.0f, 30.0f + 10.0f * t, 32.0f);
}

LOOM_CHAIN(setup, update)
