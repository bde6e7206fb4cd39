// fuzz/params_file_fuzz.cpp — params.json as a person may leave it: any text is either an error
// or values of 1..4 finite numbers, and what is written reads back the same.
#include <cmath>
#include <cstdint>
#include <string_view>

#include "addons/editor/params_file.hpp"
#include "fuzz/fuzz_support.hpp"

using namespace loom::editor;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto values = parse_params(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!values) {
        LOOM_FUZZ_CHECK(!values.message().empty());
        return 0;
    }
    for (const auto& v : *values) {
        LOOM_FUZZ_CHECK(v.components >= 1 && v.components <= 4);
        for (int i = 0; i < v.components; ++i) LOOM_FUZZ_CHECK(std::isfinite(v.v[i]));
    }
    const auto again = parse_params(format_params(*values));
    LOOM_FUZZ_CHECK(again && again->size() == values->size());
    for (std::size_t i = 0; i < values->size(); ++i) {
        const auto &a = (*values)[i], &b = (*again)[i];
        LOOM_FUZZ_CHECK(a.op == b.op && a.param == b.param && a.components == b.components);
        for (int c = 0; c < a.components; ++c) LOOM_FUZZ_CHECK(a.v[c] == b.v[c]);
    }
    return 0;
}
