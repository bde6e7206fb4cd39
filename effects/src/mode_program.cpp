#include <loom/effects/mode_program.hpp>

#include <cstdlib>
#include <string_view>

#include <spdlog/spdlog.h>

#include "core/gpu/device.hpp"
#include "core/gpu/program.hpp"
#include "core/graph/record_context.hpp"

namespace loom::effects {

namespace {

// A CPU device compiles modes in; LOOM_SPECIALIZE=1 or 0 says so for any device.
bool specialize_on(const gpu::Device& device) {
    const char* v = std::getenv("LOOM_SPECIALIZE");
    if (v && (v == std::string_view("0") || v == std::string_view("1"))) return *v == '1';
    static bool warned = false;
    if (v && *v && !warned) {
        warned = true;
        spdlog::warn(
            "LOOM_SPECIALIZE is '{}': it takes 1 (modes compiled into their own pipelines) or 0 (one "
            "pipeline that branches); using the device's default",
            v);
    }
    return device.is_software();
}

}  // namespace

ModeProgram::ModeProgram() = default;
ModeProgram::~ModeProgram() = default;

Result<void> ModeProgram::create(graph::CreateContext& ctx, const gpu::ProgramDesc& desc, int a, int b) {
    prepare(ctx, desc);
    auto p = build(ctx, a, b);
    if (!p) return p.error();
    return {};
}

void ModeProgram::prepare(graph::CreateContext& ctx, const gpu::ProgramDesc& desc) {
    desc_ = std::make_unique<gpu::ProgramDesc>(desc);
    specialize_ = specialize_on(ctx.device());
    generic_ = nullptr;
    variants_.clear();
}

gpu::Program* ModeProgram::get(graph::RecordContext& ctx, int a, int b) {
    if (!specialize_ && generic_) return generic_;
    for (const Variant& v : variants_)
        if (v.a == a && v.b == b) return v.program;
    auto p = build(ctx, a, b);
    if (!p) {
        ctx.fail(p.error().message);
        return nullptr;
    }
    return *p;
}

// Builds (or finds in the shared cache) the program for (a, b), or the generic one, and keeps it.
template <class Context>
Result<gpu::Program*> ModeProgram::build(Context& ctx, int a, int b) {
    gpu::ProgramDesc desc = *desc_;
    if (specialize_) desc.constants = {a, b};
    auto p = ctx.program(desc);
    if (!p) return p.error();
    if (specialize_)
        variants_.push_back({a, b, *p});
    else
        generic_ = *p;
    return *p;
}

}  // namespace loom::effects
