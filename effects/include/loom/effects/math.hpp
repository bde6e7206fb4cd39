// loom/effects/math.hpp — Math: a value computed from `a` and `b`, which are values or other
// value operators (Math of two LFOs, a remapped Clock).
//
// add, subtract, multiply, divide (a / b; 0 where b is 0), min, max, power (a^b; 0 where that is
// not a real number), modulo (a mod b, never negative for positive b; 0 where b is 0), abs (|a|),
// clamp (a into `to`), remap (a from the range `from` onto the range `to`, not clamped), smooth
// (a followed with an exponential lag of `smoothing` seconds; it starts at a on the first frame).
#pragma once

#include <loom/value.hpp>

namespace loom {

enum class MathOp : std::uint8_t { Add, Subtract, Multiply, Divide, Min, Max, Power, Modulo, Abs, Clamp, Remap, Smooth };
inline constexpr const char* kMathOpLabels[] = {"add",   "subtract", "multiply", "divide", "min",   "max",
                                                "power", "modulo",   "abs",      "clamp",  "remap", "smooth"};

class Math final : public ValueOperatorT<Math> {
public:
    static constexpr const char* kTypeName = "Math";

    Math& op(MathOp v) { op_.set(v); return *this; }
    Math& a(Drive<float> v) { a_.set(v); return *this; }
    Math& b(Drive<float> v) { b_.set(v); return *this; }
    Math& from(float low, float high) { from_.set({low, high}); return *this; }
    Math& to(float low, float high) { to_.set({low, high}); return *this; }
    Math& smoothing(Drive<float> seconds) { smoothing_.set(seconds); return *this; }

    bool depends_on_past() const override { return op_.get() == MathOp::Smooth; }

    void take_over(Operator& old) override;

protected:
    float compute(const ValueContext& ctx) override;

private:
    EnumParam<MathOp> op_{this, "op", MathOp::Add, kMathOpLabels};
    Param<float> a_{this, "a", 0.0f, -1.0e9f, 1.0e9f};
    Param<float> b_{this, "b", 0.0f, -1.0e9f, 1.0e9f};
    Param<glm::vec2> from_{this, "from", {0.0f, 1.0f}, {-1.0e9f, -1.0e9f}, {1.0e9f, 1.0e9f}};
    Param<glm::vec2> to_{this, "to", {0.0f, 1.0f}, {-1.0e9f, -1.0e9f}, {1.0e9f, 1.0e9f}};
    Param<float> smoothing_{this, "smoothing", 0.25f, 0.0f, 60.0f};
    float smoothed_ = 0.0f;
    bool started_ = false;
};

}  // namespace loom
