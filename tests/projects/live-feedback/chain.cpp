// live-feedback: the project the live-reload test copies and edits while `loom run --watch` runs.
// A faint colour is added up by a Feedback trail every frame (so its image tells how long it has
// run, and whether it was reset), then passes through a project operator with its own shader.
#include <loom/loom.hpp>

using namespace loom;

// Copies its input through tint.comp, a shader in this folder.
class Tint final : public CustomOperator<Tint> {
public:
    static constexpr const char* kTypeName = "Tint";
    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> build(BuildContext& ctx) override { return ctx.program(program_, "tint.comp", 1, 0); }
    void run(PassContext& ctx) override { ctx.dispatch(program_, {ctx.input(0)}, ctx.output()); }

private:
    ProgramRef program_;
};

void setup(Context& ctx) {
    auto& chain = ctx.chain();
    auto& src = chain.add<SolidColor>("src").color({0.002f, 0.0f, 0.0f, 1.0f});
    auto& trail = chain.add<Feedback>("trail").input(src).decay(1.0f).mode(FeedbackMode::Add);
    chain.add<Tint>("tint").input(trail);
}

void update(Context& ctx) {
    (void)ctx;  // UPDATE
}

LOOM_CHAIN(setup, update)
