// addons/editor/editor.cpp
//
// Sections: 1. lifetime and frame  2. node graph  3. inspector and params.json  4. performance
// 5. memory  6. banner
#include "addons/editor/editor.hpp"
#include "addons/editor/params_file.hpp"

#include <algorithm>
#include <cstring>
#include <ctime>
#include <map>

#include <backends/imgui_impl_glfw.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include "core/base/paths.hpp"
#include "core/graph/operator_state.hpp"
#include "core/runtime/heap_counter.hpp"

namespace loom::editor {

namespace {


ImTextureID texture_id(std::uint64_t cookie) { return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(cookie)); }

// The image an operator rendered last, or nullptr.
gpu::Image* image_of(Operator& op) {
    auto& st = op.state();
    return st.output ? &st.output : nullptr;
}

// A ring of samples as a line, oldest first, scaled from 0 to a little above its maximum so a
// flat series is a visible line, not the plot's edge.
void plot(const char* id, const float* ring, int written, const char* label, float height) {
    constexpr int n = 240;
    const int count = std::min(written, n);
    const int offset = written > n ? written % n : 0;
    float hi = 0.0f;
    for (int i = 0; i < count; ++i) hi = std::max(hi, ring[i]);
    ImGui::PlotLines(id, ring, count, offset, label, 0.0f, hi * 1.25f + 1e-3f,
                     ImVec2(ImGui::GetContentRegionAvail().x, height));
}

// First placement of a panel, as fractions of the display (a small window gets small panels).
void place(float x, float y, float w, float h) {
    const ImVec2 d = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(x * d.x, y * d.y), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(w * d.x, h * d.y), ImGuiCond_FirstUseEver);
}

// The value's recent past as a line in the box a..b, scaled to its own range.
void plot_values(ImDrawList* dl, const ValueOperator& value, ImVec2 a, ImVec2 b) {
    float h[ValueOperator::kHistory];
    const int n = value.history(h);
    if (n < 2 || b.x - a.x < 4.0f || b.y - a.y < 4.0f) return;
    float lo = h[0], hi = h[0];
    for (int i = 1; i < n; ++i) lo = std::min(lo, h[i]), hi = std::max(hi, h[i]);
    if (hi - lo < 1e-6f) lo -= 0.5f, hi += 0.5f;
    dl->AddRectFilled(a, b, IM_COL32(20, 20, 24, 200), 3.0f);
    ImVec2 prev;
    for (int i = 0; i < n; ++i) {
        const ImVec2 p(a.x + (b.x - a.x) * float(i) / float(ValueOperator::kHistory - 1),
                       b.y - (b.y - a.y) * (h[i] - lo) / (hi - lo));
        if (i) dl->AddLine(prev, p, IM_COL32(255, 170, 60, 255), 1.5f);
        prev = p;
    }
}

}  // namespace

// --- 1. lifetime and frame ----------------------------------------------------------------------

Result<std::unique_ptr<Editor>> Editor::create(runtime::Engine& engine, GLFWwindow* window,
                                               const std::filesystem::path& project, VkFormat target_format) {
    std::unique_ptr<Editor> e(new Editor(engine, project));
    e->window_ = window;
    e->context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(e->context_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout is not persisted; params.json is
    io.LogFilename = nullptr;
    ImGui::StyleColorsDark();
    ImGui::GetStyle().WindowRounding = 4.0f;
    ImGui::GetStyle().Colors[ImGuiCol_WindowBg].w = 0.88f;
    if (window && !ImGui_ImplGlfw_InitForVulkan(window, true)) return make_error("the editor could not take the window's input");
    auto r = OverlayRenderer::create(engine.device(), engine.shaders(), engine.descriptors(), target_format);
    if (!r) return r.error();
    e->renderer_ = std::move(*r);
    e->apply_params();
    return e;
}

Editor::~Editor() {
    stop_recording();
    if (!context_) return;
    ImGui::SetCurrentContext(context_);
    if (window_) ImGui_ImplGlfw_Shutdown();
    renderer_.reset();
    ImGui::DestroyContext(context_);
}

void Editor::build(Extent size, float dt) {
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    if (window_) {
        ImGui_ImplGlfw_NewFrame();
    } else {
        io.DisplaySize = ImVec2(float(size.width), float(size.height));
        io.DeltaTime = dt;
    }
    clock_ += io.DeltaTime;
    if (recorder_) {
        // The frame rendered last (the output as it is now), read back and queued.
        auto px = engine_.read_output();
        auto w = px ? recorder_->write(recorded_, std::move(*px)) : Result<void>(px.error());
        if (w) {
            ++recorded_;
        } else {
            report_error("recording stopped: " + w.message());
            stop_recording();
        }
    }
    const float frame_ms = static_cast<float>(engine_.stats().last_frame_ms());
    if (frame_pos_ == 0) {
        // The rings start full (of the first value), so the plots draw the same number of
        // vertices from the first frame on: the overlay's buffers do not creep up for minutes.
        frame_ms_.fill(frame_ms);
        frame_pos_ = kHistory;
    }
    frame_ms_[static_cast<std::size_t>(frame_pos_++ % kHistory)] = frame_ms;
    if (frame_ms > 0.0f) ++frames_seen_;
    widget_rects_.clear();
    if (clock_ >= next_memory_sample_) {
        sample_memory();
        next_memory_sample_ = clock_ + 0.5;
    }
    ImGui::NewFrame();
    graph_panel();
    inspector_panel();
    performance_panel();
    memory_panel();
    banner_panel();
    ImGui::Render();
}

void Editor::select(const std::string& op) {
    selected_ = op;
    engine_.set_viewed(op);
}

bool Editor::wants_keyboard() const {
    ImGui::SetCurrentContext(context_);
    return ImGui::GetIO().WantCaptureKeyboard;
}

void Editor::record(VkCommandBuffer cmd, gpu::Image& target, std::uint32_t slot) {
    ImGui::SetCurrentContext(context_);
    // Texture ids are image cookies; resolve them against the chain as it is now (after update()
    // and the chain's compile), so an image that went since the UI was built is simply skipped.
    auto resolve = [this](std::uint64_t cookie) { return texture_image(cookie); };
    renderer_->record(cmd, target, slot, ImGui::GetDrawData(), resolve);
}

gpu::Image* Editor::texture_image(std::uint64_t id) {
    for (const auto& op : engine_.chain().operators()) {
        gpu::Image* img = image_of(*op);
        if (img && img->cookie() == id) return img;
        // A history source's output and history trade places at each frame's start: an id that
        // is its history now was its output when the UI was built, so it shows the output.
        const gpu::Image& history = op->state().history;
        if (img && history && history.cookie() == id) return img;
    }
    return nullptr;
}

// --- 2. node graph ------------------------------------------------------------------------------

void Editor::graph_panel() {
    place(0.01f, 0.015f, 0.60f, 0.46f);
    if (!ImGui::Begin("Chain")) return ImGui::End();
    const graph::Plan* plan = engine_.runtime().plan();
    if (!plan) {
        ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "The chain has not compiled.");
        return ImGui::End();
    }
    // Nodes: the plan's steps (cooked), then the operators nothing reads (not cooked until
    // selected: the viewer cooks the selected one). Depth is the longest path from a source;
    // history inputs do not count (they are last frame's).
    // Value operators (no image) come after them: their number and a plot of its recent past,
    // with an orange wire to each operator whose parameter they drive.
    struct Node {
        Operator* op;
        const graph::PlanStep* step;  // null: culled, or a value
        std::vector<std::pair<Operator*, bool>> inputs;  // (input, is history)
        std::vector<Operator*> drivers;                  // value operators driving its parameters
    };
    std::vector<Node> nodes;
    auto drivers_of = [](const Operator& op) {
        std::vector<Operator*> d;
        for (const ParamBase* p : op.params())
            for (int c = 0; c < p->components(); ++c)
                if (ValueOperator* v = p->driver(c); v && std::find(d.begin(), d.end(), v) == d.end()) d.push_back(v);
        return d;
    };
    for (const auto& step : plan->steps) {
        Node n{step.op, &step, {}, drivers_of(*step.op)};
        for (std::size_t i = 0; i < step.inputs.size(); ++i) n.inputs.emplace_back(step.inputs[i], step.input_is_history[i]);
        nodes.push_back(std::move(n));
    }
    for (Operator* op : plan->culled) {
        Node n{op, nullptr, {}, drivers_of(*op)};
        for (const InputRef& r : op->input_refs())
            if (Operator* in = r.op ? r.op : engine_.chain().find(r.name)) n.inputs.emplace_back(in, r.history);
        nodes.push_back(std::move(n));
    }
    for (ValueOperator* v : plan->values) nodes.push_back(Node{v, nullptr, {}, drivers_of(*v)});
    std::map<const Operator*, int> depth;
    std::map<int, int> rows;
    std::map<const Operator*, ImVec2> pos;
    // Culled operators may read each other in any order: passes go on until no depth changes
    // (the chain compiled, so its inputs have no cycle and this ends).
    for (bool changed = true; changed;) {
        changed = false;
        for (const Node& n : nodes) {
            int d = 0;
            for (const auto& [in, history] : n.inputs)
                if (!history && depth.count(in)) d = std::max(d, depth[in] + 1);
            if (n.op->is_value())  // values line up after the values driving them
                for (Operator* v : n.drivers)
                    if (depth.count(v)) d = std::max(d, depth[v] + 1);
            auto [it, added] = depth.try_emplace(n.op, d);
            if (added || it->second != d) {  // a node met for the first time may be read by one before it
                it->second = d;
                changed = true;
            }
        }
    }
    ImVec2 extent(0, 0);
    for (const Node& n : nodes) {
        const int d = depth[n.op];
        pos[n.op] = ImVec2(float(d) * 210.0f, float(rows[d]++) * 170.0f);
        extent.x = std::max(extent.x, pos[n.op].x + 180.0f);
        extent.y = std::max(extent.y, pos[n.op].y + 150.0f);
    }
    if (ImGui::SmallButton("Fit")) fitted_nodes_ = 0;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Fit the whole chain in the panel (pan: right drag, zoom: wheel)");
    ImGui::SameLine();
    ImGui::TextDisabled("%zu cooked, %zu not read by the output, %zu value%s", plan->steps.size(), plan->culled.size(),
                        plan->values.size(), plan->values.size() == 1 ? "" : "s");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // Fit the layout to the panel at start and whenever the number of nodes changes (a reload
    // that adds or removes operators), or on "Fit".
    if (fitted_nodes_ != nodes.size() && avail.x > 50.0f && avail.y > 50.0f) {
        fitted_nodes_ = nodes.size();
        zoom_ = std::clamp(std::min((avail.x - 20.0f) / extent.x, (avail.y - 20.0f) / extent.y), 0.3f, 1.5f);
        pan_[0] = std::max(10.0f, (avail.x - extent.x * zoom_) * 0.5f);
        pan_[1] = std::max(10.0f, (avail.y - extent.y * zoom_) * 0.5f);
    }
    ImGui::InvisibleButton("canvas", ImVec2(std::max(avail.x, 50.0f), std::max(avail.y, 50.0f)),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                               ImGuiButtonFlags_MouseButtonMiddle);
    const bool hovered = ImGui::IsItemHovered();
    ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsItemActive() &&
        (ImGui::IsMouseDragging(ImGuiMouseButton_Right) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle)))
        pan_[0] += io.MouseDelta.x, pan_[1] += io.MouseDelta.y;
    if (hovered && io.MouseWheel != 0.0f) zoom_ = std::clamp(zoom_ * (io.MouseWheel > 0 ? 1.1f : 1 / 1.1f), 0.3f, 2.5f);
    dl->PushClipRect(origin, ImVec2(origin.x + avail.x, origin.y + avail.y), true);
    const float z = zoom_;
    const ImVec2 node_size(180.0f * z, 150.0f * z);
    auto at = [&](const Operator* op) {
        const ImVec2 p = pos[op];
        return ImVec2(origin.x + pan_[0] + p.x * z, origin.y + pan_[1] + p.y * z);
    };
    // Wires under the nodes: output (right) to input (left); history inputs grey.
    for (const Node& n : nodes)
        for (std::size_t i = 0; i < n.inputs.size(); ++i) {
            const auto& [in, history] = n.inputs[i];
            if (!pos.count(in)) continue;
            const ImVec2 a = at(in), b = at(n.op);
            const ImVec2 p0(a.x + node_size.x, a.y + node_size.y * 0.5f);
            const ImVec2 p3(b.x, b.y + 20.0f * z + 12.0f * z * float(i));
            const float dx = std::max(40.0f * z, (p3.x - p0.x) * 0.5f);
            const ImU32 colour = history ? IM_COL32(150, 150, 150, 160)
                                 : n.step ? IM_COL32(120, 190, 255, 220)
                                          : IM_COL32(120, 190, 255, 90);
            dl->AddBezierCubic(p0, ImVec2(p0.x + dx, p0.y), ImVec2(p3.x - dx, p3.y), p3, colour, 2.0f * z);
        }
    for (const Node& n : nodes)
        for (Operator* v : n.drivers) {
            if (!pos.count(v)) continue;
            const ImVec2 a = at(v), b = at(n.op);
            const ImVec2 p0(a.x + node_size.x, a.y + node_size.y * 0.5f);
            const ImVec2 p3(b.x + node_size.x * 0.5f, b.y + node_size.y);
            dl->AddBezierCubic(p0, ImVec2(p0.x + 60.0f * z, p0.y), ImVec2(p3.x, p3.y + 60.0f * z), p3,
                               IM_COL32(255, 170, 60, 200), 1.5f * z);
        }
    for (const Node& n : nodes) {
        Operator& op = *n.op;
        const ImVec2 a = at(&op);
        const ImVec2 b(a.x + node_size.x, a.y + node_size.y);
        const bool sel = op.name() == selected_;
        const ImU32 fill = op.failed()     ? IM_COL32(120, 30, 30, 235)
                           : n.step        ? IM_COL32(38, 42, 52, 235)
                           : op.is_value() ? IM_COL32(52, 40, 30, 235)
                                           : IM_COL32(30, 32, 38, 170);
        dl->AddRectFilled(a, b, fill, 6.0f * z);
        dl->AddRect(a, b, sel ? IM_COL32(255, 200, 80, 255) : IM_COL32(90, 100, 120, 255), 6.0f * z, 0,
                    sel ? 2.5f : 1.0f);
        char line[160];
        std::snprintf(line, sizeof line, "%s  (%s)", op.name().c_str(), op.type_name());
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * z, ImVec2(a.x + 6 * z, a.y + 4 * z),
                    IM_COL32(240, 240, 240, 255), line);
        const auto* value = op.is_value() ? static_cast<const ValueOperator*>(&op) : nullptr;
        if (n.step)
            std::snprintf(line, sizeof line, "%ux%u %s  %.3f ms", n.step->extent.width, n.step->extent.height,
                          format_name(n.step->format), stable_ ? 0.0 : op.state().gpu_ms);
        else if (value)
            std::snprintf(line, sizeof line, "value %.4g", double(value->value()));
        else
            std::snprintf(line, sizeof line, "not cooked: the output does not read it");
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.85f * z, ImVec2(a.x + 6 * z, a.y + 20 * z),
                    IM_COL32(170, 180, 200, 255), line);
        if (gpu::Image* img = n.step ? image_of(op) : nullptr; img && !op.failed()) {
            // The live thumbnail, aspect kept, in the node's lower part.
            const float tw = node_size.x - 12 * z, th = node_size.y - 44 * z;
            const float s = std::min(tw / float(img->extent().width), th / float(img->extent().height));
            const ImVec2 size(float(img->extent().width) * s, float(img->extent().height) * s);
            const ImVec2 t0(a.x + (node_size.x - size.x) * 0.5f, a.y + 38 * z + (th - size.y) * 0.5f);
            dl->AddImage(texture_id(img->cookie()), t0, ImVec2(t0.x + size.x, t0.y + size.y));
        } else if (op.failed()) {
            dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.85f * z, ImVec2(a.x + 6 * z, a.y + 40 * z),
                        IM_COL32(255, 170, 170, 255), op.error().c_str(), nullptr, node_size.x - 12 * z);
        } else if (value) {
            plot_values(dl, *value, ImVec2(a.x + 6 * z, a.y + 40 * z), ImVec2(b.x - 6 * z, b.y - 6 * z));
        } else if (!n.step) {
            dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.85f * z, ImVec2(a.x + 6 * z, a.y + 40 * z),
                        IM_COL32(150, 160, 180, 255), "select to view it", nullptr, node_size.x - 12 * z);
        }
        if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && io.MousePos.x >= a.x && io.MousePos.x <= b.x &&
            io.MousePos.y >= a.y && io.MousePos.y <= b.y)
            select(op.name());
    }
    dl->PopClipRect();
    ImGui::End();
}

// --- 3. inspector and params.json ---------------------------------------------------------------

void Editor::note_widget(const ParamBase& p) {
    if (p.owner())
        widget_rects_.push_back({p.owner()->name() + "." + p.name(), ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                                 ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y});
}

bool Editor::param_widget(ParamBase& p) {
    float v[4], lo[4], hi[4];
    p.get_floats(v);
    p.min_floats(lo);
    p.max_floats(hi);
    bool changed = false;
    const char* name = p.name();
    if (p.driven()) {
        // A value operator sets it every frame: shown, not edited.
        std::string by;
        for (int c = 0; c < p.components(); ++c)
            if (const ValueOperator* d = p.driver(c); d && by.find("'" + d->name() + "'") == std::string::npos)
                by += (by.empty() ? "" : ", ") + ("'" + d->name() + "'");
        std::string text;
        for (int c = 0; c < p.components(); ++c) text += fmt::format("{}{:.4g}", c ? ", " : "", v[c]);
        ImGui::BeginDisabled();
        ImGui::LabelText(name, "%s", text.c_str());
        note_widget(p);
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1.0f, 0.67f, 0.24f, 1.0f), "<- %s", by.c_str());
        return false;
    }
    switch (p.type()) {
        case ParamType::Float: changed = ImGui::SliderFloat(name, v, lo[0], hi[0]); break;
        case ParamType::Int: {
            int i = int(v[0]);
            // ImGui's sliders take half the int range at most: wide ranges (seeds) are dragged.
            if (hi[0] - lo[0] > 1.0e6f)
                changed = ImGui::DragInt(name, &i, 1.0f, int(std::max(lo[0], -1.0e9f)), int(std::min(hi[0], 1.0e9f)));
            else
                changed = ImGui::SliderInt(name, &i, int(lo[0]), int(hi[0]));
            v[0] = float(i);
            break;
        }
        case ParamType::Bool: {
            bool b = v[0] >= 0.5f;
            changed = ImGui::Checkbox(name, &b);
            v[0] = b ? 1.0f : 0.0f;
            break;
        }
        case ParamType::Vec2: changed = ImGui::SliderFloat2(name, v, lo[0], hi[0]); break;
        case ParamType::Vec3: changed = ImGui::SliderFloat3(name, v, lo[0], hi[0]); break;
        case ParamType::Vec4:
            if (std::strstr(name, "color"))
                changed = ImGui::ColorEdit4(name, v, ImGuiColorEditFlags_Float | ImGuiColorEditFlags_HDR);
            else
                changed = ImGui::SliderFloat4(name, v, lo[0], hi[0]);
            break;
        case ParamType::Enum: {
            int i = int(v[0]);
            const auto labels = p.labels();
            changed = ImGui::Combo(name, &i, labels.data(), int(labels.size()));
            v[0] = float(i);
            break;
        }
    }
    if (changed) p.set_edited(v);
    note_widget(p);
    const bool done = ImGui::IsItemDeactivatedAfterEdit() || (changed && !ImGui::IsItemActive());
    if (p.edited()) {
        ImGui::SameLine();
        ImGui::PushID(name);
        if (ImGui::SmallButton("code")) {
            p.reset_to_code();
            ImGui::PopID();
            return true;
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the value the code sets");
        ImGui::PopID();
    }
    return done;
}

void Editor::inspector_panel() {
    place(0.625f, 0.015f, 0.355f, 0.64f);
    if (!ImGui::Begin("Inspector")) return ImGui::End();
    Operator* op = selected_.empty() ? nullptr : engine_.chain().find(selected_);
    if (!op) {
        ImGui::TextWrapped("Select an operator in the chain.");
        return ImGui::End();
    }
    ImGui::Text("%s  (%s)", op->name().c_str(), op->type_name());
    if (op->is_value()) {
        const auto& value = static_cast<const ValueOperator&>(*op);
        ImGui::Text("value %.6g", double(value.value()));
        const ImVec2 a = ImGui::GetCursorScreenPos();
        const ImVec2 size(ImGui::GetContentRegionAvail().x, 80.0f);
        plot_values(ImGui::GetWindowDrawList(), value, a, ImVec2(a.x + size.x, a.y + size.y));
        ImGui::Dummy(size);
    }
    if (op->failed()) ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%s", op->error().c_str());
    if (gpu::Image* img = image_of(*op); img && !op->failed()) {
        const float w = ImGui::GetContentRegionAvail().x;
        const float h = w * float(img->extent().height) / float(std::max(1u, img->extent().width));
        ImGui::Image(texture_id(img->cookie()), ImVec2(w, h));
    }
    bool save = false;
    for (ParamBase* p : op->params()) save = param_widget(*p) || save;
    if (save) save_params();
    ImGui::End();
}

void Editor::save_params() {
    std::vector<ParamValue> values;
    for (const auto& op : engine_.chain().operators())
        for (ParamBase* p : op->params()) {
            if (!p->edited()) continue;
            ParamValue v{op->name(), p->name(), p->components()};
            p->get_floats(v.v);
            values.push_back(std::move(v));
        }
    const std::string text = format_params(values);
    if (!write_file_atomic(params_file(), text.data(), text.size()))
        report_error("cannot write " + params_file().string() + ": " + std::strerror(errno));
}

void Editor::apply_params() {
    auto text = read_file(params_file());
    if (!text) return;
    auto values = parse_params(*text);
    if (!values) {
        report_error(params_file().string() + ": " + values.message() + "; it was ignored. Fix: correct or delete it.");
        return;
    }
    for (const ParamValue& v : *values) {
        Operator* op = engine_.chain().find(v.op);
        ParamBase* p = op ? op->param(v.param) : nullptr;  // an operator or parameter the code no longer has
        if (p && p->components() == v.components) p->set_edited(v.v);
    }
}

// --- 4. performance -----------------------------------------------------------------------------

void Editor::performance_panel() {
    place(0.01f, 0.49f, 0.40f, 0.42f);
    if (!ImGui::Begin("Performance")) return ImGui::End();
    auto& stats = engine_.stats();
    // Median and p90 of the frames measured so far in the graph (a fixed array: no allocation per
    // frame) — not of the ring's starting fill, which would show the first frame's value (0 ms)
    // until half the history had gone by.
    std::array<float, kHistory> sorted{};
    const int count = static_cast<int>(std::min<std::uint64_t>(frames_seen_, kHistory));
    for (int i = 0; i < count; ++i)
        sorted[static_cast<std::size_t>(i)] = frame_ms_[static_cast<std::size_t>((frame_pos_ - 1 - i) % kHistory)];
    std::sort(sorted.begin(), sorted.begin() + count);
    const float median = count ? sorted[static_cast<std::size_t>(count / 2)] : 0.0f;
    const float p90 = count ? sorted[static_cast<std::size_t>((count - 1) * 9 / 10)] : 0.0f;
    if (!stable_) {
        ImGui::Text("frame %.2f ms median, %.2f p90   GPU %.2f ms", median, p90, stats.last_gpu_ms());
        plot("##frame", frame_ms_.data(), frame_pos_, "frame ms", 50.0f);
    }
    const auto& c = stats.last();
    ImGui::Text("per frame: %llu submit, %llu barriers", static_cast<unsigned long long>(c.submits),
                static_cast<unsigned long long>(c.barriers));
    ImGui::Text("           %llu objects created, %llu descriptor writes",
                static_cast<unsigned long long>(c.objects_created), static_cast<unsigned long long>(c.descriptor_writes));
    if (ImGui::Button(recorder_ ? "Stop" : "Record")) {
        if (recorder_)
            stop_recording();
        else if (auto r = start_recording(record_video_ == 1); !r)
            report_error("record: " + r.message());
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", recorder_ ? "Finish the recording" : "Write every frame from now on into recordings/");
    ImGui::SameLine();
    if (recorder_) {
        ImGui::TextColored(ImVec4(1, 0.35f, 0.35f, 1), "REC %llu frames", static_cast<unsigned long long>(recorded_));
    } else {
        ImGui::SetNextItemWidth(120);
        ImGui::Combo("##format", &record_video_, "PNG sequence\0MP4 (ffmpeg)\0");
    }
    ImGui::SameLine();
    if (ImGui::Button("Snapshot")) {
        const auto file = project_ / ("snapshot-" + std::to_string(engine_.frames_rendered()) + ".png");
        auto px = engine_.read_output();
        auto w = px ? io::write_png(file, *px) : Result<void>(px.error());
        if (w)
            spdlog::info("snapshot written to {}", file.string());
        else
            report_error("snapshot: " + w.message());
    }
    const graph::Plan* plan = engine_.runtime().plan();
    if (plan && ImGui::BeginTable("ops", 3,
                                  ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                      ImGuiTableFlags_BordersInnerV,
                                  ImVec2(0, 0))) {
        ImGui::TableSetupColumn("operator");
        ImGui::TableSetupColumn("GPU ms", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending);
        ImGui::TableSetupColumn("CPU us", ImGuiTableColumnFlags_PreferSortDescending);
        ImGui::TableHeadersRow();
        std::vector<Operator*> ops;
        ops.reserve(plan->steps.size());
        for (const auto& s : plan->steps) ops.push_back(s.op);
        // (With stable figures the timings are hidden, so they do not order the rows either.)
        if (const ImGuiTableSortSpecs* spec = ImGui::TableGetSortSpecs(); spec && spec->SpecsCount > 0 && !stable_) {
            const int col = spec->Specs[0].ColumnIndex;
            const bool asc = spec->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
            std::stable_sort(ops.begin(), ops.end(), [&](Operator* a, Operator* b) {
                const double ka = col == 1 ? a->state().gpu_ms : col == 2 ? a->state().cpu_record_ms : 0.0;
                const double kb = col == 1 ? b->state().gpu_ms : col == 2 ? b->state().cpu_record_ms : 0.0;
                if (col == 0) return asc ? a->name() < b->name() : a->name() > b->name();
                return asc ? ka < kb : ka > kb;
            });
        }
        for (Operator* op : ops) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (ImGui::Selectable(op->name().c_str(), op->name() == selected_)) select(op->name());
            ImGui::TableNextColumn();
            ImGui::Text("%.3f", stable_ ? 0.0 : op->state().gpu_ms);
            ImGui::TableNextColumn();
            ImGui::Text("%.0f", stable_ ? 0.0 : op->state().cpu_record_ms * 1000.0);
            // Its named passes (Render3D: shadow maps, visibility or main pass, lighting), under it.
            const auto& st = op->state();
            for (std::uint32_t k = 0; k < st.gpu_section_count; ++k) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextDisabled("  %s", st.gpu_sections[k].label);
                ImGui::TableNextColumn();
                ImGui::TextDisabled("%.3f", stable_ ? 0.0 : st.gpu_sections[k].ms);
                ImGui::TableNextColumn();
            }
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

Result<void> Editor::start_recording(bool video) {
    stop_recording();
    std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
    io::FrameRecorder::Options o;
    if (video)
        o.video = project_ / "recordings" / (std::string(stamp) + ".mp4");
    else
        o.png_pattern = (project_ / "recordings" / stamp / "%05llu.png").string();
    o.fps = engine_.clock().fps();
    auto r = io::FrameRecorder::open(std::move(o));
    if (!r) return r.error();
    recorder_ = std::move(*r);
    recorded_ = 0;
    spdlog::info("recording to {}", recorder_->describe());
    return {};
}

void Editor::stop_recording() {
    if (!recorder_) return;
    auto r = recorder_->finish();
    if (r)
        spdlog::info("recorded {} frames to {}", recorder_->written(), recorder_->describe());
    else
        report_error("recording: " + r.message() + " (" + std::to_string(recorder_->written()) +
                     " frames were written to " + recorder_->describe() + ")");
    recorder_.reset();
}

// --- 5. memory ----------------------------------------------------------------------------------

void Editor::sample_memory() {
    const auto m = engine_.device().memory().snapshot();
    const float rss = float(runtime::rss_kib()) / 1024.0f;
    const float heap = float(runtime::heap_in_use_bytes()) / (1024.0f * 1024.0f);
    const float gpu = float(m.total_bytes()) / (1024.0f * 1024.0f);
    if (mem_pos_ == 0) {  // start full, as the frame-time ring does
        rss_mb_.fill(rss);
        heap_mb_.fill(heap);
        gpu_mb_.fill(gpu);
        mem_pos_ = kHistory;
    }
    const auto i = static_cast<std::size_t>(mem_pos_++ % kHistory);
    rss_mb_[i] = rss;
    heap_mb_[i] = heap;
    gpu_mb_[i] = gpu;
    owner_bytes_ = engine_.device().memory().per_owner();
}

void Editor::memory_panel() {
    place(0.42f, 0.67f, 0.35f, 0.32f);
    if (!ImGui::Begin("Memory")) return ImGui::End();
    if (stable_) return ImGui::End();
    const auto last = static_cast<std::size_t>((mem_pos_ + kHistory - 1) % kHistory);
    char label[64];
    std::snprintf(label, sizeof label, "RSS %.1f MB", rss_mb_[last]);
    plot("##rss", rss_mb_.data(), mem_pos_, label, 36.0f);
    std::snprintf(label, sizeof label, "heap %.1f MB", heap_mb_[last]);
    plot("##heap", heap_mb_.data(), mem_pos_, label, 36.0f);
    std::snprintf(label, sizeof label, "GPU %.1f MB", gpu_mb_[last]);
    plot("##gpu", gpu_mb_.data(), mem_pos_, label, 36.0f);
    const auto& mem = engine_.device().memory();
    ImGui::Text("host-visible %.1f of %.0f MB budget", double(mem.snapshot().host_visible_bytes) / 1048576.0,
                double(mem.host_visible_budget()) / 1048576.0);
    for (const auto& [owner, bytes] : owner_bytes_)
        ImGui::Text("%-16s %8.2f MB", owner.empty() ? "(loom)" : owner.c_str(), double(bytes) / 1048576.0);
    ImGui::End();
}

// --- 6. banner ----------------------------------------------------------------------------------

void Editor::report_error(const std::string& message) { banner_ = message; }

void Editor::banner_panel() {
    if (banner_.empty()) return;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, 8), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(std::min(io.DisplaySize.x - 20, 760.0f), 0), ImGuiCond_Always);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(110, 20, 20, 240));
    ImGui::Begin("##banner", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    ImGui::TextWrapped("%s", banner_.c_str());
    if (ImGui::SmallButton("Dismiss")) banner_.clear();
    ImGui::End();
    ImGui::PopStyleColor();
}

}  // namespace loom::editor
