// effects/src/examples.hpp — the pictures the operators' examples (golden tests, docs thumbnails)
// start from.
#pragma once

#include <loom/chain.hpp>
#include <loom/value.hpp>

namespace loom::effects {

// A colourful picture with hard edges, thin lines and smooth areas, for a filter to work on:
// an angular gradient with a star. The operators it adds are named "picture*".
Operator& example_picture(Chain& c);
// A second, different picture (soft noise), for operators with two inputs.
Operator& example_noise(Chain& c);

// A value operator's picture: a dot sweeping left to right over kTraceFrames frames (at 60 fps)
// at the height of `value` (from `low` at the bottom to `high` at the top), leaving a trace.
inline constexpr int kTraceFrames = 90;
Operator& example_trace(Chain& c, ValueOperator& value, float low, float high);

// A moving picture for the temporal operators: a star circling and turning over a dark
// background, once round in kMotionFrames frames (at 60 fps). The operators it adds are named
// "motion*".
inline constexpr int kMotionFrames = 60;
Operator& example_motion(Chain& c);

}  // namespace loom::effects
