// loom/effects/channel_mix.hpp — ChannelMix: each output channel a weighted sum of the input's red,
// green, blue and alpha, plus an offset, on the premultiplied values (the colour as it shows
// over black).
//
// `red` holds the weights (r, g, b, a) of the output's red, and so on; the defaults pass the input
// through. A swizzle is one 1 per row (`red({0, 0, 1, 0})` takes blue for red).
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class ChannelMix final : public OperatorT<ChannelMix> {
public:
    static constexpr const char* kTypeName = "ChannelMix";

    ChannelMix& red(glm::vec4 v) { red_.set(v); return *this; }
    ChannelMix& green(glm::vec4 v) { green_.set(v); return *this; }
    ChannelMix& blue(glm::vec4 v) { blue_.set(v); return *this; }
    ChannelMix& alpha(glm::vec4 v) { alpha_.set(v); return *this; }
    ChannelMix& offset(glm::vec4 v) { offset_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<glm::vec4> red_{this, "red", {1.0f, 0.0f, 0.0f, 0.0f}, {-16.0f, -16.0f, -16.0f, -16.0f}, {16.0f, 16.0f, 16.0f, 16.0f}};
    Param<glm::vec4> green_{this, "green", {0.0f, 1.0f, 0.0f, 0.0f}, {-16.0f, -16.0f, -16.0f, -16.0f}, {16.0f, 16.0f, 16.0f, 16.0f}};
    Param<glm::vec4> blue_{this, "blue", {0.0f, 0.0f, 1.0f, 0.0f}, {-16.0f, -16.0f, -16.0f, -16.0f}, {16.0f, 16.0f, 16.0f, 16.0f}};
    Param<glm::vec4> alpha_{this, "alpha", {0.0f, 0.0f, 0.0f, 1.0f}, {-16.0f, -16.0f, -16.0f, -16.0f}, {16.0f, 16.0f, 16.0f, 16.0f}};
    Param<glm::vec4> offset_{this, "offset", {0.0f, 0.0f, 0.0f, 0.0f}, {-16.0f, -16.0f, -16.0f, -16.0f}, {16.0f, 16.0f, 16.0f, 16.0f}};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
