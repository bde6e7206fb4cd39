// The operator registry: every operator of the build is there once, under its own type, with
// parameters whose defaults lie in their ranges (what `loom operators` and docs/OPERATORS.md show).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>

#include <loom/effects/effects.hpp>
#include <loom/operator_registry.hpp>

namespace loom {
namespace {

TEST(OperatorRegistry, EveryOperatorIsRegisteredOnceUnderItsOwnType) {
    const char* expected[] = {
        "BarrelDistortion", "Bloom", "Clock", "LFO", "Logic", "Math", "Echo", "FrameCache", "TimeMachine", "Downsample", "Text", "Particles", "PointSprites",  "Blur",       "ChannelMix", "ChromaticAberration", "Composite", "Crop",
        "CRT",              "Displace", "Dither",   "Edge",       "Feedback",            "FilmGrain", "Flash",
        "Gradient",         "HSV",    "Image",    "Invert",     "Kaleidoscope", "Level",             "Lookup",    "Mask",
        "Mirror",           "Noise",  "Pattern",    "Pixelate",   "Quantize",            "Scanlines", "Shader",
        "Shape",            "Sharpen", "SolidColor", "Switch",    "Threshold",           "Tile",      "Transform",
        "Vignette"};
    std::set<std::string> seen;
    for (const OperatorInfo* info : registered_operators()) {
        SCOPED_TRACE(info->type);
        EXPECT_TRUE(seen.insert(info->type).second) << "registered twice";
        ASSERT_NE(info->make, nullptr);
        const auto op = info->make();
        ASSERT_NE(op, nullptr);
        EXPECT_STREQ(op->type_name(), info->type);
        const std::set<std::string_view> categories = {"generator", "filter", "composite", "retro",
                                                       "temporal",  "value",  "3d",        "custom"};
        EXPECT_TRUE(categories.count(info->category)) << info->category;
        const std::string_view summary = info->summary;
        EXPECT_FALSE(summary.empty());
        EXPECT_EQ(summary.back(), '.') << summary;
        // Only an operator that needs a project's files goes without an example.
        EXPECT_EQ(info->example == nullptr, std::string_view(info->category) == "custom");
        EXPECT_GE(info->example_frames, 1);
        EXPECT_EQ(find_operator_info(info->type), info);
    }
    for (const char* type : expected) EXPECT_TRUE(seen.count(type)) << type << " is not registered";
    EXPECT_EQ(find_operator_info("NoSuchOperator"), nullptr);
}

TEST(OperatorRegistry, ListedInCategoryOrderThenByType) {
    const auto infos = registered_operators();
    ASSERT_GT(infos.size(), 1u);
    const std::string_view order[] = {"generator", "filter", "composite", "retro", "temporal", "value", "3d", "custom"};
    auto rank = [&](std::string_view c) { return std::find(std::begin(order), std::end(order), c) - std::begin(order); };
    for (std::size_t i = 1; i < infos.size(); ++i) {
        const auto a = rank(infos[i - 1]->category), b = rank(infos[i]->category);
        EXPECT_LE(a, b) << infos[i]->type;
        if (a == b) {
            EXPECT_LT(std::string_view(infos[i - 1]->type), std::string_view(infos[i]->type));
        }
    }
}

TEST(OperatorRegistry, ParameterDefaultsLieInTheirRangesAndNamesAreUnique) {
    for (const OperatorInfo* info : registered_operators()) {
        const auto op = info->make();
        std::set<std::string> names;
        for (const ParamBase* p : op->params()) {
            SCOPED_TRACE(std::string(info->type) + "." + p->name());
            EXPECT_TRUE(names.insert(p->name()).second) << "two parameters share the name";
            float def[4], lo[4], hi[4], now[4];
            p->default_floats(def);
            p->min_floats(lo);
            p->max_floats(hi);
            p->get_floats(now);
            for (int i = 0; i < p->components(); ++i) {
                EXPECT_LE(lo[i], def[i]);
                EXPECT_LE(def[i], hi[i]);
                EXPECT_EQ(now[i], def[i]) << "a new operator holds its defaults";
            }
            if (p->type() == ParamType::Enum) {
                EXPECT_GE(p->labels().size(), 2u);
            }
        }
        EXPECT_GE(op->max_inputs(), op->min_inputs());
        EXPECT_LE(op->max_inputs(), kMaxOperatorInputs);
    }
}

}  // namespace
}  // namespace loom
