// loom/value.hpp — value operators: numbers computed on the CPU every frame that drive the
// parameters of other operators.
//
//   auto& lfo = chain.add<LFO>("wobble").frequency(0.5f).amplitude(6.0f).offset(8.0f);
//   chain.add<Blur>("blur").input(noise).sigma(lfo);        // a setter takes a value or a value op
//   chain.get<Transform>("move").drive("translate", lfo, 1); // any parameter, or one component
//
// A value operator lives in the chain like any other (named, shown in the editor, listed by
// `loom operators`), has parameters of its own, which other value operators may drive (a Math
// of two LFOs), and no image: it cannot be an input or the output. Every frame, before the chain
// records, the engine evaluates the value operators in dependency order (drivers first; a cycle
// is a compile error naming it) and then copies each driver's value into the parameters it
// drives, clamped to their ranges. Evaluation allocates nothing.
//
// Threading: the frame loop's thread only.
#pragma once

#include <cstdint>

#include <loom/operator.hpp>

namespace loom {

// What a value operator sees of the frame: the same clock as Context (fixed steps headless).
struct ValueContext {
    double time = 0.0;
    float dt = 0.0f;
    std::uint64_t frame = 0;
};

class ValueOperator : public Operator {
public:
    bool is_value() const final { return true; }
    // The value of the last evaluated frame (0 before the first).
    float value() const { return value_; }
    // Engine side: computes this frame's value. Its own driven parameters are already applied.
    void evaluate(const ValueContext& ctx);
    // The last kHistory values, oldest first into `out` (for the editor's plot); returns the count.
    static constexpr int kHistory = 128;
    int history(float* out) const;

    Result<void> create(graph::CreateContext&) final { return {}; }
    void record(graph::RecordContext&) final {}

protected:
    ValueOperator() = default;
    virtual float compute(const ValueContext& ctx) = 0;

private:
    float value_ = 0.0f;
    float ring_[kHistory] = {};
    int written_ = 0;
};

// The base of a concrete value operator: type name, and drive() returning the concrete type.
template <class Self>
class ValueOperatorT : public ValueOperator {
public:
    const char* type_name() const override { return Self::kTypeName; }
    Self& drive(std::string_view param, ValueOperator& source, int component = -1) {
        drive_param(param, source, component);
        return static_cast<Self&>(*this);
    }
};

}  // namespace loom
