// loom/effects/effects.hpp — every 2D operator.
#pragma once

#include <loom/effects/bloom.hpp>
#include <loom/effects/blur.hpp>
#include <loom/effects/composite.hpp>
#include <loom/effects/feedback.hpp>
#include <loom/effects/gradient.hpp>
#include <loom/effects/hsv.hpp>
#include <loom/effects/level.hpp>
#include <loom/effects/noise.hpp>
#include <loom/effects/shader.hpp>
#include <loom/effects/solid_color.hpp>
#include <loom/effects/transform.hpp>
