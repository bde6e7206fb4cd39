// tests/gpu/test_ops.hpp — operators defined by the tests themselves (as a project could).
#pragma once

#include <loom/loom.hpp>

#include "core/graph/record_context.hpp"

namespace loom::test {

// 1.0 at pixel `at`, 0 elsewhere. Shader from tests/shaders (added as a shader root).
class Impulse final : public OperatorT<Impulse> {
public:
    static constexpr const char* kTypeName = "Impulse";
    Impulse& at(int x, int y) {
        x_ = x;
        y_ = y;
        return *this;
    }
    Result<void> create(graph::CreateContext& ctx) override {
        auto p = ctx.program({"impulse.comp", 0, 8});
        if (!p) return p.error();
        program_ = *p;
        return {};
    }
    void record(graph::RecordContext& ctx) override {
        const int at[2] = {x_, y_};
        ctx.dispatch(*program_, {}, ctx.output(), at, sizeof at);
    }

private:
    int x_ = 0, y_ = 0;
    gpu::Program* program_ = nullptr;
};

// Uses tests/shaders/broken.comp, which does not compile.
class Broken final : public OperatorT<Broken> {
public:
    static constexpr const char* kTypeName = "Broken";
    Result<void> create(graph::CreateContext& ctx) override {
        auto p = ctx.program({"broken.comp", 0, 0});
        if (!p) return p.error();
        return {};
    }
    void record(graph::RecordContext&) override {}
};

std::filesystem::path test_shader_dir();

}  // namespace loom::test
