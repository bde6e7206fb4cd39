// loom/param.hpp — typed operator parameters.
//
// A parameter is a member of an operator with a name, a default, and a range. The owner registers
// it on construction, so the editor, state hand-over and params.json can enumerate every
// parameter of any operator without knowing its type. Setting a value outside the range clamps it
// and logs one warning naming the parameter (until an in-range value is set again).
//
// Threading: parameters belong to the frame loop's thread, like the chain that owns them.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <span>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

namespace loom {

class Operator;
class ValueOperator;

// A parameter's setter argument: a value, or a value operator (loom/value.hpp) that sets the
// parameter every frame: blur.sigma(8.0f) or blur.sigma(lfo).
template <class T>
struct Drive {
    Drive(T v) : value(v) {}                          // NOLINT: implicit, so sigma(8.0f) reads as before
    Drive(ValueOperator& op) : source(&op) {}         // NOLINT
    T value{};
    ValueOperator* source = nullptr;
};

enum class ParamType : std::uint8_t { Float, Int, Bool, Vec2, Vec3, Vec4, Enum };

const char* param_type_name(ParamType type);

// Type-erased view of a parameter: every value is exposed as 1 to 4 floats.
class ParamBase {
public:
    ParamBase(Operator* owner, const char* name, ParamType type);
    ParamBase(const ParamBase&) = delete;
    ParamBase& operator=(const ParamBase&) = delete;
    virtual ~ParamBase() = default;

    const char* name() const { return name_; }
    ParamType type() const { return type_; }
    Operator* owner() const { return owner_; }

    virtual int components() const = 0;
    virtual void get_floats(float* out) const = 0;
    virtual void set_floats(const float* in) = 0;  // clamps like set()
    virtual void min_floats(float* out) const = 0;
    virtual void max_floats(float* out) const = 0;
    virtual void default_floats(float* out) const = 0;
    // Enum parameters list their value labels; others return an empty span.
    virtual std::span<const char* const> labels() const { return {}; }
    void reset();

    // A value set from outside the project's code (the editor, params.json). Such values survive
    // a reload of chain.cpp; values set by code are taken from the new code.
    void set_edited(const float* in) {
        if (!edited_) get_floats(code_);  // what the code set, for reset_to_code()
        set_floats(in);
        edited_ = true;
    }
    bool edited() const { return edited_; }
    void clear_edited() { edited_ = false; }
    // Back to the value the code had set before the first outside edit.
    void reset_to_code() {
        if (!edited_) return;
        set_floats(code_);
        edited_ = false;
    }

    // Number of set() calls that had to clamp (for tests and the editor).
    std::uint32_t clamp_count() const { return clamp_count_; }

    // A value operator sets this parameter every frame, before the chain records: all components
    // (component -1) or one of them. A value out of the range is clamped, with one warning per
    // drive() call. set() with a value, or drive(nullptr), ends it.
    void drive(ValueOperator* source, int component = -1);
    // The value operator driving `component` (nullptr: none).
    ValueOperator* driver(int component = 0) const { return component >= 0 && component < 4 ? drivers_[component] : nullptr; }
    bool driven() const { return drivers_[0] || drivers_[1] || drivers_[2] || drivers_[3]; }
    // Engine side: copies the drivers' current values in (clamped like set()).
    void apply_drivers();

protected:
    void clear_drivers() {
        if (driven()) end_drivers();
    }

    // Called by set() when a value was outside the range; logs once per out-of-range streak.
    void note_clamped(const float* requested, const float* clamped);
    void end_drivers();  // out of line: tells the owner's chain to recompile
    void note_in_range() {
        if (!driven()) warned_ = false;  // a driven parameter warns once per drive()
    }

private:
    Operator* owner_;
    const char* name_;
    ParamType type_;
    std::uint32_t clamp_count_ = 0;
    bool warned_ = false;
    bool edited_ = false;
    float code_[4] = {};
    ValueOperator* drivers_[4] = {};
};

namespace detail {
template <class T> struct ParamTraits;
template <> struct ParamTraits<float> {
    static constexpr ParamType kType = ParamType::Float;
    static constexpr int kN = 1;
    static float get(const float& v, int) { return v; }
    static void set(float& v, int, float f) { v = f; }
};
template <> struct ParamTraits<int> {
    static constexpr ParamType kType = ParamType::Int;
    static constexpr int kN = 1;
    static float get(const int& v, int) { return static_cast<float>(v); }
    static void set(int& v, int, float f) {
        // Saturate before converting: an out-of-range float-to-int conversion is undefined.
        const float c = f != f ? 0.0f : std::clamp(f, -2.0e9f, 2.0e9f);
        v = static_cast<int>(c < 0 ? c - 0.5f : c + 0.5f);
    }
};
template <> struct ParamTraits<bool> {
    static constexpr ParamType kType = ParamType::Bool;
    static constexpr int kN = 1;
    static float get(const bool& v, int) { return v ? 1.0f : 0.0f; }
    static void set(bool& v, int, float f) { v = f >= 0.5f; }
};
template <int N> struct VecTraits {
    static constexpr int kN = N;
    template <class V> static float get(const V& v, int i) { return v[i]; }
    template <class V> static void set(V& v, int i, float f) { v[i] = f; }
};
template <> struct ParamTraits<glm::vec2> : VecTraits<2> { static constexpr ParamType kType = ParamType::Vec2; };
template <> struct ParamTraits<glm::vec3> : VecTraits<3> { static constexpr ParamType kType = ParamType::Vec3; };
template <> struct ParamTraits<glm::vec4> : VecTraits<4> { static constexpr ParamType kType = ParamType::Vec4; };
}  // namespace detail

// Param<T> for T in float, int, bool, glm::vec2, glm::vec3, glm::vec4.
template <class T>
class Param final : public ParamBase {
    using Traits = detail::ParamTraits<T>;

public:
    Param(Operator* owner, const char* name, T def, T min, T max)
        : ParamBase(owner, name, Traits::kType), value_(def), def_(def), min_(min), max_(max) {}

    const T& get() const { return value_; }
    operator const T&() const { return value_; }  // NOLINT: reads like the value it holds

    // Sets the value and ends any driver.
    void set(const T& v) {
        clear_drivers();
        store(v);
    }
    void set(const Drive<T>& d) {
        if (d.source)
            drive(d.source);
        else
            set(d.value);
    }

    const T& min() const { return min_; }
    const T& max() const { return max_; }
    const T& default_value() const { return def_; }

    int components() const override { return Traits::kN; }
    void get_floats(float* out) const override { copy_out(value_, out); }
    void min_floats(float* out) const override { copy_out(min_, out); }
    void max_floats(float* out) const override { copy_out(max_, out); }
    void default_floats(float* out) const override { copy_out(def_, out); }
    // Sets the value (clamped) and keeps a driver, which sets it again next frame.
    void set_floats(const float* in) override {
        T v{};
        for (int i = 0; i < Traits::kN; ++i) Traits::set(v, i, in[i]);
        store(v);
    }

private:
    void store(const T& v) {
        T c = v;
        bool clamped = false;
        for (int i = 0; i < Traits::kN; ++i) {
            float f = Traits::get(v, i);
            float lo = Traits::get(min_, i), hi = Traits::get(max_, i);
            float g = f != f ? lo : std::clamp(f, lo, hi);  // NaN becomes the minimum
            if (g != f) {
                Traits::set(c, i, g);
                clamped = true;
            }
        }
        value_ = c;
        if (clamped) {
            float req[4], got[4];
            for (int i = 0; i < Traits::kN; ++i) req[i] = Traits::get(v, i), got[i] = Traits::get(c, i);
            note_clamped(req, got);
        } else {
            note_in_range();
        }
    }
    static void copy_out(const T& v, float* out) {
        for (int i = 0; i < Traits::kN; ++i) out[i] = Traits::get(v, i);
    }
    T value_, def_, min_, max_;
};

// An enumeration parameter. E must be an enum whose values run 0..labels-1.
template <class E>
class EnumParam final : public ParamBase {
public:
    EnumParam(Operator* owner, const char* name, E def, std::span<const char* const> labels)
        : ParamBase(owner, name, ParamType::Enum), value_(def), def_(def), labels_(labels) {}

    E get() const { return value_; }
    operator E() const { return value_; }  // NOLINT
    // Sets the value and ends any driver.
    void set(E v) {
        clear_drivers();
        float f = static_cast<float>(static_cast<int>(v));
        set_floats(&f);
    }

    int components() const override { return 1; }
    void get_floats(float* out) const override { *out = static_cast<float>(static_cast<int>(value_)); }
    void min_floats(float* out) const override { *out = 0.0f; }
    void max_floats(float* out) const override { *out = static_cast<float>(labels_.size() - 1); }
    void default_floats(float* out) const override { *out = static_cast<float>(static_cast<int>(def_)); }
    void set_floats(const float* in) override {
        const int n = static_cast<int>(labels_.size());
        const bool nan = *in != *in;
        // Round in float space first (clamped to a small range), then convert: never UB.
        const int i = nan ? -1 : static_cast<int>(std::round(std::clamp(*in, -1.0f, float(n))));
        const int c = std::clamp(i, 0, n - 1);
        value_ = static_cast<E>(c);
        if (nan || c != i) {
            float got = static_cast<float>(c);
            note_clamped(in, &got);
        } else {
            note_in_range();
        }
    }
    std::span<const char* const> labels() const override { return labels_; }

private:
    E value_, def_;
    std::span<const char* const> labels_;
};

}  // namespace loom
