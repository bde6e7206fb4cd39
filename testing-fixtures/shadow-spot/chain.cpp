// Fixture: a spot light sweeping over a torus and a cone on a floor.
#include <loom/loom.hpp>

using namespace loom;

void setup(Context& ctx) {
    auto& r = ctx.chain().add<Render3D>("scene");
    r.background({0.01f, 0.01f, 0.02f, 1.0f}).ambient({0.03f, 0.03f, 0.04f});
    r.add(r.mesh(mesh::plane({20.0f, 20.0f})), "floor").color({0.7f, 0.7f, 0.7f, 1.0f}).roughness(0.8f);
    r.add(r.mesh(mesh::torus(0.8f, 0.25f)), "ring").position({-1.0f, 1.2f, 0.0f}).rotation({70.0f, 0.0f, 0.0f})
        .color({0.9f, 0.6f, 0.2f, 1.0f}).metallic(0.6f).roughness(0.35f);
    r.add(r.mesh(mesh::cone(0.6f, 1.6f)), "cone").position({1.5f, 0.8f, 0.5f}).color({0.3f, 0.8f, 0.4f, 1.0f});
    r.add_light(LightType::Spot, "spot").position({0.0f, 6.0f, 2.0f}).direction({0.0f, -1.0f, -0.3f})
        .cone(22.0f, 32.0f).range(20.0f).intensity(60.0f).color({1.0f, 0.95f, 0.85f})
        .shadows(true).shadow_map_size(1024).pcf(5);
    r.camera().perspective(45.0f, 0.1f, 50.0f).look_at({0.0f, 5.0f, 9.0f}, {0.0f, 0.5f, 0.0f});
}

void update(Context& ctx) {
    auto& r = ctx.chain().get<Render3D>("scene");
    const float t = float(ctx.time());
    r.light(0).position({2.0f * std::sin(t), 6.0f, 2.0f});
    r.object(1).rotation({70.0f, 40.0f * t, 0.0f});
}

LOOM_CHAIN(setup, update)
