// addons/editor/params_file.hpp — params.json: the parameter values set in the editor.
//
// The file maps operator names to parameter names to values, each an array of 1 to 4 numbers:
//   { "blur": { "sigma": [12.5] }, "hsv": { "tint": [1, 0.5, 0.2] } }
// It is written when a value is edited and read when the project (re)loads. Reading never
// throws: text that is not such a document is one error naming what is wrong; entries of the
// wrong shape (not an array of 1..4 numbers) are skipped. Values are finite floats (numbers
// beyond a float's range are saturated), so a hand-edited file cannot put NaN or infinity into
// a parameter.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <loom/result.hpp>

namespace loom::editor {

struct ParamValue {
    std::string op;
    std::string param;
    int components = 1;  // 1..4
    float v[4] = {};
};

Result<std::vector<ParamValue>> parse_params(std::string_view text);
// The document parse_params() reads back to the same values (2-space indented, one trailing newline).
std::string format_params(const std::vector<ParamValue>& values);

}  // namespace loom::editor
