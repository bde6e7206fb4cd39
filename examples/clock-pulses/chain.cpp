// clock-pulses: a 120 BPM visual metronome: a flash and a ring on every beat, biggest on each bar's first.
#include <cmath>
#include <string>

#include <loom/loom.hpp>

using namespace loom;

namespace {

constexpr double kBpm = 120.0;
constexpr int kBeatsPerBar = 4;
constexpr float kTau = 6.2831853f;
constexpr float kDialRadius = 0.3f;  // where the markers sit, in canvas heights

const glm::vec3 kDownbeatColor{1.0f, 0.45f, 0.12f};  // warm: the first beat of the bar
const glm::vec3 kBeatColor{0.2f, 0.55f, 1.0f};       // cool: the other beats

std::string marker_name(int i) {
    return "marker" + std::to_string(i);
}

// Where the music is at a given time.
struct Beat {
    int in_bar = 0;      // 0 .. kBeatsPerBar-1; 0 is the bar's first beat (the downbeat)
    float phase = 0.0f;  // 0 on the beat, rising to 1 just before the next
};

Beat beat_at(double seconds) {
    const double beats = seconds * kBpm / 60.0;
    const double whole = std::floor(beats);
    return {static_cast<int>(static_cast<long long>(whole) % kBeatsPerBar),
            static_cast<float>(beats - whole)};
}

}  // namespace

void setup(Context& ctx) {
    auto& chain = ctx.chain();

    // The core: a soft disc in the centre; update() sets its size and brightness from the beat.
    // It, the markers and their echoes are all soft, so they are drawn at half size (a quarter
    // of the pixels); the composite at the end scales them up.
    auto& core = chain.add<Gradient>("core")
                     .type(GradientType::Radial)
                     .relative_size(0.5f)
                     .color_b({0.0f, 0.0f, 0.0f, 1.0f});

    // One marker per beat of the bar, round the core like the hours of a clock.
    auto& scene = chain.add<Composite>("scene").mode(Blend::Add);
    scene.input(0, core);
    for (int i = 0; i < kBeatsPerBar; ++i) {
        auto& marker = chain.add<Gradient>(marker_name(i))
                           .type(GradientType::Radial)
                           .relative_size(0.5f)
                           .radius(0.03f)
                           .color_b({0.0f, 0.0f, 0.0f, 1.0f});
        scene.input(static_cast<std::size_t>(i + 1), marker);
    }

    // Echoes: every frame the previous one, a little larger, turned and dimmer, under the new
    // one: each flash of the core spreads into a halo and the lit marker leaves a comet tail.
    auto& echo = chain.add<Feedback>("echo")
                     .input(scene)
                     .mode(FeedbackMode::Max)
                     .decay(0.92f)
                     .scale(1.02f)
                     .rotate(0.8f);

    // The ring sent out on each beat: a ramp rising from the centre to the ring, which Level
    // steepens (0 at two thirds of the way, 1 at the ring) and raises to the tenth power, times
    // a cone falling from the centre to just outside the ring: a sharp outer edge with a short
    // glow inside.
    auto& hole_ramp = chain.add<Gradient>("hole_ramp").type(GradientType::Radial);
    auto& hole = chain.add<Level>("hole").input(hole_ramp).brightness(-0.25f).contrast(2.0f).gamma(0.1f);
    auto& cone = chain.add<Gradient>("cone").type(GradientType::Radial).color_b({0.0f, 0.0f, 0.0f, 1.0f});
    auto& ring = chain.add<Composite>("ring").inputs({&hole, &cone}).mode(Blend::Multiply);

    // The hand sweeps round once a bar, passing each marker on its beat: an angular ramp raised
    // to the tenth power (a bright edge with a fading trail behind), times a disc that fades
    // outwards so the hand tapers off before the markers.
    auto& sweep_ramp = chain.add<Gradient>("sweep_ramp").type(GradientType::Angular);
    auto& sweep = chain.add<Level>("sweep").input(sweep_ramp).gamma(0.1f);
    auto& reach = chain.add<Gradient>("reach")
                      .type(GradientType::Radial)
                      .radius(kDialRadius + 0.04f)
                      .color_a({0.7f, 0.85f, 1.0f, 1.0f})
                      .color_b({0.0f, 0.0f, 0.0f, 1.0f});
    auto& hand = chain.add<Composite>("hand").inputs({&sweep, &reach}).mode(Blend::Multiply);

    // The dial: a radial ramp repeated twice, so it rises to white at the markers' circle and
    // again at twice that; raised to the tenth power it leaves two thin rims, each with a soft
    // glow inside. (0.83, 0.89, 0.95) to the tenth is a dim blue: (0.15, 0.3, 0.6).
    auto& dial_ramp = chain.add<Gradient>("dial_ramp")
                          .type(GradientType::Radial)
                          .radius(2.0f * kDialRadius)
                          .repeat(2.0f)
                          .color_b({0.83f, 0.89f, 0.95f, 1.0f});
    auto& dial = chain.add<Level>("dial").input(dial_ramp).gamma(0.1f);

    auto& clock = chain.add<Composite>("clock").inputs({&dial, &echo, &ring, &hand}).mode(Blend::Add);
    chain.add<Bloom>("glow").input(clock).threshold(0.5f).knee(0.5f).intensity(1.5f).radius(0.7f);
    chain.output("glow");
}

void update(Context& ctx) {
    auto& chain = ctx.chain();
    const Beat beat = beat_at(ctx.time());
    const bool downbeat = beat.in_bar == 0;
    const glm::vec3 tone = downbeat ? kDownbeatColor : kBeatColor;
    const float strength = downbeat ? 1.0f : 0.55f;
    // A pulse that jumps to 1 on the beat and decays well before the next.
    const float pulse = std::exp(-beat.phase * 5.0f);

    // The core jumps in size and brightness on the beat and settles back.
    chain.get<Gradient>("core")
        .radius(0.07f + 0.09f * strength * pulse)
        .color_a({tone * (0.4f + 2.5f * strength * pulse), 1.0f});

    // The ring races out and slows (its radius eases out), fading as it goes.
    const float radius = 0.05f + 0.75f * strength * (1.0f - (1.0f - beat.phase) * (1.0f - beat.phase));
    const float width = 0.03f;
    const float fade = strength * (1.0f - beat.phase);
    chain.get<Gradient>("hole_ramp").radius(radius);
    chain.get<Gradient>("cone")
        .radius(radius + width)
        .color_a({tone * (1.8f * fade * (radius + width) / width), 1.0f});  // so the ring peaks at 1.8 * fade

    // The hand points at the current position in the bar: straight up (90 degrees, counted
    // counter-clockwise) at the downbeat, then clockwise.
    const float bar = (static_cast<float>(beat.in_bar) + beat.phase) / kBeatsPerBar;
    chain.get<Gradient>("sweep_ramp").angle(90.0f - 360.0f * bar);

    // The markers sit on the dial where a clock has 12, 3, 6 and 9 (placed here rather than in
    // setup() so they follow the canvas's aspect ratio); the current beat's one is lit.
    const float aspect = static_cast<float>(ctx.canvas().width) / static_cast<float>(ctx.canvas().height);
    for (int i = 0; i < kBeatsPerBar; ++i) {
        const float angle = kTau * (static_cast<float>(i) / kBeatsPerBar - 0.25f);
        const float lit = i == beat.in_bar ? 0.8f + 1.2f * pulse : 0.3f;
        chain.get<Gradient>(marker_name(i))
            .center({0.5f + kDialRadius * std::cos(angle) / aspect, 0.5f + kDialRadius * std::sin(angle)})
            .color_a({(i == 0 ? kDownbeatColor : kBeatColor) * lit, 1.0f});
    }
}

LOOM_CHAIN(setup, update)
