// kaleidoscope: drifting coloured noise seen through mirrors, a 60-degree slice reflected into six sectors.
#include <cmath>
#include <string>

#include <loom/loom.hpp>

using namespace loom;

namespace {
constexpr int kTurns = 3;  // the slice is a bow-tie (two opposite sectors): three turns make six
std::string turn_name(int i) {
    return "turn" + std::to_string(i);
}
}  // namespace

void setup(Context& ctx) {
    auto& chain = ctx.chain();

    // The coloured glass: crisp noise, tinted by a slower noise between two other colours.
    // Made at half size: the mirror below shrinks it by half again, so it stays sharp.
    auto& shapes = chain.add<Noise>("shapes")
                       .type(NoiseType::Simplex)
                       .relative_size(0.5f)
                       .scale(1.6f)
                       .octaves(5)
                       .speed(0.25f);
    auto& pieces = chain.add<Level>("pieces").input(shapes).contrast(4.0f);
    auto& tint = chain.add<Noise>("tint")
                     .relative_size(0.5f)
                     .scale(1.0f)
                     .octaves(2)
                     .speed(0.1f)
                     .seed(7)
                     .color_a({1.0f, 0.15f, 0.4f, 1.0f})
                     .color_b({0.1f, 0.6f, 1.0f, 1.0f});
    auto& glass = chain.add<Composite>("glass").inputs({&pieces, &tint}).mode(Blend::Multiply);
    auto& hue = chain.add<HSV>("hue").input(glass).saturation(1.3f);

    // Two mirrors along the centre lines: shrink the glass to half size and slide it so its
    // corner sits in the middle; the mirror wrap fills the rest with reflections.
    auto& mirror = chain.add<Transform>("mirror")
                       .input(hue)
                       .relative_size(2.0f)
                       .scale(0.5f)
                       .translate({0.25f, 0.25f})
                       .wrap(Wrap::Mirror);

    // The slice: a bow-tie reaching 30 degrees either side of the horizontal. Each of its edges
    // is a white card slid so one side runs through the centre, then turned 60 degrees; where
    // exactly one card lies (their difference) is the bow-tie. Drawn at half size: that only
    // softens its edges a little, where neighbouring sectors blend into each other anyway.
    auto& white = chain.add<SolidColor>("white").relative_size(0.5f).color({1.0f, 1.0f, 1.0f, 1.0f});
    auto& black = chain.add<SolidColor>("black").size(1, 1).color({0.0f, 0.0f, 0.0f, 1.0f});
    auto card = [&](const char* name, glm::vec2 side, float degrees) -> Operator& {
        auto& turned = chain.add<Transform>(std::string(name) + "_turned")
                           .input(white)
                           .pivot(side)                       // the card's side ...
                           .translate({0.5f - side.x, 0.0f})  // ... moved to the centre
                           .scale(2.1f)                       // big enough to cover half the screen
                           .rotate(degrees)
                           .wrap(Wrap::Transparent);
        // Adding opaque black keeps the soft edge but makes it opaque, so the difference below
        // blends the two edges exactly (a see-through edge would be faded twice).
        return chain.add<Composite>(name).inputs({&turned, &black}).mode(Blend::Add);
    };
    auto& card_a = card("card_a", {0.0f, 0.5f}, 60.0f);
    auto& card_b = card("card_b", {1.0f, 0.5f}, -60.0f);
    auto& wedge = chain.add<Composite>("wedge").inputs({&card_a, &card_b}).mode(Blend::Difference);
    auto& slice = chain.add<Composite>("slice").inputs({&mirror, &wedge}).mode(Blend::Multiply);

    // The slice turned 0, 60 and 120 degrees and added: six sectors, each the mirror image of
    // its neighbours, meeting without seams.
    auto& out = chain.add<Composite>("out").mode(Blend::Add);
    for (int i = 0; i < kTurns; ++i) {
        auto& turn = chain.add<Transform>(turn_name(i)).input(slice).rotate(60.0f * static_cast<float>(i));
        out.input(static_cast<std::size_t>(i), turn);
    }
    chain.output(out);
}

void update(Context& ctx) {
    const auto t = static_cast<float>(ctx.time());
    auto& chain = ctx.chain();
    // The glass drifts under the mirrors and the tint the other way; the hue walks round slowly.
    chain.get<Noise>("shapes").offset({t * 0.12f, t * 0.05f});
    chain.get<Noise>("tint").offset({-t * 0.05f, t * 0.03f});
    chain.get<HSV>("hue").hue_shift(std::fmod(t * 0.02f, 1.0f));
}

LOOM_CHAIN(setup, update)
