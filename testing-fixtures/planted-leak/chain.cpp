// Fixture: a leak planted on purpose, so we know the watch can fail.
//
// `Hoard` passes its input through and, once a wall-clock second, keeps 64 KiB more heap and one
// more 64 KiB GPU buffer that it never lets go of while it runs — the shape of the leak that
// took weeks to find in the system we learn from (a cache that only grows). `loom watch` must
// report heap, GPU bytes and objects as growing. (They are freed with the operator, so the
// process still exits clean.)
#include <chrono>
#include <memory>
#include <vector>

#include <loom/loom.hpp>

#include "core/gpu/device.hpp"
#include "core/graph/record_context.hpp"

using namespace loom;

class Hoard final : public OperatorT<Hoard> {
public:
    static constexpr const char* kTypeName = "Hoard";
    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }

    Result<void> create(graph::CreateContext& ctx) override {
        auto p = ctx.program({"effects/level.comp", 1, 16});
        if (!p) return p.error();
        program_ = *p;
        return {};
    }

    void record(graph::RecordContext& ctx) override {
        const float identity[4] = {0.0f, 1.0f, 1.0f, 1.0f};  // brightness, contrast, gamma, opacity
        ctx.dispatch(*program_, {gpu::ImageBinding{&ctx.input(0)}}, ctx.output(), identity, sizeof identity);
        const auto now = std::chrono::steady_clock::now();
        if (now - last_ < std::chrono::seconds(1)) return;
        last_ = now;
        heap_.push_back(std::make_unique<std::vector<char>>(64 * 1024, 'x'));
        gpu::BufferDesc d;
        d.size = 64 * 1024;
        d.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT;
        d.name = "planted-leak";
        d.owner = name().c_str();
        if (auto b = ctx.device().create_buffer(d)) buffers_.push_back(std::move(*b));
    }

private:
    gpu::Program* program_ = nullptr;
    std::chrono::steady_clock::time_point last_{};
    std::vector<std::unique_ptr<std::vector<char>>> heap_;
    std::vector<gpu::Buffer> buffers_;
};

void setup(Context& ctx) {
    auto& chain = ctx.chain();
    auto& noise = chain.add<Noise>("noise").scale(3.0f).octaves(2);
    chain.add<Hoard>("hoard").input(noise);
}

LOOM_CHAIN(setup, nullptr)
