// The Shader operator: a project's own compute shader, its inputs and its named values.

#include <stdexcept>
#include <string>

#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

class ShaderOp : public ProjectFolderTest {};

// Values of every type arrive under their names (also names Loom's own GLSL uses inside its
// functions, like seed, and single letters); set() changes them the next frame.
TEST_F(ShaderOp, ValuesArriveByNameAndSetChangesThem) {
    write("values.comp", R"(#version 460
#include <loom/shader.glsl>
vec4 loom_effect(vec2 uv, ivec2 pixel) {
    return vec4(amount, centre.y, tint.z, glow.w) + vec4(seed + a + x);
}
)");
    auto& s = chain().add<Shader>("s").file("values.comp");
    s.value("amount", 0.25f).value("centre", glm::vec2(0.5f, 0.125f)).value("tint", glm::vec3(0.0f, 0.0f, 0.75f));
    s.value("glow", glm::vec4(0.0f, 0.0f, 0.0f, 0.5f)).value("seed", 0.0f).value("a", 0.0f).value("x", 0.0f);
    render();
    auto px = read("s");
    ASSERT_FALSE(chain().find("s")->failed()) << chain().find("s")->error();
    EXPECT_NEAR(px.at(10, 10)[0], 0.25f, 1e-3f);
    EXPECT_NEAR(px.at(10, 10)[1], 0.125f, 1e-3f);
    EXPECT_NEAR(px.at(10, 10)[2], 0.75f, 1e-3f);
    EXPECT_NEAR(px.at(10, 10)[3], 0.5f, 1e-3f);
    s.set("amount", 0.5f).set("centre", glm::vec2(0.0f, 2.0f));  // 2 is clamped to the range's 1
    render();
    px = read("s");
    EXPECT_NEAR(px.at(10, 10)[0], 0.5f, 1e-3f);
    EXPECT_NEAR(px.at(10, 10)[1], 1.0f, 1e-3f);
    // The values are parameters: the editor and params.json see them.
    ASSERT_NE(s.param("amount"), nullptr);
    EXPECT_EQ(s.param("tint")->components(), 3);
}

// Two inputs sampled by name, and the clock: a golden image of a warp of noise by a gradient.
TEST_F(ShaderOp, InputsAndClockGolden) {
    write("warp.comp", R"(#version 460
#include <loom/shader.glsl>
vec4 loom_effect(vec2 uv, ivec2 pixel) {
    vec2 offset = (texture(input1, uv).rg - 0.5) * amount;
    vec4 c = texture(input0, uv + offset);
    return vec4(c.rgb * tint + 0.1 * loom_perlin(vec3(uv * 4.0, loom_time), 2u), 1.0);
}
)");
    auto& noise = chain().add<Noise>("noise").scale(4.0f);
    auto& grad = chain().add<Gradient>("grad").type(GradientType::Radial).color_a({0, 0, 0, 1}).color_b({1, 1, 0, 1});
    auto& warp = chain().add<Shader>("warp").file("warp.comp").input(noise);
    warp.input(1, grad);
    warp.value("amount", 0.3f).value("tint", glm::vec3(1.0f, 0.6f, 0.3f));
    chain().output("warp");
    render(3);
    ASSERT_FALSE(warp.failed()) << warp.error();
    expect_golden(read("warp"), "shader_warp");
}

// A GLSL error fails that operator with file:line; the rest of the chain runs. Fixed, it works.
TEST_F(ShaderOp, GlslErrorFailsTheOperatorWithFileAndLine) {
    write("bad.comp", "#version 460\n#include <loom/shader.glsl>\nvec4 loom_effect(vec2 uv, ivec2 pixel) {\n"
                      "    return vec4(amout);\n}\n");
    chain().add<SolidColor>("solid").color({0.1f, 0.2f, 0.3f, 1.0f});
    auto& s = chain().add<Shader>("bad").file("bad.comp").value("amount", 0.5f);
    chain().add<Composite>("out").inputs({&chain().get<SolidColor>("solid"), &s});
    chain().output("out");
    render();
    ASSERT_TRUE(s.failed());
    EXPECT_NE(s.error().find("bad.comp:4"), std::string::npos) << s.error();
    EXPECT_NE(s.error().find("amout"), std::string::npos) << s.error();
    EXPECT_FALSE(chain().find("out")->failed());

    // One of Loom's own shaders: refused (Loom's folder is searched first), not silently used.
    auto& own = chain().add<Shader>("own").file("effects/hsv.comp");
    chain().output("own");
    render();
    EXPECT_NE(own.error().find("names one of Loom's own shaders"), std::string::npos) << own.error();

    // A file that is nowhere: says where a project's shader goes.
    auto& missing = chain().add<Shader>("missing").file("nosuch.comp");
    chain().output("missing");
    render();
    EXPECT_NE(missing.error().find("a project's own shader goes in the project folder"), std::string::npos)
        << missing.error();

    // No file at all: says how to give one.
    auto& none = chain().add<Shader>("none");
    chain().output("none");
    render();
    EXPECT_NE(none.error().find(".file(\"effect.comp\")"), std::string::npos) << none.error();
}

TEST_F(ShaderOp, BadNamesAndUnknownValuesThrowWithTheFix) {
    auto& s = chain().add<Shader>("s");
    auto message = [](auto&& fn) {
        try {
            fn();
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("(nothing thrown)");
    };
    EXPECT_NE(message([&] { s.value("2fast", 1.0f); }).find("cannot name a value in GLSL"), std::string::npos);
    EXPECT_NE(message([&] { s.value("loom_time", 1.0f); }).find("cannot name a value"), std::string::npos);
    EXPECT_NE(message([&] { s.value("input0", 1.0f); }).find("cannot name a value"), std::string::npos);
    for (const char* reserved : {"mix", "float", "main", "uv", "pixel", "texture"})
        EXPECT_NE(message([&] { s.value(reserved, 1.0f); }).find("cannot name a value"), std::string::npos) << reserved;
    s.value("amount", 0.5f);
    const std::string unknown = message([&] { s.set("amout", 1.0f); });
    EXPECT_NE(unknown.find("Shader 's' has no value 'amout' (its values: amount)"), std::string::npos) << unknown;
    EXPECT_NE(message([&] { s.set("amount", glm::vec2(1.0f)); }).find("has 1 component(s), set with 2"),
              std::string::npos);
    EXPECT_NE(message([&] { s.value("amount", glm::vec3(1.0f)); }).find("declared twice with different types"),
              std::string::npos);
    for (const char* n : {"b", "c", "d", "e", "f", "g"}) s.value(n, 0.0f);
    EXPECT_NE(message([&] { s.value("h", 0.0f); }).find("at most 7"), std::string::npos);
}

// Values changing every frame create nothing and write no descriptor.
TEST_F(ShaderOp, ChangingValuesEveryFrameCreatesNothing) {
    write("pulse.comp", R"(#version 460
#include <loom/shader.glsl>
vec4 loom_effect(vec2 uv, ivec2 pixel) { return texture(input0, uv) * amount; }
)");
    chain().add<Noise>("noise");
    chain().add<Shader>("pulse").file("pulse.comp").input("noise").value("amount", 1.0f);
    auto animate = [](Context& ctx) {
        ctx.chain().get<Shader>("pulse").set("amount", float(ctx.frame() % 10) / 10.0f);
    };
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(engine().frame(animate).ok());
    const auto before = runtime::take_snapshot(engine().device().counters());
    for (int i = 0; i < 30; ++i) ASSERT_TRUE(engine().frame(animate).ok());
    const auto d = runtime::FrameCounters::between(before, runtime::take_snapshot(engine().device().counters()));
    EXPECT_EQ(d.objects_created, 0u) << d.to_string();
    EXPECT_EQ(d.descriptor_writes, 0u) << d.to_string();
    EXPECT_EQ(d.submits, 30u) << d.to_string();
}

}  // namespace
}  // namespace loom::test
