// loom/operator.hpp — the base of every operator, and the fluent front shared by all of them.
//
// An operator has a name (unique in its chain), inputs (other operators, by reference or by name,
// or the previous frame of one: history(op)), typed parameters, an output size and format.
// Concrete operators derive from OperatorT<Self>, which adds the fluent setters every operator has
// (.input(), .inputs(), .size(), .relative_size(), .format()).
//
// The GPU side (pipelines, images) lives behind graph::OperatorState, so this header needs no
// Vulkan. The engine calls create() once before the first frame the operator runs, then record()
// every frame it is needed. An operator that fails (a shader error, a parameter it cannot use)
// keeps the message in error(), outputs an error texture (magenta), and the chain goes on.
//
// Ownership: a Chain owns its operators; pointers to them stay valid until the chain is cleared.
// Threading: the frame loop's thread only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <loom/param.hpp>
#include <loom/result.hpp>
#include <loom/types.hpp>

namespace loom {

class Chain;
class Operator;

namespace graph {
class CreateContext;
class RecordContext;
struct OperatorState;
}  // namespace graph

// A reference to an input: an operator, or a name resolved when the chain compiles. With
// `history`, the input is that operator's output of the PREVIOUS frame (black on the first one):
// feedback without a cycle in the graph.
struct InputRef {
    Operator* op = nullptr;
    std::string name;
    bool history = false;

    InputRef() = default;
    InputRef(Operator* o) : op(o) {}          // NOLINT: implicit so inputs({&a, &b}) reads naturally
    InputRef(Operator& o) : op(&o) {}         // NOLINT
    InputRef(const char* n) : name(n) {}      // NOLINT
    InputRef(std::string_view n) : name(n) {} // NOLINT
    InputRef(std::string n) : name(std::move(n)) {}  // NOLINT
};

// The most inputs one operator can have (the image programs' binding limit).
inline constexpr int kMaxOperatorInputs = 15;

// The previous frame of `op`, as an input.
InputRef history(Operator& op);
InputRef history(std::string_view name);

class Operator {
public:
    virtual ~Operator();
    Operator(const Operator&) = delete;
    Operator& operator=(const Operator&) = delete;

    const std::string& name() const { return name_; }
    virtual const char* type_name() const = 0;
    Chain* chain() const { return chain_; }

    std::span<const InputRef> input_refs() const { return inputs_; }
    // How many inputs this operator accepts; the chain checks when it compiles.
    virtual int min_inputs() const { return 0; }
    virtual int max_inputs() const { return 0; }
    // Operators that read their own previous output (Feedback) say so here.
    virtual bool uses_own_history() const { return false; }
    // Operators that draw into their output with a graphics pipeline (Render3D) say so here:
    // the output is then also a colour attachment.
    virtual bool renders_output() const { return false; }
    // Value operators (loom/value.hpp) compute a number on the CPU and have no image.
    virtual bool is_value() const { return false; }
    // What this frame shows depends on earlier frames (its own history, a ring of past frames,
    // a smoothed or toggled value): `loom render` of a range then renders the frames before it.
    virtual bool depends_on_past() const { return uses_own_history(); }

    std::span<ParamBase* const> params() const { return params_; }
    ParamBase* param(std::string_view name) const;

    const SizeSpec& size_spec() const { return size_; }
    Format output_format() const { return format_; }
    // The output size the last successful compile gave this operator ({0,0} before).
    Extent extent() const;

    // Empty when the operator works; otherwise why it does not (shown in logs and the overlay).
    const std::string& error() const;
    bool failed() const { return !error().empty(); }

    // Engine side. Not for projects.
    graph::OperatorState& state() { return *state_; }
    // Hot reload: this operator takes `other`'s engine state (images, history, timings) and
    // `other` gets this one's. No image is copied.
    void exchange_state(Operator& other) { state_.swap(other.state_); }
    // Hot reload: keep what the old operator of this name and type held on the CPU from frame to
    // frame (a smoothed value, a toggle, a running phase). Nothing by default.
    virtual void take_over(Operator& old) { (void)old; }
    virtual Result<void> create(graph::CreateContext& ctx) = 0;
    // Writes every pixel of the output, every frame (the output's old contents are not the
    // previous frame; an operator reads its last frame as RecordContext::history()).
    virtual void record(graph::RecordContext& ctx) = 0;
    // Live sessions: `file` (canonical: links resolved) changed on disk. An operator that reads it loads
    // it again and returns true (the next frame shows it); a file it cannot use now is an error
    // and the operator keeps what it had. Others return false.
    virtual Result<bool> file_changed(const std::filesystem::path& file) {
        (void)file;
        return false;
    }

protected:
    Operator();
    void set_input(std::size_t index, InputRef ref);
    void set_inputs(std::initializer_list<InputRef> refs);
    void set_size(SizeSpec spec);
    void set_format(Format format);
    void structure_changed();
    // The parameter `param` (one component, or all with -1) is set by `source` every frame.
    // Throws ChainError naming the parameters there are when there is no such parameter or
    // component.
    void drive_param(std::string_view param, ValueOperator& source, int component);

private:
    friend class Chain;
    friend class ParamBase;
    std::string name_;
    Chain* chain_ = nullptr;
    std::vector<InputRef> inputs_;
    std::vector<ParamBase*> params_;
    SizeSpec size_;
    Format format_ = Format::RGBA16F;
    std::unique_ptr<graph::OperatorState> state_;
};

// The fluent setters every operator shares; Self is the concrete operator.
template <class Self>
class OperatorT : public Operator {
public:
    const char* type_name() const override { return Self::kTypeName; }

    Self& input(InputRef ref) {
        set_input(0, std::move(ref));
        return self();
    }
    Self& input(std::size_t index, InputRef ref) {
        set_input(index, std::move(ref));
        return self();
    }
    Self& inputs(std::initializer_list<InputRef> refs) {
        set_inputs(refs);
        return self();
    }
    // Absolute output size in pixels.
    Self& size(std::uint32_t width, std::uint32_t height) {
        set_size(SizeSpec{SizeSpec::Mode::Absolute, 1.0f, Extent{width, height}});
        return self();
    }
    // Output size relative to the first input (or the canvas): 1, 0.5, 0.25, 2, ...
    Self& relative_size(float factor) {
        set_size(SizeSpec{SizeSpec::Mode::Relative, factor, Extent{}});
        return self();
    }
    Self& format(Format f) {
        set_format(f);
        return self();
    }
    // Any parameter set every frame by a value operator (loom/value.hpp), all its components or
    // one: transform.drive("translate", lfo, 1) moves it up and down.
    Self& drive(std::string_view param, ValueOperator& source, int component = -1) {
        drive_param(param, source, component);
        return self();
    }

protected:
    Self& self() { return static_cast<Self&>(*this); }
};

}  // namespace loom
