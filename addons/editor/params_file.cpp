// addons/editor/params_file.cpp — reading and writing params.json.
#include "addons/editor/params_file.hpp"

#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

namespace loom::editor {

namespace {

using json = nlohmann::json;

// A JSON number as a finite float: out-of-range values saturate instead of converting with
// undefined behaviour.
float to_float(const json& n) {
    const double d = n.get<double>();
    if (std::isnan(d)) return 0.0f;
    constexpr double kMax = std::numeric_limits<float>::max();
    return static_cast<float>(d > kMax ? kMax : d < -kMax ? -kMax : d);
}

}  // namespace

Result<std::vector<ParamValue>> parse_params(std::string_view text) {
    // No exceptions from the parser: a malformed document is a discarded value, then reported.
    const json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return make_error("it is not valid JSON (an object of operators, each an object of parameters, each an "
                          "array of 1 to 4 numbers)");
    if (!doc.is_object()) return make_error(std::string("the top level is a JSON ") + doc.type_name() + ", not an object");
    std::vector<ParamValue> out;
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        if (!it.value().is_object()) continue;
        for (auto jt = it.value().begin(); jt != it.value().end(); ++jt) {
            const json& a = jt.value();
            if (!a.is_array() || a.empty() || a.size() > 4) continue;
            ParamValue p;
            p.op = it.key();
            p.param = jt.key();
            p.components = static_cast<int>(a.size());
            bool numbers = true;
            for (std::size_t i = 0; i < a.size() && numbers; ++i) {
                numbers = a[i].is_number();
                if (numbers) p.v[i] = to_float(a[i]);
            }
            if (numbers) out.push_back(std::move(p));
        }
    }
    return out;
}

std::string format_params(const std::vector<ParamValue>& values) {
    json doc = json::object();
    for (const auto& p : values) doc[p.op][p.param] = std::vector<float>(p.v, p.v + p.components);
    // Invalid UTF-8 in a name (an operator named from raw bytes) is replaced, not thrown.
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace loom::editor
