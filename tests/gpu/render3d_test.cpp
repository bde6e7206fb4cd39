// Render3D on the GPU: shadows land where geometry says (each light type), move with the light,
// stay continuous across a cascade boundary; a shadowed scene's steady frames create nothing;
// bad meshes, limits and settings are clear operator errors while the chain keeps running.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <tuple>
#include <vector>

#include <loom/render3d/render3d.hpp>

#include "addons/render3d/src/shadow_math.hpp"
#include "core/base/paths.hpp"
#include "core/io/image_io.hpp"
#include "core/runtime/heap_counter.hpp"
#include "core/runtime/project_host.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

namespace fs = std::filesystem;

class Render3DTest : public GpuTest {};

// Sets LOOM_RENDER3D (the path: forward on the raster pipeline, or the compute rasterizer) for a
// scope, however the scope is left.
struct Render3DPath {
    explicit Render3DPath(const char* path) { setenv("LOOM_RENDER3D", path, 1); }
    ~Render3DPath() { unsetenv("LOOM_RENDER3D"); }
    Render3DPath(const Render3DPath&) = delete;
    Render3DPath& operator=(const Render3DPath&) = delete;
};

// A test run on both paths: lavapipe takes the forward one by default, GPUs the compute one.
class Render3DBothPaths : public Render3DTest, public ::testing::WithParamInterface<const char*> {
protected:
    Render3DBothPaths() : path_(GetParam()) {}
    void SetUp() override {
        Render3DTest::SetUp();
        // Without 64-bit atomics Render3D draws forward whatever is asked: the test would compare
        // forward with itself.
        if (std::string_view(GetParam()) == "compute" && !engine().device().has_int64_atomics())
            GTEST_SKIP() << engine().device().name() << " has no 64-bit buffer atomics";
    }
    Render3DPath path_;
};
const auto kBothPaths = ::testing::Values("forward", "compute");
std::string path_name(const ::testing::TestParamInfo<const char*>& info) { return info.param; }

constexpr std::uint32_t kSide = 160;  // canvas; the top-down camera sees 8 m: 20 px per metre

float luminance(const io::Pixels& px, std::uint32_t x, std::uint32_t y) {
    const float* p = px.at(x, y);
    return (p[0] + p[1] + p[2]) / 3.0f;
}

// Floor pixel under world (x, 0, z) for the top-down camera below.
float floor_at(const io::Pixels& px, float x, float z) {
    return luminance(px, std::uint32_t(80.0f + 20.0f * x), std::uint32_t(80.0f + 20.0f * z));
}

// A 1 m box hovering 1..2 m above a floor, seen from straight above, lit by one shadowed light
// on the -X side (or the +X side when `mirrored`).
Render3D& occluder_scene(Chain& chain, LightType type, bool mirrored) {
    auto& r = chain.add<Render3D>("scene").size(kSide, kSide);
    r.background({0, 0, 0, 1}).ambient({0.02f, 0.02f, 0.02f}).tonemap(false);
    r.add(r.mesh(mesh::plane({20.0f, 20.0f})), "floor").color({0.8f, 0.8f, 0.8f, 1}).shading(Shading::BlinnPhong);
    r.add(r.mesh(mesh::box()), "box").position({0.0f, 1.5f, 0.0f}).color({0.2f, 0.2f, 0.9f, 1});
    const float s = mirrored ? -1.0f : 1.0f;
    auto& l = r.add_light(type, "light").shadows(true).shadow_map_size(1024).pcf(3);
    if (type == LightType::Directional) l.direction({s * 1.0f, -1.0f, 0.0f}).intensity(1.0f).cascades(1);
    if (type == LightType::Spot)
        l.position({-s * 3.0f, 4.0f, 0.0f}).direction({s * 4.0f, -4.0f, 0.0f}).cone(40.0f, 50.0f).range(30.0f).intensity(20.0f);
    if (type == LightType::Point) l.position({-s * 2.0f, 3.0f, 0.0f}).range(30.0f).intensity(12.0f);
    r.camera().orthographic(8.0f, 0.1f, 30.0f).look_at({0.0f, 10.0f, 0.0f}, {0.0f, 0.0f, 0.0f}, {0.0f, 0.0f, -1.0f});
    return r;
}

class ShadowPerLightType : public Render3DTest,
                          public ::testing::WithParamInterface<std::tuple<LightType, const char*>> {};

TEST_P(ShadowPerLightType, FallsBehindTheOccluderAndMovesWithTheLight) {
    const LightType type = std::get<0>(GetParam());
    const Render3DPath path(std::get<1>(GetParam()));
    for (bool mirrored : {false, true}) {
        SCOPED_TRACE(mirrored ? "light on the +X side" : "light on the -X side");
        engine().clear_chain();
        auto& r = occluder_scene(chain(), type, mirrored);
        render(2);
        ASSERT_FALSE(r.failed()) << r.error();
        const auto px = read(r);
        const float s = mirrored ? -1.0f : 1.0f;
        // Behind the box (away from the light) the floor is in shadow; in front it is lit.
        const float shadow = floor_at(px, s * 2.0f, 0.0f);
        const float lit = floor_at(px, -s * 1.8f, 0.0f);
        EXPECT_GT(lit, 0.15f) << "the lit floor is too dark to compare";
        EXPECT_LT(shadow, lit * 0.35f) << "shadow " << shadow << ", lit " << lit;
        // Beside the shadow (same distance from the light, off to the side) it is lit again.
        EXPECT_GT(floor_at(px, s * 2.0f, 2.5f), shadow * 2.0f);
        EXPECT_EQ(r.figures().shadow_passes, type == LightType::Point ? 6u : 1u);
    }
}

INSTANTIATE_TEST_SUITE_P(Render3D, ShadowPerLightType,
                         ::testing::Combine(::testing::Values(LightType::Directional, LightType::Spot,
                                                              LightType::Point),
                                            kBothPaths),
                         [](const auto& info) {
                             return std::string(kLightTypeLabels[int(std::get<0>(info.param))]) + "_" +
                                    std::get<1>(info.param);
                         });

// A wall's long shadow crosses from the first cascade into the second: just before and just after
// the boundary it is equally dark, and the lit floor beside it equally bright.
TEST_P(Render3DBothPaths, CascadedShadowIsContinuousAcrossTheBoundary) {
    const Extent size{240, 160};
    auto& r = chain().add<Render3D>("scene").size(size.width, size.height);
    r.background({0, 0, 0, 1}).ambient({0.02f, 0.02f, 0.02f}).tonemap(false);
    r.add(r.mesh(mesh::plane({60.0f, 60.0f})), "floor").color({0.8f, 0.8f, 0.8f, 1}).shading(Shading::BlinnPhong);
    r.add(r.mesh(mesh::box()), "wall").position({0.0f, 1.0f, -10.0f}).scale({0.5f, 2.0f, 40.0f});
    r.add_light(LightType::Directional, "sun").direction({1.0f, -1.0f, 0.0f}).intensity(1.0f).shadows(true)
        .cascades(2).shadow_map_size(2048).pcf(3);
    r.camera().perspective(50.0f, 0.1f, 60.0f).look_at({0.5f, 4.0f, 8.0f}, {1.0f, 0.0f, -10.0f});
    render(2);
    ASSERT_FALSE(r.failed()) << r.error();
    const auto px = read(r);

    // Where the first cascade ends: the same computation Render3D makes (shadows reach as far as the
    // scene's farthest corner).
    const glm::mat4 view = r.camera().view();
    const glm::mat4 proj = r.camera().projection(float(size.width) / float(size.height));
    float deepest = 0.0f;
    for (int i = 0; i < 8; ++i) {
        const glm::vec3 p{(i & 1) ? 30.0f : -30.0f, (i & 2) ? 2.0f : 0.0f, (i & 4) ? 30.0f : -30.0f};
        deepest = std::max(deepest, -(view * glm::vec4(p, 1.0f)).z);
    }
    const float boundary = render3d::cascade_splits(2, 0.1f, std::min(deepest, 60.0f))[0];
    // Floor points at x (in the shadow strip 0.25..2.25, or lit beyond it) whose view depth is
    // `depth`: march along -Z from the camera.
    auto pixel_at_depth = [&](float x, float depth, std::uint32_t& px_x, std::uint32_t& px_y) {
        for (float z = 8.0f; z > -50.0f; z -= 0.01f) {
            const glm::vec4 v = view * glm::vec4(x, 0.0f, z, 1.0f);
            if (-v.z < depth) continue;
            const glm::vec4 c = proj * v;
            px_x = std::uint32_t((c.x / c.w * 0.5f + 0.5f) * float(size.width));
            px_y = std::uint32_t((c.y / c.w * 0.5f + 0.5f) * float(size.height));
            return px_x < size.width && px_y < size.height;
        }
        return false;
    };
    float shade[2], light[2];
    for (int side = 0; side < 2; ++side) {
        const float depth = boundary * (side == 0 ? 0.97f : 1.03f);
        std::uint32_t x, y;
        ASSERT_TRUE(pixel_at_depth(1.25f, depth, x, y)) << "depth " << depth;
        shade[side] = luminance(px, x, y);
        ASSERT_TRUE(pixel_at_depth(4.0f, depth, x, y)) << "depth " << depth;
        light[side] = luminance(px, x, y);
    }
    EXPECT_LT(shade[0], light[0] * 0.35f) << "before the boundary: shadow " << shade[0] << ", lit " << light[0];
    EXPECT_LT(shade[1], light[1] * 0.35f) << "after the boundary: shadow " << shade[1] << ", lit " << light[1];
    EXPECT_NEAR(shade[0], shade[1], 0.05f);
    EXPECT_NEAR(light[0], light[1], 0.05f);
}

// The shadow-comprehensive fixture (4 shadowed lights of every type, 60+ objects, instancing,
// everything animated): after warm-up a frame creates nothing, allocates no descriptor set,
// writes no descriptor, submits once — and (without the layer, whose bookkeeping allocates)
// makes no heap allocation.
void run_comprehensive(runtime::Engine& engine, int frames, const std::function<void(int)>& each) {
    auto project = runtime::Project::load(source_dir() / "testing-fixtures" / "shadow-comprehensive");
    ASSERT_TRUE(project.ok()) << project.message();
    ASSERT_TRUE((*project)->setup(engine.context()).ok());
    const auto update = (*project)->entry().update;
    for (int i = 0; i < frames; ++i) {
        ASSERT_TRUE(engine.frame([&](Context& c) { update(c); }).ok());
        each(i);
    }
    engine.clear_chain();
}

TEST_P(Render3DBothPaths, ComprehensiveSceneSteadyFramesCreateNothing) {
    const bool forward = std::string_view(GetParam()) == "forward";
    restart(test_config({320, 180}));
    runtime::CounterSnapshot before{};
    // The compute path runs lane by lane on lavapipe (about a second a frame here): fewer frames.
    const int warm = forward ? 10 : 4, frames = forward ? 40 : 10;
    ASSERT_NO_FATAL_FAILURE(run_comprehensive(engine(), frames, [&](int i) {
        if (i == warm - 1) before = runtime::take_snapshot(engine().device().counters());
        if (i < warm) return;
        const auto& f = engine().stats().last();
        ASSERT_EQ(f.objects_created, 0u) << "frame " << i << ": " << f.to_string();
        ASSERT_EQ(f.submits, 1u) << "frame " << i;
        if (i == frames - 1) {
            const auto d = runtime::FrameCounters::between(before, runtime::take_snapshot(engine().device().counters()));
            std::printf("%d steady shadow-comprehensive frames: %s\n", frames - warm, d.to_string().c_str());
            EXPECT_EQ(d.objects_created, 0u) << d.to_string();
            EXPECT_EQ(d.descriptor_sets_allocated, 0u) << d.to_string();
            EXPECT_EQ(d.descriptor_writes, 0u) << d.to_string();
            EXPECT_EQ(d.pipelines_created, 0u) << d.to_string();
            EXPECT_EQ(d.submits, std::uint64_t(frames - warm)) << d.to_string();
            // 4 shadowed lights: 3 cascades + 1 spot + 2 x 6 cube faces = 16 shadow passes a frame.
            const auto& r = engine().chain().get<Render3D>("scene");
            EXPECT_EQ(r.figures().shadow_passes, 16u);
            EXPECT_EQ(r.figures().shadow_maps, 4u);
            EXPECT_GE(r.figures().instances, 50u);
            // Forward: each pass draws only the casters in its clip volume: far fewer than every
            // caster in all 16 (each cube face sees its own side of the point light), but some in
            // each. The compute rasterizer culls on the GPU: it is handed every caster.
            EXPECT_GT(r.figures().shadow_instances, 16u);
            if (forward) {
                EXPECT_LT(r.figures().shadow_instances, 16u * r.figures().instances / 2) << r.figures().shadow_instances;
            }
        }
    }));
}

// A GPU rasterizes in compute and lights the scene in a compute pass over a visibility buffer, a
// CPU device draws and lights it on the raster pipeline (LOOM_RENDER3D picks either anywhere).
// Both draw the comprehensive scene — every shading model, every light type shadowed, cascades,
// emissive, a floor reaching behind the camera — alike, and the compute path's steady frames
// create and write nothing either.
TEST_F(Render3DTest, ComputeAndForwardPathsDrawTheSceneAlike) {
    io::Pixels images[2];
    for (int compute = 0; compute < 2; ++compute) {
        const Render3DPath path(compute ? "compute" : "forward");
        restart(test_config({320, 180}));
        runtime::CounterSnapshot before{};
        ASSERT_NO_FATAL_FAILURE(run_comprehensive(engine(), 10, [&](int i) {
            if (i == 5) before = runtime::take_snapshot(engine().device().counters());
            if (i != 9) return;
            const auto d = runtime::FrameCounters::between(before, runtime::take_snapshot(engine().device().counters()));
            EXPECT_EQ(d.objects_created, 0u) << d.to_string();
            EXPECT_EQ(d.descriptor_writes, 0u) << d.to_string();
            EXPECT_EQ(d.submits, 4u) << d.to_string();
            images[compute] = read("scene");
            // Its passes' GPU times: shadow maps, main pass or visibility, (compute) lighting,
            // within its own.
            const auto& st = engine().chain().find("scene")->state();
            ASSERT_EQ(st.gpu_section_count, compute ? 3u : 2u);
            EXPECT_STREQ(st.gpu_sections[0].label, "shadow maps");
            EXPECT_STREQ(st.gpu_sections[1].label, compute ? "visibility" : "main pass (lit)");
            double sum = 0.0;
            for (std::uint32_t k = 0; k < st.gpu_section_count; ++k) {
                EXPECT_GT(st.gpu_sections[k].ms, 0.0) << st.gpu_sections[k].label;
                sum += st.gpu_sections[k].ms;
            }
            EXPECT_LE(sum, st.gpu_ms + 1e-6);
            EXPECT_GT(sum, 0.5 * st.gpu_ms);
        }));
    }
    ASSERT_EQ(images[0].width, images[1].width);
    ASSERT_FALSE(images[0].empty());
    // Where they differ: pixels on an edge between surfaces (the two rasterizers round a vertex's
    // position differently), depth interpolated in another order.
    std::size_t over = 0;
    double sum = 0.0, lit = 0.0;
    for (std::uint32_t y = 0; y < images[0].height; ++y)
        for (std::uint32_t x = 0; x < images[0].width; ++x) {
            float worst = 0.0f;
            for (int c = 0; c < 3; ++c) {
                const float diff = std::abs(images[0].at(x, y)[c] - images[1].at(x, y)[c]);
                worst = std::max(worst, diff);
                sum += diff;
                lit += images[1].at(x, y)[c];
            }
            if (worst > 8.0f / 255.0f) ++over;
        }
    const std::size_t pixels = std::size_t(images[0].width) * images[0].height;
    EXPECT_LT(over, pixels / 200) << over << " of " << pixels << " pixels differ by more than 8/255";
    EXPECT_LT(sum / double(pixels * 3), 0.5 / 255.0);
    EXPECT_GT(lit / double(pixels * 3), 0.1);  // a lit scene, not two empty images
}

TEST_F(Render3DTest, ComprehensiveSceneSteadyFramesMakeNoHeapAllocations) {
#ifdef LOOM_SANITIZE
    GTEST_SKIP() << "sanitizer builds keep ASan's operator new, so allocations are not counted";
#endif
    for (const char* p : {"forward", "compute"}) {
        SCOPED_TRACE(p);
        const Render3DPath path(p);
        auto cfg = test_config({320, 180});
        cfg.device.validation = false;
        ASSERT_NO_FATAL_FAILURE(restart(cfg));
        ASSERT_TRUE(runtime::HeapCounter::available());
        const bool compute = std::string_view(p) == "compute";  // a second a frame on lavapipe: fewer
        ASSERT_NO_FATAL_FAILURE(run_comprehensive(engine(), compute ? 12 : 40, [&](int i) {
            if (i >= (compute ? 4 : 10)) {
                ASSERT_EQ(engine().stats().last().heap_allocations, 0u) << "frame " << i;
            }
        }));
    }
}

// Changing a light's map size recreates its shadow map once, and nothing after.
TEST_P(Render3DBothPaths, ShadowMapIsRecreatedOnlyWhenItsSizeChanges) {
    auto& r = occluder_scene(chain(), LightType::Spot, false);
    render(3);
    auto objects = [&] { return engine().device().counters().created[std::size_t(gpu::ObjectKind::Image)]; };
    const auto images = objects();
    render(3);
    EXPECT_EQ(objects(), images);
    r.light(0).shadow_map_size(512);
    render(1);
    EXPECT_EQ(objects(), images + 1);
    render(3);
    EXPECT_EQ(objects(), images + 1);
}

fs::path write_file(const std::string& name, const std::string& text) {
    const fs::path dir = fs::temp_directory_path() / "loom-render3d-test";
    fs::create_directories(dir);
    std::ofstream(dir / name, std::ios::binary) << text;
    return dir / name;
}

// A corrupt mesh file: the operator fails with the file's name and what is wrong; the rest of the
// chain keeps rendering.
TEST_F(Render3DTest, CorruptObjAndGltfAreClearErrorsAndTheChainRuns) {
    const fs::path obj = write_file("broken.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 999\n");
    const fs::path gltf = write_file("broken.gltf", "{ \"asset\": {\"version\": \"2.0\"}, \"meshes\": [ {");
    for (const fs::path& file : {obj, gltf}) {
        SCOPED_TRACE(file.string());
        engine().clear_chain();
        auto& ok = chain().add<Noise>("noise");
        auto& r = chain().add<Render3D>("scene");
        if (file.extension() == ".obj") {
            r.add(r.load_mesh(file));
        } else {
            EXPECT_EQ(r.load_model(file), 0u);
        }
        chain().add<Composite>("out").inputs({&ok, &r});
        chain().output("out");
        render(2);
        EXPECT_TRUE(r.failed());
        EXPECT_NE(r.error().find(file.string()), std::string::npos) << r.error();
        EXPECT_NE(r.error().find("Fix:"), std::string::npos) << r.error();
        EXPECT_FALSE(ok.failed());
        const auto px = read(ok);
        EXPECT_FALSE(px.empty());
    }
}

// Too many lights or shadows, or a setting out of range — also for a single frame of update() —
// is logged once with the count and the fix; the scene is drawn within the limits and recovers.
TEST_F(Render3DTest, TooManyLightsOrShadowsAreLoggedAndDrawnWithinTheLimits) {
    auto& r = occluder_scene(chain(), LightType::Point, false);
    for (int i = 0; i < 4; ++i) r.add_light(LightType::Point).shadows(true).intensity(0.0f);
    render(1);
    EXPECT_FALSE(r.failed()) << r.error();
    EXPECT_NE(r.warning().find("5 lights casting shadows; at most 4"), std::string::npos) << r.warning();
    EXPECT_NE(r.warning().find("Fix:"), std::string::npos);
    EXPECT_EQ(r.figures().shadow_maps, 4u);
    // The first shadowed light still casts its shadow.
    auto px = read(r);
    EXPECT_LT(floor_at(px, 2.0f, 0.0f), floor_at(px, -1.8f, 0.0f) * 0.35f);
    for (std::size_t i = 1; i < r.light_count(); ++i) r.light(i).shadows(false);
    render(1);
    EXPECT_TRUE(r.warning().empty()) << r.warning();

    for (int i = 0; i < 8; ++i) r.add_light(LightType::Point).intensity(0.0f);
    render(1);
    EXPECT_FALSE(r.failed());
    EXPECT_NE(r.warning().find("13 enabled lights; at most 8"), std::string::npos) << r.warning();

    engine().clear_chain();
    auto& r3 = occluder_scene(chain(), LightType::Directional, false);
    r3.light(0).shadow_map_size(100000).pcf(4).cascades(9);
    render(1);
    EXPECT_FALSE(r3.failed());
    EXPECT_NE(r3.warning().find("cascades; 1 to 4"), std::string::npos) << r3.warning();
    EXPECT_EQ(r3.light(0).map_size(), 4096u);
    EXPECT_EQ(r3.light(0).pcf_kernel(), 5);
    EXPECT_EQ(r3.light(0).cascade_count(), 4);
    render(1);
    EXPECT_TRUE(r3.warning().empty()) << r3.warning();

    // Settings that point nowhere are said, not silently drawn as something else.
    r3.camera().perspective(50.0f, 10.0f, 1.0f);
    render(1);
    EXPECT_NE(r3.warning().find("0 < near < far"), std::string::npos) << r3.warning();
    r3.camera().orthographic(8.0f, 0.1f, 30.0f);
    r3.light(0).direction({0.0f, 0.0f, 0.0f});
    render(1);
    EXPECT_NE(r3.warning().find("points nowhere"), std::string::npos) << r3.warning();
    r3.light(0).direction({1.0f, -1.0f, 0.0f});
    r3.add(MeshId{42}, "ghost");
    render(1);
    EXPECT_NE(r3.warning().find("names mesh 42"), std::string::npos) << r3.warning();
    EXPECT_FALSE(r3.failed());
}

// A material's base-colour texture: a 2x2 checker on an unlit plane seen from above shows its four
// texels in the four quarters (opposite corners alike).
TEST_P(Render3DBothPaths, BaseColourTextureIsSampledAcrossTheMesh) {
    auto& r = chain().add<Render3D>("scene").size(kSide, kSide);
    r.background({0, 0, 0, 1}).tonemap(false);
    TextureData checker;
    checker.name = "checker";
    checker.width = checker.height = 2;
    checker.srgb = false;
    checker.rgba = {255, 0, 0, 255, 0, 0, 255, 255, 0, 0, 255, 255, 255, 0, 0, 255};
    const TextureId t = r.texture(checker);
    r.add(r.mesh(mesh::plane({8.0f, 8.0f})), "floor").shading(Shading::Unlit).color({1, 1, 1, 1}).texture(t);
    r.camera().orthographic(8.0f, 0.1f, 30.0f).look_at({0.0f, 10.0f, 0.0f}, {0.0f, 0.0f, 0.0f}, {0.0f, 0.0f, -1.0f});
    render(2);
    ASSERT_FALSE(r.failed()) << r.error();
    const auto px = read(r);
    auto at = [&](float x, float z) { return px.at(std::uint32_t(80.0f + 20.0f * x), std::uint32_t(80.0f + 20.0f * z)); };
    const float* a = at(-2.0f, -2.0f);
    const float* b = at(2.0f, -2.0f);
    const float* c = at(-2.0f, 2.0f);
    const float* d = at(2.0f, 2.0f);
    EXPECT_NEAR(a[0], d[0], 0.02f);
    EXPECT_NEAR(b[2], c[2], 0.02f);
    EXPECT_GT(std::abs(a[0] - b[0]), 0.9f);  // one quarter red, its neighbour blue
    EXPECT_NEAR(a[0] + a[2], 1.0f, 0.02f);
    EXPECT_NEAR(b[0] + b[2], 1.0f, 0.02f);
    EXPECT_TRUE(r.warning().empty()) << r.warning();
    // A texture id that was never registered is drawn without it, and said once.
    r.object(0).texture(TextureId{7});
    render(1);
    EXPECT_NE(r.warning().find("only 1 are registered"), std::string::npos) << r.warning();
}

// A normal map turns the shading normal along the surface's tangent: a flat map tilted 45 degrees
// towards the tangent (+X on a plane) shows as (0.71, 0.71, 0) in the normal output, on both paths.
TEST_P(Render3DBothPaths, NormalMapTurnsTheNormalAlongTheTangent) {
    auto& r = chain().add<Render3D>("scene").size(kSide, kSide);
    r.background({0, 0, 0, 1}).output(Render3DOutput::Normal);
    TextureData tilt;
    tilt.name = "tilt";
    tilt.width = tilt.height = 1;
    tilt.srgb = false;
    tilt.rgba = {218, 128, 218, 255};  // tangent space (0.71, 0, 0.71), as 0.5 + n / 2
    Material m;
    m.normal_texture = r.texture(tilt);
    r.add(r.mesh(mesh::plane({8.0f, 8.0f})), "floor").material(m);
    r.camera().orthographic(8.0f, 0.1f, 30.0f).look_at({0.0f, 10.0f, 0.0f}, {0.0f, 0.0f, 0.0f}, {0.0f, 0.0f, -1.0f});
    render(2);
    ASSERT_FALSE(r.failed()) << r.error();
    const auto px = read(r);  // kept: at() points into it
    const float* n = px.at(80, 80);
    EXPECT_NEAR(n[0], 0.5f + 0.5f * 0.7071f, 0.02f);
    EXPECT_NEAR(n[1], 0.5f + 0.5f * 0.7071f, 0.02f);
    EXPECT_NEAR(n[2], 0.5f, 0.02f);
}

// A mirrored transform (negative scale) still shows the mesh's outside: the box's top, seen from
// above, is lit like the unmirrored one's.
TEST_P(Render3DBothPaths, MirroredObjectsShowTheirOutside) {
    auto& r = occluder_scene(chain(), LightType::Directional, false);
    render(1);
    const float plain = floor_at(read(r), 0.0f, 0.0f);
    r.object(1).scale({-1.0f, 1.0f, 1.0f});
    render(1);
    const float mirrored = floor_at(read(r), 0.0f, 0.0f);
    EXPECT_GT(plain, 0.05f);
    EXPECT_NEAR(mirrored, plain, 0.02f);
}

// Render3D's output feeds 2D operators like any image, and depth / normal outputs are there too.
TEST_P(Render3DBothPaths, OutputFeedsTwoDimensionalOperatorsAndHasDepthAndNormals) {
    auto& r = occluder_scene(chain(), LightType::Directional, false);
    chain().add<Blur>("blur").input(r).sigma(2.0f);
    chain().output("blur");
    render(2);
    EXPECT_FALSE(chain().get<Blur>("blur").failed());
    const auto blurred = read("blur");
    EXPECT_GT(luminance(blurred, 40, 80), 0.05f);

    r.output(Render3DOutput::Depth);
    render(1);
    auto depth = read(r);
    // The box's top (2 m up) is nearer the camera (10 m up) than the floor.
    EXPECT_LT(luminance(depth, 80, 80), luminance(depth, 20, 20));
    r.output(Render3DOutput::Normal);
    render(1);
    auto normal = read(r);
    EXPECT_NEAR(normal.at(20, 20)[1], 1.0f, 0.02f);  // the floor faces +Y: green 1
}


// The rasterizers cover every pixel of a surface made of many small triangles at odd angles: no
// pixel between two triangles is left out (the background would show there). 20,000 triangles
// of about 2x2 pixels, turned 7 degrees, seen from above; normals out: all facing up.
TEST_P(Render3DBothPaths, AFinelyDividedSurfaceHasNoGaps) {
    auto& r = chain().add<Render3D>("scene").size(kSide, kSide);
    r.background({0, 0, 0, 1}).output(Render3DOutput::Normal);
    r.add(r.mesh(mesh::plane({12.0f, 12.0f}, 100)), "grid").rotation({0.0f, 7.0f, 0.0f});
    r.camera().orthographic(8.0f, 0.1f, 30.0f).look_at({0.0f, 10.0f, 0.0f}, {0.0f, 0.0f, 0.0f}, {0.0f, 0.0f, -1.0f});
    render(2);
    ASSERT_FALSE(r.failed()) << r.error();
    const auto px = read(r);
    std::size_t gaps = 0;
    for (std::uint32_t y = 0; y < kSide; ++y)
        for (std::uint32_t x = 0; x < kSide; ++x)
            if (px.at(x, y)[1] < 0.9f) ++gaps;
    EXPECT_EQ(gaps, 0u) << "pixels showing the background between triangles";
}

// The same in a shadow map: a finely divided roof over the floor (behind the camera, which looks
// down from under it) casts one unbroken shadow from a light straight above — a texel missed
// between two of its triangles would let light through.
TEST_P(Render3DBothPaths, AFinelyDividedCasterLetsNoLightThrough) {
    auto& r = chain().add<Render3D>("scene").size(kSide, kSide);
    r.background({0, 0, 0, 1}).ambient({0.02f, 0.02f, 0.02f}).tonemap(false);
    r.add(r.mesh(mesh::plane({20.0f, 20.0f})), "floor").color({0.8f, 0.8f, 0.8f, 1}).shading(Shading::BlinnPhong);
    r.add(r.mesh(mesh::plane({12.0f, 12.0f}, 100)), "roof").position({0.0f, 2.0f, 0.0f}).rotation({0.0f, 7.0f, 0.0f});
    r.add(r.mesh(mesh::box()), "post").position({6.5f, 0.5f, 0.0f});  // outside the roof: lit
    r.add_light(LightType::Directional, "sun").direction({0.0f, -1.0f, 0.0f}).intensity(1.0f).shadows(true)
        .cascades(1).shadow_map_size(1024).pcf(1);
    r.camera().orthographic(8.0f, 0.1f, 3.0f).look_at({0.0f, 1.6f, 0.0f}, {0.0f, 0.0f, 0.0f}, {0.0f, 0.0f, -1.0f});
    render(2);
    ASSERT_FALSE(r.failed()) << r.error();
    const auto px = read(r);
    float brightest = 0.0f;
    for (std::uint32_t y = 0; y < kSide; ++y)
        for (std::uint32_t x = 0; x < kSide; ++x) brightest = std::max(brightest, luminance(px, x, y));
    EXPECT_LT(brightest, 0.05f) << "light came through the roof";
    // Where nothing is above, the floor is lit: the roof's shadow, not a dark scene.
    r.object(1).visible(false);
    render(1);
    EXPECT_GT(floor_at(read(r), 0.0f, 0.0f), 0.3f);
}

// base64 of `bytes`, for a glTF buffer written as a data: URI.
std::string base64(const std::string& bytes) {
    static const char* kDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < 3; ++k) v = (v << 8) | (k < n ? std::uint8_t(bytes[i + k]) : 0u);
        for (std::size_t k = 0; k < 4; ++k) out += k <= n ? kDigits[(v >> (18 - 6 * k)) & 63] : '=';
    }
    return out;
}

// A square of side `side` in the XZ plane facing +Y, as OBJ text and as a glTF.
std::string square_obj(float side) {
    const std::string h = std::to_string(side / 2);
    return "v -" + h + " 0 -" + h + "\nv " + h + " 0 -" + h + "\nv " + h + " 0 " + h + "\nv -" + h + " 0 " + h +
           "\nvn 0 1 0\nf 1//1 3//1 2//1\nf 1//1 4//1 3//1\n";
}
std::string square_gltf(float side) {
    const float h = side / 2;
    const float pos[] = {-h, 0, -h, h, 0, -h, h, 0, h, -h, 0, h};
    const std::uint16_t idx[] = {0, 2, 1, 0, 3, 2};
    std::string bin(reinterpret_cast<const char*>(pos), sizeof pos);
    bin.append(reinterpret_cast<const char*>(idx), sizeof idx);
    return R"({"asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "indices": 1}]}],
        "buffers": [{"byteLength": 60, "uri": "data:application/octet-stream;base64,)" + base64(bin) + R"("}],
        "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": 48}, {"buffer": 0, "byteOffset": 48, "byteLength": 12}],
        "accessors": [{"bufferView": 0, "componentType": 5126, "count": 4, "type": "VEC3",
                       "min": [)" + std::to_string(-h) + ", 0, " + std::to_string(-h) + "], \"max\": [" +
           std::to_string(h) + ", 0, " + std::to_string(h) + R"(]},
                      {"bufferView": 1, "componentType": 5123, "count": 6, "type": "SCALAR"}]})";
}

// Mesh, model and texture files are read again when they change (a live session hands the
// changed file to the engine): the next frame shows the new geometry and picture; a damaged file
// is an error naming it and the last good data stays; a file broken from the start is drawn as
// nothing until it is fixed, and then the operator runs again.
TEST_P(Render3DBothPaths, MeshModelAndTextureFilesReloadAndADamagedOneKeepsTheLastGood) {
    const fs::path obj = write_file("square.obj", square_obj(6.0f));
    const fs::path gltf = write_file("square.gltf", square_gltf(1.0f));
    const fs::path png = fs::temp_directory_path() / "loom-render3d-test" / "paint.png";
    auto paint = [&](float r, float g, float b) {
        io::Pixels px;
        px.width = px.height = 2;
        px.rgba.assign(16, 1.0f);
        for (std::size_t i = 0; i < 16; i += 4) px.rgba[i] = r, px.rgba[i + 1] = g, px.rgba[i + 2] = b;
        ASSERT_TRUE(io::write_png(png, px).ok());
    };
    paint(1, 0, 0);
    auto& r = chain().add<Render3D>("scene").size(kSide, kSide);
    r.background({0, 0, 0, 1}).tonemap(false);
    const TextureId tex = r.load_texture(png, false);
    r.add(r.load_mesh(obj), "square").shading(Shading::Unlit).color({1, 1, 1, 1}).texture(tex);
    ASSERT_EQ(r.load_model(gltf, glm::mat4(1.0f), "model"), 1u);
    r.object(1).position({3.5f, 0.1f, 3.5f}).shading(Shading::Unlit).color({0, 1, 0, 1});
    r.camera().orthographic(8.0f, 0.1f, 30.0f).look_at({0.0f, 10.0f, 0.0f}, {0.0f, 0.0f, 0.0f}, {0.0f, 0.0f, -1.0f});
    render(2);
    ASSERT_FALSE(r.failed()) << r.error();
    auto at = [&](const io::Pixels& px, float x, float z) {
        return px.at(std::uint32_t(80.0f + 20.0f * x), std::uint32_t(80.0f + 20.0f * z));
    };
    auto px = read(r);
    EXPECT_GT(at(px, 2.5f, 0.0f)[0], 0.9f);   // the 6 m square, red
    EXPECT_GT(at(px, 3.5f, 3.5f)[1], 0.9f);   // the 1 m model, green
    EXPECT_LT(at(px, 3.5f, 2.8f)[1], 0.1f);   // beside it
    auto changed = [&](const fs::path& f) {
        const fs::path files[] = {f};
        return engine().files_changed(files);
    };

    // New geometry and a new picture.
    write_file("square.obj", square_obj(2.0f));
    EXPECT_EQ(changed(obj).reloaded, 1u);
    paint(0, 0, 1);
    EXPECT_EQ(changed(png).reloaded, 1u);
    write_file("square.gltf", square_gltf(2.0f));
    EXPECT_EQ(changed(gltf).reloaded, 1u);
    render(1);
    px = read(r);
    EXPECT_LT(at(px, 2.5f, 0.0f)[0] + at(px, 2.5f, 0.0f)[2], 0.1f) << "the square is 2 m now";
    EXPECT_GT(at(px, 0.0f, 0.0f)[2], 0.9f);   // and blue
    EXPECT_GT(at(px, 3.5f, 2.8f)[1], 0.9f);   // the model is 2 m too
    EXPECT_EQ(r.mesh_revision(), 2u);

    // Damaged: said with the file's name; the last good square stays and the operator runs.
    write_file("square.obj", "v 0 0 0\nf 1 2 9\n");
    auto bad = changed(obj);
    ASSERT_EQ(bad.errors.size(), 1u);
    EXPECT_NE(bad.errors[0].find(obj.string()), std::string::npos) << bad.errors[0];
    EXPECT_NE(bad.errors[0].find("last good"), std::string::npos) << bad.errors[0];
    write_file("square.gltf", "{ \"asset\": ");
    EXPECT_EQ(changed(gltf).errors.size(), 1u);
    render(1);
    EXPECT_FALSE(r.failed()) << r.error();
    EXPECT_GT(read(r).at(80, 80)[2], 0.9f);

    // chain.cpp saved while the OBJ is still broken: the new operator keeps the old one's square.
    auto swapped = engine().replace_chain([&](Context& c) -> Result<void> {
        auto& n = c.chain().add<Render3D>("scene").size(kSide, kSide);
        n.background({0, 0, 0, 1}).tonemap(false);
        n.add(n.load_mesh(obj), "square").shading(Shading::Unlit).color({1, 1, 1, 1});
        n.camera().orthographic(8.0f, 0.1f, 30.0f).look_at({0.0f, 10.0f, 0.0f}, {0.0f, 0.0f, 0.0f},
                                                          {0.0f, 0.0f, -1.0f});
        return {};
    });
    ASSERT_TRUE(swapped.ok()) << swapped.message();
    render(2);
    auto& kept = chain().get<Render3D>("scene");
    EXPECT_FALSE(kept.failed()) << kept.error();
    px = read(kept);
    EXPECT_GT(at(px, 0.0f, 0.0f)[0], 0.9f) << "the last good 2 m square, white";
    EXPECT_LT(at(px, 2.5f, 0.0f)[0], 0.1f);

    // Broken from the start: the operator fails until the file is fixed, then runs again.
    engine().clear_chain();
    write_file("late.obj", "v 0 0 0\nf 1 2 3\n");
    auto& late = chain().add<Render3D>("late").size(kSide, kSide);
    late.background({0, 0, 0, 1}).tonemap(false);
    late.add(late.load_mesh(fs::temp_directory_path() / "loom-render3d-test" / "late.obj"), "late")
        .shading(Shading::Unlit).color({1, 1, 0, 1});
    late.camera().orthographic(8.0f, 0.1f, 30.0f).look_at({0.0f, 10.0f, 0.0f}, {0.0f, 0.0f, 0.0f}, {0.0f, 0.0f, -1.0f});
    render(1);
    EXPECT_TRUE(late.failed());
    const fs::path late_file = write_file("late.obj", square_obj(4.0f));
    EXPECT_EQ(changed(late_file).reloaded, 1u);
    render(2);
    EXPECT_FALSE(late.failed()) << late.error();
    EXPECT_GT(read(late).at(80, 80)[0], 0.9f);

    // A model that failed in setup() has no objects to fill in later: fixing another file does
    // not hide it (the operator still fails with the model's error until chain.cpp is saved).
    engine().clear_chain();
    write_file("late.obj", "v 0 0 0\nf 1 2 3\n");
    const fs::path broken_model = write_file("broken-model.gltf", "{ \"asset\": ");
    auto& both = chain().add<Render3D>("both").size(kSide, kSide);
    both.add(both.load_mesh(late_file), "late");
    EXPECT_EQ(both.load_model(broken_model), 0u);
    render(1);
    EXPECT_TRUE(both.failed());
    write_file("late.obj", square_obj(4.0f));
    EXPECT_EQ(changed(late_file).reloaded, 1u);
    render(1);
    EXPECT_TRUE(both.failed());
    EXPECT_NE(both.error().find(broken_model.string()), std::string::npos) << both.error();
}

// Triangles larger than an invocation covers go to a queue and are drawn in tiles; when a queue is
// full, the triangles stage draws them itself. With room for all, none, one or three of them, the
// picture is the same, bit for bit, and
// the forward path's within rounding: a floor reaching far beyond the view and behind the camera
// (its corners clipped against the near plane and the guard band), a wall, a box across the
// near plane.
TEST_F(Render3DTest, LargeAndClippedTrianglesDrawAlikeEveryWay) {
    auto scene = [&](int frames) {
        engine().clear_chain();
        auto& r = chain().add<Render3D>("scene").size(200, 120);
        r.background({0, 0, 0, 1}).ambient({0.05f, 0.05f, 0.05f}).tonemap(false);
        r.add(r.mesh(mesh::plane({400.0f, 400.0f})), "floor").color({0.8f, 0.8f, 0.8f, 1});
        r.add(r.mesh(mesh::box()), "wall").position({0.0f, 2.0f, -12.0f}).scale({30.0f, 4.0f, 0.5f});
        r.add(r.mesh(mesh::box()), "near").position({0.6f, 1.0f, 4.95f}).scale({1.0f, 1.0f, 1.0f});
        r.add_light(LightType::Spot, "spot").position({-3.0f, 6.0f, 4.0f}).direction({0.5f, -1.0f, -0.8f})
            .cone(30.0f, 40.0f).range(40.0f).intensity(60.0f).shadows(true);
        r.camera().perspective(60.0f, 0.1f, 200.0f).look_at({0.0f, 1.0f, 5.0f}, {0.0f, 0.8f, -10.0f});
        render(frames);
        EXPECT_FALSE(r.failed()) << r.error();
        return read(r);
    };
    auto sections = [&] {
        const auto& st = chain().find("scene")->state();
        return st.gpu_section_count > 1 ? std::string(st.gpu_sections[1].label) : std::string();
    };
    io::Pixels queued, forward;
    std::vector<io::Pixels> fewer;  // queues of 0, 1 and 3 records: none, some and most drawn the slow way
    {
        const Render3DPath path("compute");
        if (!engine().device().has_int64_atomics()) GTEST_SKIP() << "no 64-bit buffer atomics";
        queued = scene(4);  // the queue counters come back a few frames late
        EXPECT_EQ(sections(), "visibility") << "not the compute path";
        const auto& r = chain().get<Render3D>("scene");
        EXPECT_GT(r.figures().queued_triangles, 3u) << "nothing went to the tiles stage";
        const std::uint32_t all = r.figures().queued_triangles;
        for (const char* records : {"0", "1", "3"}) {
            setenv("LOOM_RENDER3D_QUEUE", records, 1);
            fewer.push_back(scene(1));
        }
        // A queue that was full grows: a few frames later every large triangle fits again.
        setenv("LOOM_RENDER3D_QUEUE", "1", 1);
        scene(8);
        unsetenv("LOOM_RENDER3D_QUEUE");
        EXPECT_EQ(chain().get<Render3D>("scene").figures().queued_triangles, all);
    }
    {
        const Render3DPath path("forward");
        forward = scene(1);
    }
    ASSERT_FALSE(queued.empty());
    std::size_t differ = 0, far_off = 0;
    double lit = 0.0;
    for (std::uint32_t y = 0; y < queued.height; ++y)
        for (std::uint32_t x = 0; x < queued.width; ++x)
            for (int c = 0; c < 4; ++c) {
                const float a = queued.at(x, y)[c];
                for (const io::Pixels& f : fewer)
                    if (a != f.at(x, y)[c]) ++differ;
                if (std::abs(a - forward.at(x, y)[c]) > 8.0f / 255.0f) ++far_off;
                lit += c < 3 ? a : 0.0;
            }
    EXPECT_EQ(differ, 0u) << "channels that differ between large triangles queued and drawn the slow way";
    EXPECT_LT(far_off, std::size_t(queued.width) * queued.height * 4 / 100) << "channels off the forward path's";
    EXPECT_GT(lit / (double(queued.width) * queued.height * 3), 0.05);
}

INSTANTIATE_TEST_SUITE_P(Render3D, Render3DBothPaths, kBothPaths, path_name);

}  // namespace
}  // namespace loom::test
