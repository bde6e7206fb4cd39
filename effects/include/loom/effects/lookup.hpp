// loom/effects/lookup.hpp — Lookup: the first input's colours looked up in the second: by luminance
// along a row of it (a 1D gradient map), or by red and green as a 2D table.
//
// `row` is the height (uv) of the row a 1D lookup reads; the input's alpha is kept. `amount` mixes
// between the input (0) and the looked-up colour (1).
#pragma once

#include <loom/effects/mode_program.hpp>
#include <loom/operator.hpp>

namespace loom {

enum class LookupMode : std::uint8_t { Luminance, RedGreen };
inline constexpr const char* kLookupModeLabels[] = {"luminance", "red_green"};

class Lookup final : public OperatorT<Lookup> {
public:
    static constexpr const char* kTypeName = "Lookup";

    Lookup& mode(LookupMode v) { mode_.set(v); return *this; }
    Lookup& row(Drive<float> v) { row_.set(v); return *this; }
    Lookup& amount(Drive<float> v) { amount_.set(v); return *this; }

    int min_inputs() const override { return 2; }
    int max_inputs() const override { return 2; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    EnumParam<LookupMode> mode_{this, "mode", LookupMode::Luminance, kLookupModeLabels};
    Param<float> row_{this, "row", 0.5f, 0.0f, 1.0f};
    Param<float> amount_{this, "amount", 1.0f, 0.0f, 1.0f};
    effects::ModeProgram program_;
};

}  // namespace loom
