// tests/gpu/gpu_test.hpp — the fixture every GPU test uses.
//
// Each test gets an Engine on the default device (lavapipe where there is no GPU) with the
// Khronos validation layer on; TearDown fails the test if the layer said anything. Golden images
// compare with 5/255 per channel and 0.1% of pixels; a failure writes the actual image and a diff
// to $LOOM_TEST_OUTPUT. LOOM_BLESS=1 writes the references instead (tests/bless.sh).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include <loom/loom.hpp>

#include "core/runtime/engine.hpp"
#include "core/runtime/stats.hpp"

namespace loom::test {

runtime::EngineConfig test_config(Extent canvas = {96, 64});

class GpuTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;
    // Recreates the engine with another configuration (validation stays on).
    void restart(const runtime::EngineConfig& config);
    // Destroys the engine; fails the test if the validation layer said anything, even while
    // the device was being destroyed.
    void destroy_engine();

    runtime::Engine& engine() { return *engine_; }
    Chain& chain() { return engine_->chain(); }

    // Renders `frames` frames; every frame must succeed.
    void render(int frames = 1);
    // Renders `frames` frames (with `update`) and returns what they created, wrote and submitted
    // (a frame that fails is a test failure and ends the run).
    runtime::FrameCounters counted_frames(int frames, runtime::Engine::UpdateFn update = {});
    io::Pixels read(const Operator& op);
    io::Pixels read(std::string_view name) { return read(*chain().find(name)); }

    // Compares with tests/golden/<name>.png (see above).
    void expect_golden(const io::Pixels& actual, const std::string& name, float tolerance = 5.0f / 255.0f,
                       double max_failing_fraction = 0.001);

    std::unique_ptr<runtime::Engine> engine_;
};

// A GpuTest whose engine also searches a fresh temporary folder for shaders, as `loom run` does
// with a project's folder; write() puts a file there.
class ProjectFolderTest : public GpuTest {
protected:
    void SetUp() override;
    void TearDown() override;
    void write(const std::string& name, const std::string& text);
    std::filesystem::path dir_;
};

}  // namespace loom::test
