// `loom run --headless`: compile the project, render N frames offscreen, snapshot, print stats.
#include <cstdio>

#include <spdlog/spdlog.h>

#include "core/runtime/cli/cli.hpp"
#include "core/runtime/cli/session.hpp"

namespace loom::cli {

int run_headless(const RunOptions& o) {
    int code = kExitOk;
    auto session = open_session_or_report(o.session, code);
    if (!session) return code;
    auto& engine = session->engine();
    int status = kExitOk;
    const std::uint64_t snap = o.snapshot_frame.value_or(o.frames - 1);
    for (std::uint64_t f = 0; f < o.frames; ++f) {
        auto r = session->frame();
        if (!r && !engine.runtime().plan()) {
            std::fprintf(stderr, "loom: %s\n", r.message().c_str());
            status = kExitProject;
            break;
        }
        if (!o.snapshot.empty() && f == snap) {
            const Operator* op = o.snapshot_op.empty() ? nullptr : engine.chain().find(o.snapshot_op);
            if (!o.snapshot_op.empty() && !op) {
                std::fprintf(stderr, "loom: --snapshot-op '%s' is not an operator of this chain\n",
                             o.snapshot_op.c_str());
                status = kExitUsage;
                continue;
            }
            auto px = op ? engine.read(*op) : engine.read_output();
            auto w = px ? io::write_png(o.snapshot, *px) : Result<void>(px.error());
            if (!w) {
                std::fprintf(stderr, "loom: snapshot: %s\n", w.message().c_str());
                status = kExitRender;
            } else {
                spdlog::info("snapshot of frame {} written to {}", f, o.snapshot);
            }
        }
    }
    engine.wait_idle();
    if (const auto* plan = engine.runtime().plan())
        for (const auto& step : plan->steps)
            if (step.op->failed()) {
                std::fprintf(stderr, "loom: operator '%s' (%s) failed: %s\n", step.op->name().c_str(),
                             step.op->type_name(), step.op->error().c_str());
                status = kExitRender;
            }
    print_stats_line(engine, o.session.size);
    if (engine.device().validation_enabled() && engine.device().validation().count() > 0) status = kExitRender;
    return status;
}

}  // namespace loom::cli
