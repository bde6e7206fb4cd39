// loom/effects/film_grain.hpp — FilmGrain: animated grain added to the input, new every frame.
//
// `amount` is the grain's strength, `grain_size` its grain in pixels; `colored` gives each channel its
// own grain. The same seed and frame give the same grain.
#pragma once

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class FilmGrain final : public OperatorT<FilmGrain> {
public:
    static constexpr const char* kTypeName = "FilmGrain";

    FilmGrain& amount(Drive<float> v) { amount_.set(v); return *this; }
    FilmGrain& grain_size(Drive<float> v) { grain_size_.set(v); return *this; }
    FilmGrain& colored(Drive<bool> v) { colored_.set(v); return *this; }
    FilmGrain& seed(Drive<int> v) { seed_.set(v); return *this; }

    int min_inputs() const override { return 1; }
    int max_inputs() const override { return 1; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    Param<float> amount_{this, "amount", 0.12f, 0.0f, 2.0f};
    Param<float> grain_size_{this, "grain_size", 1.5f, 1.0f, 64.0f};
    Param<bool> colored_{this, "colored", false, false, true};
    Param<int> seed_{this, "seed", 0, 0, 1000000};
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
