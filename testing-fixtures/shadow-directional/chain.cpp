// Fixture: a directional light with three cascades over a field of boxes and a sphere.
#include <loom/loom.hpp>

using namespace loom;

void setup(Context& ctx) {
    auto& r = ctx.chain().add<Render3D>("scene");
    r.background({0.55f, 0.65f, 0.8f, 1.0f}).ambient({0.12f, 0.13f, 0.16f});
    r.add(r.mesh(mesh::plane({40.0f, 40.0f})), "floor").color({0.75f, 0.75f, 0.72f, 1.0f}).roughness(0.9f);
    const MeshId box = r.mesh(mesh::box());
    for (int i = 0; i < 5; ++i)
        r.add(box, "box" + std::to_string(i))
            .position({-6.0f + 3.0f * float(i), 0.75f, -2.0f * float(i % 2)})
            .scale({0.8f, 1.5f, 0.8f})
            .rotation({0.0f, 20.0f * float(i), 0.0f})
            .color({0.9f, 0.35f + 0.1f * float(i), 0.2f, 1.0f});
    r.add(r.mesh(mesh::sphere(1.0f)), "ball").position({0.0f, 2.5f, 3.0f}).color({0.2f, 0.5f, 0.9f, 1.0f}).metallic(0.2f).roughness(0.3f);
    r.add_light(LightType::Directional, "sun").direction({-0.5f, -1.0f, -0.35f}).intensity(2.2f)
        .shadows(true).cascades(3).shadow_map_size(1024).pcf(3);
    r.camera().perspective(50.0f, 0.1f, 80.0f).orbit({0.0f, 0.5f, 0.0f}, 14.0f, 20.0f, 28.0f);
}

void update(Context& ctx) {
    auto& r = ctx.chain().get<Render3D>("scene");
    r.light(0).direction({-0.5f + 0.3f * float(std::sin(ctx.time())), -1.0f, -0.35f});
}

LOOM_CHAIN(setup, update)
