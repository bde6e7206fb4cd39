#include <gtest/gtest.h>

#include <loom/loom.hpp>

using namespace loom;

TEST(Params, OperatorsListTheirParameters) {
    Noise n;
    ASSERT_NE(n.param("scale"), nullptr);
    EXPECT_EQ(n.param("scale")->type(), ParamType::Float);
    EXPECT_EQ(n.param("octaves")->type(), ParamType::Int);
    EXPECT_EQ(n.param("type")->type(), ParamType::Enum);
    EXPECT_EQ(n.param("type")->labels().size(), 4u);
    EXPECT_EQ(n.param("offset")->components(), 2);
    EXPECT_EQ(n.param("nope"), nullptr);
    EXPECT_GE(n.params().size(), 9u);
}

TEST(Params, SettersClampToTheRange) {
    Noise n;
    n.octaves(12);  // max 8
    float v;
    n.param("octaves")->get_floats(&v);
    EXPECT_EQ(v, 8.0f);
    EXPECT_EQ(n.param("octaves")->clamp_count(), 1u);
    n.octaves(3);
    n.param("octaves")->get_floats(&v);
    EXPECT_EQ(v, 3.0f);
    EXPECT_EQ(n.param("octaves")->clamp_count(), 1u);

    Blur b;
    b.sigma(-5.0f);
    b.param("sigma")->get_floats(&v);
    EXPECT_EQ(v, 0.0f);
    b.sigma(std::numeric_limits<float>::quiet_NaN());  // NaN becomes the minimum, never propagates
    b.param("sigma")->get_floats(&v);
    EXPECT_EQ(v, 0.0f);
}

TEST(Params, VectorsClampPerComponent) {
    Noise n;
    n.color_b({2.0f, -1.0f, 100.0f, 0.5f});
    float v[4];
    n.param("color_b")->get_floats(v);
    EXPECT_EQ(v[0], 2.0f);
    EXPECT_EQ(v[1], 0.0f);
    EXPECT_EQ(v[2], 64.0f);
    EXPECT_EQ(v[3], 0.5f);
}

TEST(Params, EnumsClampAndRoundTripThroughFloats) {
    Composite c;
    float f = 3.0f;
    c.param("mode")->set_floats(&f);
    float g;
    c.param("mode")->get_floats(&g);
    EXPECT_EQ(g, 3.0f);
    f = 99.0f;
    c.param("mode")->set_floats(&f);
    c.param("mode")->get_floats(&g);
    const float last = float(std::size(kBlendLabels) - 1);
    EXPECT_EQ(g, last);  // the last mode
    f = std::numeric_limits<float>::infinity();
    c.param("mode")->set_floats(&f);
    c.param("mode")->get_floats(&g);
    EXPECT_EQ(g, last);
}

TEST(Params, ResetRestoresTheDefault) {
    Level l;
    l.gamma(3.0f);
    l.param("gamma")->reset();
    float v;
    l.param("gamma")->get_floats(&v);
    EXPECT_EQ(v, 1.0f);
}
