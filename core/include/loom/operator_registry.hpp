// loom/operator_registry.hpp — every operator type a build of Loom has, described once.
//
// Each operator's own file registers it at load time with a line about it and a tiny example
// chain. `loom operators` lists the registry (inputs, parameters with ranges and defaults), the
// golden tests render every example, and docs/OPERATORS.md is written from the same data with a
// thumbnail of each example.
//
//   namespace { const bool kRegistered = register_operator({
//       .type = "Blur", .category = "filter", .summary = "Gaussian blur; sigma in pixels.",
//       .make = make_operator<Blur>, .example = [](Chain& c) { ... }}); }
//
// Threading: registration happens while libraries load; afterwards the registry is read-only.
// Loom's own libraries register; a project's chain.cpp does not (its library is unloaded on every
// reload, and the registry would keep pointers into it).
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include <loom/operator.hpp>

namespace loom {

class Chain;

struct OperatorInfo {
    const char* type = "";      // the class name, as Operator::type_name() returns it
    const char* category = "";  // "generator", "filter", "composite", "retro", "temporal", "value", "3d",
                                // "custom"
    const char* summary = "";   // one sentence
    std::unique_ptr<Operator> (*make)() = nullptr;  // a default instance: its inputs and parameters
    // Builds a small chain that shows the operator at work (no files needed), or null where the
    // operator needs a project's files (Shader). Rendered at 60 fps from time 0; what is shown is
    // the last operator of this type in it (for a value operator, which has no image: the
    // chain's output).
    void (*example)(Chain&) = nullptr;
    int example_frames = 3;
    // Calls besides the parameters' setters and the ones every operator has (input, inputs, size,
    // relative_size, format), e.g. "file(path)"; "" for none.
    const char* calls = "";
};

template <class T>
std::unique_ptr<Operator> make_operator() {
    return std::make_unique<T>();
}

// Adds `info` (a second registration of the same type replaces the first). Returns true, so a
// file can register with a namespace-scope constant.
bool register_operator(const OperatorInfo& info);
// Every registered operator, by category (in the order above) and then by type.
std::vector<const OperatorInfo*> registered_operators();
const OperatorInfo* find_operator_info(std::string_view type);

}  // namespace loom
