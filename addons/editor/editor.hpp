// addons/editor/editor.hpp — the editor overlay: what a person sees over the output with Tab.
//
//   - Chain: the node graph — operators laid out by depth, wires, pan (right or middle drag) and
//     zoom (wheel), selection; each node shows name, type, size, format, GPU ms and a live
//     thumbnail of its image; an operator in error is red with its message.
//   - Inspector: the selected operator large, and a widget per declared parameter (sliders with
//     the declared ranges, colour pickers, enums, toggles, vectors). An edit applies at once, is
//     marked as edited from outside the code (a reload keeps it), and is saved to
//     <project>/params.json (atomically); "code" puts the value the code set back. params.json is
//     applied at start and after every reload; a corrupt one is reported and ignored.
//   - Performance: frame-time graph, GPU ms and CPU µs per operator (sortable), and per frame the
//     submits, barriers, object creations and descriptor writes (they should read 1, few, 0, 0).
//   - Memory: RSS, heap and GPU bytes over time (the leak watch's series), bytes per operator,
//     the host-visible budget in use.
//   - An error banner for compile and runtime errors (file:line), dismissible, back on the next.
//   - A snapshot button (PNG of the output into the project folder) and a record button: every
//     frame from then on as a PNG sequence (<project>/recordings/<time>/00000.png …) or an MP4
//     through ffmpeg (<project>/recordings/<time>.mp4, at the clock's fps), written by
//     io::FrameRecorder's worker; the output is read back each frame while recording.
// Everything is drawn by OverlayRenderer through Loom's device, so the counters and the leak
// watch see it. Thumbnails are sampled straight from the operators' images (by cookie).
// Threads: the frame loop's thread only.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <loom/result.hpp>

#include "addons/editor/overlay_renderer.hpp"
#include "core/io/frame_recorder.hpp"
#include "core/runtime/engine.hpp"
#include "core/runtime/window.hpp"

struct GLFWwindow;
struct ImGuiContext;

namespace loom::editor {

class Editor final : public runtime::DisplayOverlay {
public:
    // `window` may be null (headless: the caller sets the display size in build() and injects
    // input through ImGui's IO). `target_format` is what record() renders into.
    static Result<std::unique_ptr<Editor>> create(runtime::Engine& engine, GLFWwindow* window,
                                                  const std::filesystem::path& project, VkFormat target_format);
    ~Editor() override;

    // Before the frame: input, then the whole UI, from the last frame's figures. Headless, the
    // display size is `size` and time advances by `dt`.
    void build(Extent size = {}, float dt = 1.0f / 60.0f);
    void record(VkCommandBuffer cmd, gpu::Image& target, std::uint32_t slot) override;

    // After every setup() of the project (start, reload): re-apply params.json.
    void apply_params();
    // Shown in the banner until dismissed (or the next error replaces it).
    void report_error(const std::string& message);

    // Recording (the record button): from the next build() on, every frame's output is written.
    // `video` needs ffmpeg; the error says so. stop_recording() finishes the files and says
    // where they are (the banner on error).
    Result<void> start_recording(bool video);
    void stop_recording();
    bool recording() const { return recorder_ != nullptr; }
    const io::FrameRecorder* recorder() const { return recorder_.get(); }

    // True while a text field or widget of the overlay has the keyboard.
    bool wants_keyboard() const;

    // For tests and scripts: where each parameter widget of the last build() is ("op.param"),
    // in display pixels: x0, y0, x1, y1.
    struct WidgetRect {
        std::string name;
        float x0, y0, x1, y1;
    };
    const std::vector<WidgetRect>& widget_rects() const { return widget_rects_; }
    // Golden tests: timings and memory figures (which vary run to run) are not drawn.
    void set_stable_figures(bool stable) { stable_ = stable; }
    // The selected operator is shown in the inspector and cooked even when the output does not
    // read it (Engine::set_viewed).
    void select(const std::string& op);
    const std::string& selected() const { return selected_; }
    const std::string& banner() const { return banner_; }
    std::filesystem::path params_file() const { return project_ / "params.json"; }
    OverlayRenderer& renderer() { return *renderer_; }
    // The operator image a texture id of the UI names (ids are image cookies, taken when the UI
    // was built), resolved against the chain as it is now; null if it went.
    gpu::Image* texture_image(std::uint64_t id);
    ImGuiContext* context() const { return context_; }

private:
    Editor(runtime::Engine& engine, std::filesystem::path project) : engine_(engine), project_(std::move(project)) {}
    void graph_panel();
    void inspector_panel();
    void performance_panel();
    void memory_panel();
    void banner_panel();
    bool param_widget(ParamBase& p);
    void note_widget(const ParamBase& p);  // its row's rectangle, for tests
    void save_params();
    void sample_memory();

    runtime::Engine& engine_;
    std::filesystem::path project_;
    GLFWwindow* window_ = nullptr;
    ImGuiContext* context_ = nullptr;
    std::unique_ptr<OverlayRenderer> renderer_;
    std::string selected_;
    std::string banner_;
    float pan_[2] = {20.0f, 20.0f};
    float zoom_ = 1.0f;
    std::size_t fitted_nodes_ = 0;  // the node count the graph view was last fitted to

    static constexpr int kHistory = 240;
    std::array<float, kHistory> frame_ms_{}, rss_mb_{}, heap_mb_{}, gpu_mb_{};
    int frame_pos_ = 0, mem_pos_ = 0;
    std::uint64_t frames_seen_ = 0;  // frames with a time (the first has none)
    double next_memory_sample_ = 0.0;
    double clock_ = 0.0;
    std::vector<std::pair<std::string, std::uint64_t>> owner_bytes_;
    std::vector<WidgetRect> widget_rects_;
    bool stable_ = false;
    std::unique_ptr<io::FrameRecorder> recorder_;
    std::uint64_t recorded_ = 0;
    int record_video_ = 0;  // the combo: 0 PNG sequence, 1 MP4
};

}  // namespace loom::editor
