// effects/src/examples.hpp — the pictures the operators' examples (golden tests, docs thumbnails)
// start from.
#pragma once

#include <loom/chain.hpp>

namespace loom::effects {

// A colourful picture with hard edges, thin lines and smooth areas, for a filter to work on:
// an angular gradient with a star. The operators it adds are named "picture*".
Operator& example_picture(Chain& c);
// A second, different picture (soft noise), for operators with two inputs.
Operator& example_noise(Chain& c);

}  // namespace loom::effects
