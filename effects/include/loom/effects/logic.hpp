// loom/effects/logic.hpp — Logic: 1 or 0 from `a` and `b` (values or value operators).
//
// greater (a > b), less (a < b), equal (|a - b| <= tolerance), in_range (a within `range`,
// ends included), and / or (a and b read as true at 0.5 or more), not (a below 0.5), toggle
// (flips between 0 and 1 each time a rises above b; starts at 0), trigger (1 on the one frame
// a rises above b, else 0: a beat for Flash or a counter).
#pragma once

#include <loom/value.hpp>

namespace loom {

enum class LogicOp : std::uint8_t { Greater, Less, Equal, InRange, And, Or, Not, Toggle, Trigger };
inline constexpr const char* kLogicOpLabels[] = {"greater", "less", "equal",  "in_range", "and",
                                                 "or",      "not",  "toggle", "trigger"};

class Logic final : public ValueOperatorT<Logic> {
public:
    static constexpr const char* kTypeName = "Logic";

    Logic& op(LogicOp v) { op_.set(v); return *this; }
    Logic& a(Drive<float> v) { a_.set(v); return *this; }
    Logic& b(Drive<float> v) { b_.set(v); return *this; }
    Logic& range(float low, float high) { range_.set({low, high}); return *this; }
    Logic& tolerance(Drive<float> v) { tolerance_.set(v); return *this; }

    bool depends_on_past() const override { return op_.get() == LogicOp::Toggle || op_.get() == LogicOp::Trigger; }

    void take_over(Operator& old) override;

protected:
    float compute(const ValueContext& ctx) override;

private:
    EnumParam<LogicOp> op_{this, "op", LogicOp::Greater, kLogicOpLabels};
    Param<float> a_{this, "a", 0.0f, -1.0e9f, 1.0e9f};
    Param<float> b_{this, "b", 0.5f, -1.0e9f, 1.0e9f};
    Param<glm::vec2> range_{this, "range", {0.0f, 1.0f}, {-1.0e9f, -1.0e9f}, {1.0e9f, 1.0e9f}};
    Param<float> tolerance_{this, "tolerance", 0.001f, 0.0f, 1.0e9f};
    bool above_ = false;  // a was above b last frame (toggle, trigger)
    bool started_ = false;
    bool state_ = false;  // toggle
};

}  // namespace loom
