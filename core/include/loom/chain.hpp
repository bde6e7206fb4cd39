// loom/chain.hpp — a chain of operators: what a project builds in setup() and animates in update().
//
//   auto& noise = chain.add<Noise>("noise").scale(4.0f);
//   chain.add<Blur>("blur").input(noise).sigma(8.0f);
//   chain.output("blur");
//
// The chain compiles when its structure changes (operators, inputs, sizes, formats, output):
// a deterministic order (insertion order breaks ties), cycle and unknown-input checks, culling of
// what the output does not need, sizes and barriers. A compile error names the operator, the
// value and the fix; the engine keeps rendering the last chain that compiled.
//
// get<T>(name) throws loom::ChainError when there is no such operator (or it has another type);
// the engine reports the message and keeps running. find<T>(name) returns nullptr instead.
// Threading: the frame loop's thread only.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <loom/operator.hpp>

namespace loom {

class ChainError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Chain {
public:
    Chain();
    ~Chain();
    Chain(const Chain&) = delete;
    Chain& operator=(const Chain&) = delete;

    // Adds an operator named `name`. A duplicate or empty name is reported when the chain compiles.
    template <class T>
    T& add(std::string_view name) {
        static_assert(std::is_base_of_v<Operator, T>, "chain.add<T>: T must be an operator");
        auto op = std::make_unique<T>();
        T& ref = *op;
        adopt(std::move(op), name);
        return ref;
    }

    template <class T = Operator>
    T& get(std::string_view name) {
        Operator* op = find(name);
        T* typed = dynamic_cast<T*>(op);
        if (!typed) throw_missing(name, op, type_label<T>());
        return *typed;
    }

    template <class T = Operator>
    T* find_as(std::string_view name) const {
        return dynamic_cast<T*>(find(name));
    }
    Operator* find(std::string_view name) const;

    // The operator whose image is the chain's result. Without a call, the last operator added
    // that has an image (not a value operator).
    void output(std::string_view name);
    void output(Operator& op) { output(op.name()); }
    const std::string& output_name() const { return output_; }
    Operator* output_operator() const;

    std::span<const std::unique_ptr<Operator>> operators() const { return ops_; }
    std::size_t size() const { return ops_.size(); }
    bool empty() const { return ops_.empty(); }
    void clear();

    // Bumped by every change that needs a recompile.
    std::uint64_t version() const { return version_; }
    void mark_changed() { ++version_; }
    // Bumped by clear(): every operator pointer taken before is dangling.
    std::uint64_t generation() const { return generation_; }
    // Problems found while building (duplicate names); reported by compile.
    std::span<const std::string> build_errors() const { return build_errors_; }

private:
    Operator& adopt(std::unique_ptr<Operator> op, std::string_view name);
    [[noreturn]] void throw_missing(std::string_view name, Operator* found, const char* wanted) const;
    template <class T>
    static const char* type_label() {
        if constexpr (requires { T::kTypeName; })
            return T::kTypeName;
        else
            return "Operator";
    }

    std::vector<std::unique_ptr<Operator>> ops_;
    std::string output_;
    std::uint64_t version_ = 1;
    std::uint64_t generation_ = 1;
    std::vector<std::string> build_errors_;
};

}  // namespace loom
