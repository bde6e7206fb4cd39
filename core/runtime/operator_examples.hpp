// core/runtime/operator_examples.hpp — rendering an operator's example chain (the registry's
// OperatorInfo::example): the golden test of every operator and the thumbnails of
// docs/OPERATORS.md come from here.
#pragma once

#include <string>

#include <loom/operator_registry.hpp>

#include "core/io/image_io.hpp"
#include "core/runtime/engine.hpp"

namespace loom::runtime {

// Replaces `engine`'s chain with the example of `info` and renders its example_frames frames from
// time 0 at the engine's canvas; returns the image of the example's (last) operator of that type.
// An error names the operator: no example, an example without that operator, a frame that failed,
// or an operator that failed.
Result<io::Pixels> render_operator_example(Engine& engine, const OperatorInfo& info);

// "ChromaticAberration" -> "chromatic_aberration", "HSV" -> "hsv", "Render3D" -> "render3d":
// the file name of an operator's thumbnail and golden image.
std::string operator_file_name(const std::string& type);

}  // namespace loom::runtime
