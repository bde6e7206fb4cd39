// params.json: what the editor writes reads back the same; a hand-edited file of the wrong shape
// is an error or skipped entries, never a NaN or an exception.
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "addons/editor/params_file.hpp"

namespace loom::editor {
namespace {

TEST(ParamsFile, WrittenValuesReadBackTheSame) {
    std::vector<ParamValue> values = {{"blur", "sigma", 1, {12.5f}}, {"hsv", "tint", 3, {1.0f, 0.1f, 1e-7f}}};
    auto r = parse_params(format_params(values));
    ASSERT_TRUE(r) << r.message();
    ASSERT_EQ(r->size(), 2u);
    EXPECT_EQ((*r)[0].op, "blur");
    EXPECT_EQ((*r)[0].v[0], 12.5f);
    EXPECT_EQ((*r)[1].components, 3);
    EXPECT_EQ((*r)[1].v[1], 0.1f);
    EXPECT_EQ((*r)[1].v[2], 1e-7f);
}

TEST(ParamsFile, EntriesOfTheWrongShapeAreSkipped) {
    auto r = parse_params(R"({"a": {"x": [1, "two"], "y": [], "z": [1, 2, 3, 4, 5], "w": 3, "ok": [2]}, "b": 7})");
    ASSERT_TRUE(r) << r.message();
    ASSERT_EQ(r->size(), 1u);
    EXPECT_EQ((*r)[0].param, "ok");
}

TEST(ParamsFile, NumbersBeyondAFloatSaturateInsteadOfBecomingInfinite) {
    auto r = parse_params(R"({"a": {"x": [1e300, -1e300, 1e-300]}})");
    ASSERT_TRUE(r) << r.message();
    ASSERT_EQ(r->size(), 1u);
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(std::isfinite((*r)[0].v[i])) << i;
    EXPECT_GT((*r)[0].v[0], 1e38f);
    EXPECT_LT((*r)[0].v[1], -1e38f);
}

TEST(ParamsFile, NotJsonOrNotAnObjectIsAnErrorThatSaysSo) {
    auto broken = parse_params(R"({"a": {"x": [1, 2)");
    ASSERT_FALSE(broken);
    EXPECT_NE(broken.message().find("not valid JSON"), std::string::npos) << broken.message();
    auto array = parse_params("[1, 2, 3]");
    ASSERT_FALSE(array);
    EXPECT_NE(array.message().find("array, not an object"), std::string::npos) << array.message();
}

}  // namespace
}  // namespace loom::editor
