// loom/custom_operator.hpp — a project's own operator class in C++, without Vulkan.
//
//   // posterize.comp in the project folder: #include "common/pass.glsl", binding 1 is the input.
//   class Posterize final : public CustomOperator<Posterize> {
//   public:
//       static constexpr const char* kTypeName = "Posterize";
//       int min_inputs() const override { return 1; }
//       int max_inputs() const override { return 1; }
//       Result<void> build(BuildContext& b) override { return b.program(program_, "posterize.comp", 1, sizeof(float)); }
//       void run(PassContext& p) override { p.dispatch(program_, {p.input(0)}, p.output(), levels_.get()); }
//   private:
//       Param<float> levels_{this, "levels", 4.0f, 2.0f, 32.0f};
//       ProgramRef program_;
//   };
//
// build() runs once before the operator's first frame (and again after a reload or a change of
// its inputs); run() every frame the output needs it, recording into the frame's one command
// buffer. It writes every pixel of the output every frame: what the output held before is not
// the previous frame (for an operator whose history is read, output and history trade places,
// so it is the frame before that); an operator that needs its last frame reads history(). dispatch() runs a program once per pixel of a target (the output or a scratch image),
// sampling its inputs at bindings 1..n, with the barriers and the cached descriptor set it needs:
// a steady frame creates and writes nothing. Mistakes (an input index out of range, a program
// not built, a count of inputs or push bytes the program was not built for, an input as the
// target) fail the operator with a message, never the process. Nothing here includes Vulkan.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>

#include <loom/operator.hpp>
#include <loom/result.hpp>
#include <loom/types.hpp>

namespace loom {

namespace gpu {
class Image;
class Program;
}  // namespace gpu

// How an input is read: bilinear or nearest, and what lies beyond its edges.
enum class Sampling : std::uint8_t { Linear, Nearest, LinearRepeat, LinearMirror, LinearTransparent };

// An image of this frame: an input, the output, the history or a scratch image.
class ImageRef {
public:
    ImageRef() = default;
    ImageRef sampled(Sampling s) const {
        ImageRef r = *this;
        r.sampling_ = s;
        return r;
    }
    Extent extent() const;
    explicit operator bool() const { return image_ != nullptr; }

private:
    friend class PassContext;
    ImageRef(gpu::Image* image, bool writable) : image_(image), writable_(writable) {}
    gpu::Image* image_ = nullptr;
    bool writable_ = false;
    Sampling sampling_ = Sampling::Linear;
};

// A compute program built by BuildContext::program().
class ProgramRef {
public:
    explicit operator bool() const { return program_ != nullptr; }

private:
    friend class BuildContext;
    friend class PassContext;
    gpu::Program* program_ = nullptr;
    std::string shader_;
    int inputs_ = 0;
    std::size_t push_bytes_ = 0;
};

class BuildContext {
public:
    explicit BuildContext(graph::CreateContext& ctx) : ctx_(ctx) {}
    // The program for `shader` (relative to the project folder or Loom's shaders/), sampling
    // `inputs` images at bindings 1..n with a push block of `push_bytes` (at most 128). A GLSL
    // error comes back as file:line.
    Result<void> program(ProgramRef& out, std::string_view shader, int inputs, std::size_t push_bytes);

private:
    graph::CreateContext& ctx_;
};

class PassContext {
public:
    explicit PassContext(graph::RecordContext& ctx) : ctx_(ctx) {}

    double time() const;
    float dt() const;
    std::uint64_t frame() const;
    Extent extent() const;  // of the output
    int input_count() const;
    ImageRef input(int index);
    ImageRef output();
    // The operator's own previous output (for operators whose uses_own_history() is true).
    ImageRef history();
    // A private image kept across frames (recreated when its size or format changes).
    ImageRef scratch(std::uint32_t index, Extent extent, Format format = Format::RGBA16F);

    void dispatch(const ProgramRef& program, std::initializer_list<ImageRef> inputs, ImageRef target,
                  const void* push, std::size_t push_bytes);
    void dispatch(const ProgramRef& program, std::initializer_list<ImageRef> inputs, ImageRef target) {
        dispatch(program, inputs, target, nullptr, 0);
    }
    template <class Push>
    void dispatch(const ProgramRef& program, std::initializer_list<ImageRef> inputs, ImageRef target, const Push& push) {
        static_assert(std::is_trivially_copyable_v<Push>, "push constants are copied as bytes");
        dispatch(program, inputs, target, &push, sizeof(Push));
    }

    // Fails the operator for this frame: its output shows the error texture, the message is logged.
    void fail(std::string message);
    bool failed() const;

private:
    graph::RecordContext& ctx_;
};

// Derive from this (Self is the class itself) and implement build() and run().
template <class Self>
class CustomOperator : public OperatorT<Self> {
public:
    virtual Result<void> build(BuildContext& ctx) = 0;
    virtual void run(PassContext& ctx) = 0;

    Result<void> create(graph::CreateContext& ctx) final {
        BuildContext b(ctx);
        return build(b);
    }
    void record(graph::RecordContext& ctx) final {
        PassContext p(ctx);
        run(p);
    }
};

}  // namespace loom
