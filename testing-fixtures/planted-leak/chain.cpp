// Fixture: a leak planted on purpose, so we know the watch can fail.
//
// `Hoard` passes its input through and, once a wall-clock second, keeps 64 KiB more heap and one
// more 64 KiB GPU image (a scratch image under a new index) that it never lets go of while it runs — the shape of the leak that
// took weeks to find in the system we learn from (a cache that only grows). `loom watch` must
// report heap, GPU bytes and objects as growing. (They are freed with the operator, so the
// process still exits clean.)
#include <chrono>
#include <memory>
#include <vector>

#include <loom/loom.hpp>

using namespace loom;

class Hoard final : public CustomOperator<Hoard> {
public:
    static constexpr const char* kTypeName = "Hoard";
    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }

    Result<void> build(BuildContext& ctx) override {
        return ctx.program(program_, "effects/level.comp", 1, sizeof(float) * 4);
    }

    void run(PassContext& ctx) override {
        const float identity[4] = {0.0f, 1.0f, 1.0f, 1.0f};  // brightness, contrast, gamma, opacity
        ctx.dispatch(program_, {ctx.input(0)}, ctx.output(), identity);
        const auto now = std::chrono::steady_clock::now();
        if (now - last_ < std::chrono::seconds(1)) return;
        last_ = now;
        heap_.push_back(std::make_unique<std::vector<char>>(64 * 1024, 'x'));
        // 128x64 RGBA16F: 64 KiB more GPU memory and one more image, under an index never reused.
        ctx.scratch(kept_++, {128, 64}, Format::RGBA16F);
    }

private:
    ProgramRef program_;
    std::chrono::steady_clock::time_point last_{};
    std::vector<std::unique_ptr<std::vector<char>>> heap_;
    std::uint32_t kept_ = 0;
};

void setup(Context& ctx) {
    auto& chain = ctx.chain();
    auto& noise = chain.add<Noise>("noise").scale(3.0f).octaves(2);
    chain.add<Hoard>("hoard").input(noise);
}

LOOM_CHAIN(setup, nullptr)
