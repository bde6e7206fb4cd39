// Fixture: a point light inside a ring of pillars: shadows fall in every direction (all six faces
// of its cube map).
#include <loom/loom.hpp>

using namespace loom;

void setup(Context& ctx) {
    auto& r = ctx.chain().add<Render3D>("scene");
    r.background({0.0f, 0.0f, 0.0f, 1.0f}).ambient({0.02f, 0.02f, 0.03f});
    r.add(r.mesh(mesh::plane({24.0f, 24.0f})), "floor").color({0.8f, 0.8f, 0.8f, 1.0f}).roughness(0.85f);
    const MeshId pillar = r.mesh(mesh::cylinder(0.35f, 3.0f));
    for (int i = 0; i < 8; ++i) {
        const float a = float(i) * 0.785398f;
        r.add(pillar, "pillar" + std::to_string(i)).position({3.0f * std::cos(a), 1.5f, 3.0f * std::sin(a)})
            .color({0.85f, 0.8f, 0.7f, 1.0f}).shading(Shading::BlinnPhong);
    }
    r.add(r.mesh(mesh::sphere(0.15f)), "bulb").position({0.0f, 1.2f, 0.0f}).shading(Shading::Unlit)
        .color({1.0f, 0.9f, 0.6f, 1.0f}).cast_shadows(false);
    r.add_light(LightType::Point, "lamp").position({0.0f, 1.2f, 0.0f}).range(14.0f).intensity(12.0f)
        .color({1.0f, 0.85f, 0.6f}).shadows(true).shadow_map_size(512).pcf(3);
    r.camera().perspective(55.0f, 0.1f, 60.0f).orbit({0.0f, 0.5f, 0.0f}, 10.0f, 15.0f, 40.0f);
}

void update(Context& ctx) {
    auto& r = ctx.chain().get<Render3D>("scene");
    const float t = float(ctx.time());
    const glm::vec3 p{0.8f * std::sin(t * 0.7f), 1.2f + 0.3f * std::sin(t), 0.8f * std::cos(t * 0.7f)};
    r.light(0).position(p);
    r.object(9).position(p);
}

LOOM_CHAIN(setup, update)
