// loom/effects/mode_program.hpp — the program of an operator whose shader picks its code path by
// a parameter.
//
// A shader may choose its path by up to two small integers of its push block (a blend mode, a
// noise type, an input count), read through LOOM_SPEC0 and LOOM_SPEC1 (common/spec.glsl). A GPU
// branches on a push constant at no cost: one pipeline serves every value. llvmpipe runs both
// sides of every branch, uniform ones too, so on a CPU device the values are compiled in as
// specialization constants: a pipeline for each pair in use, built the first frame that uses it
// (create() builds the starting pair's) and kept while the operator lives.
// LOOM_SPECIALIZE=1 or 0 forces either way on any device (tests compare them).
#pragma once

#include <memory>
#include <vector>

#include <loom/result.hpp>

namespace loom::gpu {
class Program;
struct ProgramDesc;
}  // namespace loom::gpu

namespace loom::graph {
class CreateContext;
class RecordContext;
}  // namespace loom::graph

namespace loom::effects {

class ModeProgram {
public:
    ModeProgram();
    ~ModeProgram();
    ModeProgram(const ModeProgram&) = delete;
    ModeProgram& operator=(const ModeProgram&) = delete;

    // `a` and `b` (-1: unused) are the values the operator starts with; their program is built now.
    Result<void> create(graph::CreateContext& ctx, const gpu::ProgramDesc& desc, int a, int b = -1);
    // The same, building nothing until get() first asks (a program the operator may never need).
    void prepare(graph::CreateContext& ctx, const gpu::ProgramDesc& desc);
    // The program for (a, b): nullptr, with the operator failed, when a new one cannot be built.
    gpu::Program* get(graph::RecordContext& ctx, int a, int b = -1);
    bool specializes() const { return specialize_; }

private:
    struct Variant {
        int a, b;
        gpu::Program* program;
    };
    template <class Context>
    Result<gpu::Program*> build(Context& ctx, int a, int b);

    std::unique_ptr<gpu::ProgramDesc> desc_;
    bool specialize_ = false;
    gpu::Program* generic_ = nullptr;
    std::vector<Variant> variants_;
};

}  // namespace loom::effects
