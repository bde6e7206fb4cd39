// loom/effects/tile.hpp — Tile: the input repeated `count` times across and down.
//
// `offset` (in tiles) slides the grid; with `mirror` every other tile is reflected, so edges meet
// without seams.
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class Tile final : public OperatorT<Tile> {
public:
    static constexpr const char* kTypeName = "Tile";

    Tile& count(glm::vec2 v) { count_.set(v); return *this; }
    Tile& offset(glm::vec2 v) { offset_.set(v); return *this; }
    Tile& mirror(Drive<bool> v) { mirror_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<glm::vec2> count_{this, "count", {3.0f, 3.0f}, {0.01f, 0.01f}, {1024.0f, 1024.0f}};
    Param<glm::vec2> offset_{this, "offset", {0.0f, 0.0f}, {-1000000.0f, -1000000.0f}, {1000000.0f, 1000000.0f}};
    Param<bool> mirror_{this, "mirror", false, false, true};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
