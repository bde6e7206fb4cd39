// loom/effects/shader.hpp — Shader: a compute shader from the project folder as an operator.
//
//   auto& warp = chain.add<Shader>("warp").file("warp.comp").inputs({&noise, &photo});
//   warp.value("amount", 0.2f, 0.0f, 1.0f).value("centre", glm::vec2(0.5f));
//   ...in update(): ctx.chain().get<Shader>("warp").set("amount", 0.5f);
//
// The shader includes <loom/shader.glsl> and defines `vec4 loom_effect(vec2 uv, ivec2 pixel)`;
// it reads its inputs as input0..input3 and each value by its name (see shaders/loom/shader.glsl).
// Values are parameters like any operator's: ranges, clamping, the editor's widgets, params.json.
// A GLSL error fails the operator with file:line (the chain goes on); the file is reloaded when
// saved during `loom run --watch`. Declaring a value with a name GLSL cannot use, a name twice,
// more than kMaxValues values, or setting a value never declared throws std::invalid_argument
// naming the operator, the value and the fix.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <loom/operator.hpp>

namespace loom::gpu {
class Program;
}

namespace loom {

class Shader final : public OperatorT<Shader> {
public:
    static constexpr const char* kTypeName = "Shader";
    static constexpr int kMaxValues = 7;  // 7 vec4 slots and the clock: 128 bytes of push constants
    static constexpr int kMaxShaderInputs = 4;

    // The compute shader (.comp), relative to the project folder (or Loom's shaders/ folder).
    Shader& file(std::string path);
    const std::string& file_name() const { return file_; }

    // Declares a value the shader reads by `name`, with its default and range (declaring the
    // same name with the same type again changes nothing).
    Shader& value(std::string_view name, float def, float min = 0.0f, float max = 1.0f);
    Shader& value(std::string_view name, glm::vec2 def, glm::vec2 min = glm::vec2(0.0f), glm::vec2 max = glm::vec2(1.0f));
    Shader& value(std::string_view name, glm::vec3 def, glm::vec3 min = glm::vec3(0.0f), glm::vec3 max = glm::vec3(1.0f));
    Shader& value(std::string_view name, glm::vec4 def, glm::vec4 min = glm::vec4(0.0f), glm::vec4 max = glm::vec4(1.0f));
    // Sets a declared value (clamped to its range, like any parameter).
    Shader& set(std::string_view name, float v);
    Shader& set(std::string_view name, glm::vec2 v);
    Shader& set(std::string_view name, glm::vec3 v);
    Shader& set(std::string_view name, glm::vec4 v);

    // Inputs: as every operator's, and the program is rebuilt for the new count.
    Shader& input(InputRef ref);
    Shader& input(std::size_t index, InputRef ref);
    Shader& inputs(std::initializer_list<InputRef> refs);

    int min_inputs() const override { return 0; }
    int max_inputs() const override { return kMaxShaderInputs; }
    Result<void> create(graph::CreateContext& ctx) override;
    void record(graph::RecordContext& ctx) override;

private:
    template <class T>
    Shader& declare(std::string_view name, T def, T min, T max);
    Shader& assign(std::string_view name, const float* v, int components);
    void rebuild();  // the program changes: create() runs again before the next frame

    std::string file_;
    std::deque<std::string> names_;  // stable storage for the parameters' names
    std::vector<std::unique_ptr<ParamBase>> values_;
    std::uint32_t program_inputs_ = 0;
    gpu::Program* program_ = nullptr;
};

}  // namespace loom
