// fountain: sparks thrown up in time with a 124 BPM clock, their hue drifting, with echoes of
// the last beats, a bloom, and a title that counts the bars. No per-frame code: value operators
// (Clock, LFO, Math) drive the parameters.
#include <cstdio>

#include <loom/loom.hpp>

using namespace loom;

void setup(Context& ctx) {
    auto& chain = ctx.chain();

    // The beat: a pulse on every quarter note, and the bar number.
    auto& beat = chain.add<Clock>("beat").bpm(124.0f).output(ClockOutput::Pulse).decay(0.12f);
    auto& bar = chain.add<Clock>("bar").bpm(124.0f).division(ClockDivision::Bar);

    // The fountain throws faster and wider on the beat, and sways slowly.
    auto& throw_speed = chain.add<Math>("throw_speed").op(MathOp::Remap).a(beat).from(0.0f, 1.0f).to(1.1f, 1.45f);
    auto& sway = chain.add<LFO>("sway").frequency(0.13f).amplitude(12.0f).offset(90.0f);
    auto& sparks = chain.add<Particles>("sparks")
                       .count(25000)
                       .emitter(Emitter::Disc)
                       .emitter_size({0.06f, 0.03f})
                       .position({0.5f, 0.92f})
                       .direction(sway)
                       .spread(34.0f)
                       .speed(throw_speed)
                       .speed_variation(0.5f)
                       .gravity({0.0f, 1.1f})
                       .drag(0.3f)
                       .turbulence(0.04f)
                       .life(2.2f)
                       .size_start(0.009f)
                       .size_end(0.002f)
                       .color_start({1.0f, 0.7f, 0.3f, 0.35f})
                       .color_end({0.9f, 0.2f, 0.5f, 0.0f});

    // The hue drifts round once every 40 s; the last beats linger as echoes.
    auto& drift = chain.add<LFO>("drift").shape(LfoShape::Saw).frequency(0.025f).amplitude(0.5f).offset(0.5f);
    auto& tinted = chain.add<HSV>("tinted").input(sparks).hue_shift(drift);
    auto& echoes = chain.add<Echo>("echoes").input(tinted).count(4).spacing(7).decay(0.6f).mode(EchoMode::Max);

    // The title: the bar count, its size kicked by the beat.
    auto& kick = chain.add<Math>("kick").op(MathOp::Remap).a(beat).from(0.0f, 1.0f).to(0.07f, 0.085f);
    auto& title = chain.add<Text>("title").input(echoes).text("bar 1").position({0.5f, 0.14f}).font_size(kick).color(
        {0.85f, 0.9f, 1.0f, 0.9f});
    (void)bar;

    chain.add<Bloom>("glow").input(title).threshold(0.8f).intensity(0.9f).radius(0.7f);
    chain.output("glow");
}

void update(Context& ctx) {
    // Text is a string, not a number: the bar count is written here (no allocation once the
    // string has its capacity).
    auto& chain = ctx.chain();
    static char line[32];
    std::snprintf(line, sizeof line, "bar %d", int(chain.get<Clock>("bar").value()) + 1);
    chain.get<Text>("title").text(line);
}

LOOM_CHAIN(setup, update)
