// The editor overlay, headless: rendered into an offscreen image by the same renderer the window
// uses, with input injected through ImGui's IO.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include <imgui.h>

#include "addons/editor/editor.hpp"
#include "core/base/paths.hpp"
#include "core/gpu/device.hpp"
#include "core/graph/operator_state.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

namespace fs = std::filesystem;
constexpr Extent kScreen{1024, 720};

// Records the overlay into an offscreen image at the end of each frame, like the window does.
class OffscreenOverlay final : public runtime::FramePresenter {
public:
    OffscreenOverlay(runtime::DisplayOverlay& overlay, gpu::Image& target) : overlay_(overlay), target_(target) {}
    bool record(VkCommandBuffer cmd, std::uint32_t slot, gpu::Image*, gpu::FrameContext::SubmitSync&) override {
        overlay_.record(cmd, target_, slot);
        return false;  // nothing to present
    }
    void present() override {}

private:
    runtime::DisplayOverlay& overlay_;
    gpu::Image& target_;
};

class EditorTest : public GpuTest {
protected:
    void SetUp() override {
        GpuTest::SetUp();
        project_ = fs::temp_directory_path() / ("loom-editor-" + std::to_string(::getpid()));
        fs::remove_all(project_);
        fs::create_directories(project_);
        auto& n = chain().add<Noise>("noise").scale(3.0f).octaves(3);
        auto& b = chain().add<Blur>("blur").input(n).sigma(1.0f);
        chain().add<HSV>("out").input(b).saturation(1.5f);
        chain().output("out");
        gpu::ImageDesc d;
        d.extent = kScreen;
        d.format = VK_FORMAT_R8G8B8A8_UNORM;
        d.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
        d.name = "test.screen";
        auto img = engine().device().create_image(d);
        ASSERT_TRUE(img.ok()) << img.message();
        screen_ = std::move(*img);
    }
    void TearDown() override {
        engine().set_presenter(nullptr);
        editor_.reset();
        screen_.reset();
        GpuTest::TearDown();
        fs::remove_all(project_);
    }
    void open_editor() {
        auto e = editor::Editor::create(engine(), nullptr, project_, VK_FORMAT_R8G8B8A8_UNORM);
        ASSERT_TRUE(e.ok()) << e.message();
        editor_ = std::move(*e);
        presenter_ = std::make_unique<OffscreenOverlay>(*editor_, screen_);
        engine().set_presenter(presenter_.get());
    }
    // One frame with the overlay built first (as the window loop does).
    void frame() {
        editor_->build(kScreen);
        render(1);
    }
    // A left click at `fx` of the way across `r`, vertically centred, a frame per step.
    void click(const editor::Editor::WidgetRect& r, float fx) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(r.x0 + fx * (r.x1 - r.x0), 0.5f * (r.y0 + r.y1));
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
    }
    const editor::Editor::WidgetRect* rect(const std::string& name) const {
        for (const auto& r : editor_->widget_rects())
            if (r.name == name) return &r;
        return nullptr;
    }

    fs::path project_;
    gpu::Image screen_;
    std::unique_ptr<editor::Editor> editor_;
    std::unique_ptr<OffscreenOverlay> presenter_;
};

// A drag on a slider through ImGui's IO: the parameter changes, the output changes, params.json
// is written, and "code" puts the code's value back.
TEST_F(EditorTest, SliderDragEditsTheParameterAndSavesIt) {
    open_editor();
    render(2);
    const io::Pixels before = read("out");
    editor_->select("blur");
    frame();
    const auto* r = rect("blur.sigma");
    ASSERT_NE(r, nullptr) << "no sigma slider in the inspector";
    click(*r, 0.45f);
    auto* sigma = chain().find("blur")->param("sigma");
    float v = 0;
    sigma->get_floats(&v);
    EXPECT_GT(v, 5.0f) << "the slider did not move the parameter";
    EXPECT_TRUE(sigma->edited());
    render(2);
    const io::Pixels after = read("out");
    const auto cmp = io::compare(after, before, 2.0f / 255.0f);
    EXPECT_GT(cmp.failing_pixels, cmp.total_pixels / 10) << "the output did not change";
    const auto saved = read_file(editor_->params_file());
    ASSERT_TRUE(saved.has_value()) << "params.json was not written";
    EXPECT_NE(saved->find("\"blur\""), std::string::npos) << *saved;
    EXPECT_NE(saved->find("\"sigma\""), std::string::npos) << *saved;

    // params.json is applied again after a rebuild (a reload): the edit survives.
    engine().clear_chain();
    chain().add<Noise>("noise").scale(3.0f).octaves(3);
    chain().add<Blur>("blur").input("noise").sigma(1.0f);
    chain().add<HSV>("out").input("blur").saturation(1.5f);
    editor_->apply_params();
    float again = 0;
    chain().find("blur")->param("sigma")->get_floats(&again);
    EXPECT_NEAR(again, v, 1e-4f);
    chain().find("blur")->param("sigma")->reset_to_code();
    chain().find("blur")->param("sigma")->get_floats(&again);
    EXPECT_NEAR(again, 1.0f, 1e-6f) << "reset to code";
}

// A parameter driven by a value operator is shown with its driver and is not editable; the value
// is a node of the graph with a plot; selecting it shows its value.
TEST_F(EditorTest, ADrivenParameterShowsItsDriverAndIsNotEdited) {
    auto& lfo = chain().add<LFO>("wobble").frequency(1.0f).amplitude(2.0f).offset(4.0f);
    chain().get<Blur>("blur").sigma(lfo);
    open_editor();
    editor_->select("blur");
    for (int i = 0; i < 3; ++i) frame();
    const auto* r = rect("blur.sigma");
    ASSERT_NE(r, nullptr) << "no sigma row in the inspector";
    click(*r, 0.1f);
    auto* sigma = chain().find("blur")->param("sigma");
    EXPECT_FALSE(sigma->edited()) << "a driven parameter was edited";
    float v = 0;
    sigma->get_floats(&v);
    EXPECT_FLOAT_EQ(v, lfo.value());
    EXPECT_FALSE(fs::exists(editor_->params_file()));
    editor_->select("wobble");
    for (int i = 0; i < 2; ++i) frame();
    if (const char* dir = std::getenv("LOOM_TEST_OUTPUT")) {  // to look at
        auto shot = engine().read_image(screen_);
        ASSERT_TRUE(shot.ok()) << shot.message();
        ASSERT_TRUE(io::write_png(fs::path(dir) / "editor_values.png", *shot).ok());
    }
}

// The overlay itself, against a reference (timings hidden: they differ run to run).
TEST_F(EditorTest, OverlayGolden) {
    open_editor();
    editor_->set_stable_figures(std::getenv("LOOM_DEBUG_UNSTABLE") == nullptr);
    editor_->select("blur");
    for (int i = 0; i < 4; ++i) frame();
    auto shot = engine().read_image(screen_);
    ASSERT_TRUE(shot.ok()) << shot.message();
    expect_golden(*shot, "editor_overlay", 8.0f / 255.0f, 0.005);
}

// With the overlay open and every thumbnail drawn, a steady frame creates nothing and writes no
// descriptor (each image's set was made once).
TEST_F(EditorTest, SteadyFramesWithTheOverlayCreateNothing) {
    open_editor();
    editor_->select("noise");
    for (int i = 0; i < 6; ++i) frame();
    const auto growths = editor_->renderer().buffer_growths();
    EXPECT_GT(growths, 0u);
    for (int i = 0; i < 20; ++i) {
        frame();
        const auto& c = engine().stats().last();
        EXPECT_EQ(c.objects_created, 0u) << "frame " << i;
        EXPECT_EQ(c.descriptor_writes, 0u) << "frame " << i;
        EXPECT_EQ(c.descriptor_sets_allocated, 0u) << "frame " << i;
        EXPECT_EQ(c.submits, 1u);
    }
    EXPECT_EQ(editor_->renderer().buffer_growths(), growths) << "vertex/index buffers grew after warm-up";
}

// A history source's output and history trade places every frame; the UI, built before the
// frame, names the image that was the output then, and still shows the output (its preview
// would vanish every other frame otherwise).
TEST_F(EditorTest, AHistorySourceKeepsItsPreview) {
    chain().add<Feedback>("trail").input("out").decay(0.9f);
    chain().output("trail");
    open_editor();
    editor_->select("trail");
    for (int i = 0; i < 4; ++i) frame();
    auto& st = chain().find("trail")->state();
    ASSERT_TRUE(bool(st.history));
    EXPECT_EQ(editor_->texture_image(st.output.cookie()), &st.output);
    EXPECT_EQ(editor_->texture_image(st.history.cookie()), &st.output);
    const std::uint64_t before = st.output.cookie();
    frame();
    EXPECT_NE(st.output.cookie(), before) << "the two images trade places each frame";
    EXPECT_EQ(editor_->texture_image(before), &st.output);
    EXPECT_EQ(editor_->texture_image(12345678u), nullptr);
}

// Selecting an operator the output does not read cooks it (with its inputs), so the viewer
// shows it; selecting another lets it be culled again and its image released.
TEST_F(EditorTest, SelectingAnOperatorNothingReadsCooksIt) {
    chain().add<Blur>("side").input("noise").sigma(2.0f);
    chain().output("out");
    open_editor();
    frame();
    Operator* side = chain().find("side");
    ASSERT_NE(engine().runtime().plan(), nullptr);
    EXPECT_EQ(engine().runtime().plan()->step_of(side), nullptr);
    EXPECT_FALSE(bool(side->state().output)) << "a culled operator has no image";
    editor_->select("side");
    frame();
    frame();
    ASSERT_NE(engine().runtime().plan()->step_of(side), nullptr) << engine().runtime().plan()->order_string();
    ASSERT_TRUE(bool(side->state().output));
    auto px = engine().read(*side);
    ASSERT_TRUE(px.ok()) << px.message();
    float sum = 0;
    for (float v : px->rgba) sum += v;
    EXPECT_GT(sum, 0.0f) << "the viewed operator rendered nothing";
    editor_->select("out");
    frame();
    frame();
    EXPECT_EQ(engine().runtime().plan()->step_of(side), nullptr);
    EXPECT_FALSE(bool(side->state().output));
}

// The record button's path: every frame from the start on is written (PNG sequence, and MP4 when
// ffmpeg is installed) under <project>/recordings/, and recording creates no GPU object.
TEST_F(EditorTest, RecordingWritesEveryFrame) {
    open_editor();
    for (int i = 0; i < 3; ++i) frame();
    ASSERT_TRUE(editor_->start_recording(false).ok());
    ASSERT_TRUE(editor_->recording());
    const std::string pattern = editor_->recorder()->options().png_pattern;
    for (int i = 0; i < 6; ++i) {
        frame();
        EXPECT_EQ(engine().stats().last().objects_created, 0u) << "frame " << i;
    }
    editor_->stop_recording();
    EXPECT_FALSE(editor_->recording());
    EXPECT_EQ(editor_->banner(), "");
    for (std::uint64_t f = 0; f < 6; ++f) {
        auto px = io::read_image(io::frame_path(pattern, f));
        ASSERT_TRUE(px.ok()) << px.message();
        EXPECT_EQ(px->width, engine().runtime().plan()->output->state().output.extent().width);
    }
    EXPECT_FALSE(fs::exists(io::frame_path(pattern, 6)));
    auto video = editor_->start_recording(true);
    if (!io::FrameRecorder::ffmpeg_available()) {
        ASSERT_FALSE(video.ok());
        EXPECT_NE(video.message().find("ffmpeg"), std::string::npos) << video.message();
        return;
    }
    ASSERT_TRUE(video.ok()) << video.message();
    const fs::path mp4 = editor_->recorder()->options().video;
    for (int i = 0; i < 6; ++i) frame();
    editor_->stop_recording();
    EXPECT_EQ(editor_->banner(), "");
    EXPECT_GT(fs::file_size(mp4), 0u);
}

// A corrupt params.json is reported in the banner and ignored; nothing else happens.
TEST_F(EditorTest, CorruptParamsJsonIsReportedAndIgnored) {
    const std::string bad = "{ \"blur\": { \"sigma\": [3.0 ";
    ASSERT_TRUE(write_file_atomic(project_ / "params.json", bad.data(), bad.size()));
    open_editor();
    EXPECT_NE(editor_->banner().find("params.json: it is not valid JSON"), std::string::npos) << editor_->banner();
    float v = 0;
    chain().find("blur")->param("sigma")->get_floats(&v);
    EXPECT_EQ(v, 1.0f);
    frame();
}

}  // namespace
}  // namespace loom::test
