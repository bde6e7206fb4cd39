// Orbit lights: a ring of gems and pillars around a torus, a warm point light circling inside,
// a cool spot from above and a low sun, all casting shadows; the camera orbits; bloom on top.
#include <loom/loom.hpp>

using namespace loom;

void setup(Context& ctx) {
    auto& r = ctx.chain().add<Render3D>("scene");
    r.background({0.02f, 0.02f, 0.04f, 1.0f}).ambient({0.04f, 0.04f, 0.06f});
    r.add(r.mesh(mesh::plane({40.0f, 40.0f}, 8)), "floor").color({0.35f, 0.35f, 0.4f, 1.0f}).roughness(0.6f);
    r.add(r.mesh(mesh::torus(1.2f, 0.35f)), "torus").position({0.0f, 1.4f, 0.0f})
        .color({0.95f, 0.75f, 0.35f, 1.0f}).metallic(1.0f).roughness(0.25f);
    const MeshId gem = r.load_mesh(ctx.asset("assets/gem.obj"));
    const MeshId pillar = r.mesh(mesh::cylinder(0.25f, 2.5f, 24));
    for (int i = 0; i < 10; ++i) {
        const float a = float(i) * 0.6283f;
        r.add(pillar, "pillar" + std::to_string(i)).position({5.0f * std::cos(a), 1.25f, 5.0f * std::sin(a)})
            .color({0.8f, 0.8f, 0.85f, 1.0f}).roughness(0.5f);
        r.add(gem, "gem" + std::to_string(i)).position({5.0f * std::cos(a), 3.0f, 5.0f * std::sin(a)})
            .color({0.3f + 0.07f * float(i), 0.4f, 1.0f - 0.07f * float(i), 1.0f}).shading(Shading::Flat)
            .emissive({0.05f, 0.08f, 0.2f});
    }
    r.add(r.mesh(mesh::sphere(0.12f)), "ember").shading(Shading::Unlit).color({1.0f, 0.6f, 0.3f, 1.0f})
        .emissive({3.0f, 1.4f, 0.5f}).cast_shadows(false);
    r.add_light(LightType::Point, "ember-light").range(14.0f).intensity(10.0f).color({1.0f, 0.6f, 0.3f})
        .shadows(true).shadow_map_size(1024);
    r.add_light(LightType::Spot, "spot").position({0.0f, 9.0f, 0.0f}).direction({0.0f, -1.0f, 0.0f})
        .cone(25.0f, 35.0f).range(20.0f).intensity(25.0f).color({0.5f, 0.7f, 1.0f}).shadows(true);
    r.add_light(LightType::Directional, "sun").direction({-0.6f, -0.5f, -0.4f}).intensity(0.35f)
        .color({0.7f, 0.75f, 1.0f}).shadows(true).cascades(2);
    r.camera().perspective(45.0f, 0.1f, 100.0f);
    ctx.chain().add<Bloom>("glow").input(r).threshold(0.7f).knee(0.4f).intensity(0.9f).radius(0.8f);
}

void update(Context& ctx) {
    auto& r = ctx.chain().get<Render3D>("scene");
    const float t = float(ctx.time());
    const glm::vec3 ember{3.0f * std::cos(t * 0.8f), 1.0f + 0.5f * std::sin(t * 1.7f), 3.0f * std::sin(t * 0.8f)};
    r.light(0).position(ember);
    r.find_object("ember")->position(ember);
    r.find_object("torus")->rotation({20.0f * std::sin(t * 0.5f), 25.0f * t, 0.0f});
    // Objects by index (added in setup: floor, torus, then pillar and gem pairs): no string per frame.
    for (std::size_t i = 0; i < 10; ++i) r.object(3 + 2 * i).rotation({0.0f, 90.0f * t + 36.0f * float(i), 0.0f});
    r.camera().orbit({0.0f, 1.2f, 0.0f}, 12.0f, 15.0f * t, 22.0f);
}

LOOM_CHAIN(setup, update)
