// core/graph/plan.hpp — compiling a Chain into a Plan (pure logic: no GPU needed, unit-tested).
//
// compile() checks the chain and decides what runs each frame:
//  - names: unique and non-empty; every input resolves (by pointer within this chain, or by name);
//  - arity: each operator gets between min_inputs() and max_inputs() inputs;
//  - the output exists (chain.output(), else the last operator added);
//  - no cycle among inputs (history inputs do not count: they read the previous frame);
//  - value operators: never an input or the output; every driver in this chain; no cycle among
//    the value operators that drive each other; evaluation order, drivers first;
//  - culling: only operators the output (or the viewed operator) needs, through inputs and
//    history inputs, run;
//  - order: topological, ties broken by insertion order, so the same chain always compiles the
//    same way (never hash-map order);
//  - sizes: absolute, or relative to the first (non-history) input, or to the canvas; each side
//    must be 1..max_dimension;
//  - barriers: per step, the images it reads (sampled) and writes (storage image); the history
//    of each history source is its previous output (the two trade places at the frame's start).
// Every error names the operator, the value and the fix.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <loom/chain.hpp>
#include <loom/result.hpp>
#include <loom/value.hpp>

#include "core/gpu/barriers.hpp"

namespace loom::graph {

struct CompileEnv {
    Extent canvas{1280, 720};
    std::uint32_t max_dimension = 16384;  // the device's maxImageDimension2D
    // An operator also cooked although the output may not need it (the editor's viewer shows
    // it); empty or a name not in the chain: none.
    std::string viewed;

    bool operator==(const CompileEnv&) const = default;
};

// One image access a step needs before it records.
struct ImageUse {
    const Operator* op = nullptr;  // whose image
    bool history = false;          // its history image instead of its output
    gpu::ImageUsage usage = gpu::ImageUsage::SampledRead;
};

struct PlanStep {
    Operator* op = nullptr;
    Extent extent{};
    Format format = Format::RGBA16F;
    std::vector<Operator*> inputs;       // resolved, one per input slot
    std::vector<bool> input_is_history;  // per input slot
    bool history_source = false;         // something reads this operator's previous frame
    std::vector<ImageUse> uses;          // barrier plan: inputs sampled, output written (storage)
};

struct Plan {
    std::vector<PlanStep> steps;      // in record order
    Operator* output = nullptr;
    std::vector<Operator*> culled;    // in the chain, not needed by the output (nor the viewed one)
    std::vector<Operator*> history_sources;  // output and history trade places at frame start
    // Something in the plan reads earlier frames (history, or an operator's depends_on_past()).
    bool depends_on_past = false;
    // Value operators, drivers before what they drive: evaluated in this order every frame.
    std::vector<ValueOperator*> values;
    // Cooked operators with a driven parameter: their drivers are applied before they record.
    std::vector<Operator*> driven;

    const PlanStep* step_of(const Operator* op) const;
    // "noise -> blur -> glow -> out" (record order).
    std::string order_string() const;
};

Result<Plan> compile(const Chain& chain, const CompileEnv& env);

}  // namespace loom::graph
