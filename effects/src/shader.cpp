#include <loom/effects/shader.hpp>

#include <filesystem>
#include <stdexcept>

#include <loom/operator_registry.hpp>
#include <loom/param.hpp>

#include "core/base/paths.hpp"
#include "core/graph/operator_state.hpp"
#include "effects/src/effect_util.hpp"

namespace loom {

namespace {

struct Push {
    float values[Shader::kMaxValues][4];
    float time, frame, dt, reserved;
};
static_assert(sizeof(Push) == 128, "the push block of shaders/loom/shader.glsl");

// No example chain: a Shader needs a project's .comp file (examples/shader-warp shows one).
const bool kRegistered = register_operator({
    .type = Shader::kTypeName,
    .category = "custom",
    .summary = "A project's own compute shader: up to 4 inputs, up to 7 values set by name, Loom's GLSL library.",
    .make = make_operator<Shader>,
    .calls = "file(name), value(name, default, min, max), set(name, value), input(index, op)",
});

bool glsl_identifier(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    if (!letter(s[0])) return false;
    for (char c : s)
        if (!letter(c) && !(c >= '0' && c <= '9')) return false;
    return true;
}

const char* glsl_type(int components) {
    return components == 1 ? "float" : components == 2 ? "vec2" : components == 3 ? "vec3" : "vec4";
}

// Names a value cannot take: GLSL's keywords and type names, the built-in functions a shader
// calls, and the names loom_effect() and shaders/loom/shader.glsl already give a meaning.
bool reserved_name(std::string_view n) {
    static constexpr std::string_view kReserved[] = {
        // keywords and types
        "attribute", "const", "uniform", "varying", "buffer", "shared", "coherent", "volatile", "restrict",
        "readonly", "writeonly", "layout", "centroid", "flat", "smooth", "noperspective", "patch", "sample",
        "break", "continue", "do", "for", "while", "switch", "case", "default", "if", "else", "subroutine", "in",
        "out", "inout", "true", "false", "invariant", "precise", "discard", "return", "lowp", "mediump", "highp",
        "precision", "struct", "void", "bool", "int", "uint", "float", "double", "bvec2", "bvec3", "bvec4",
        "ivec2", "ivec3", "ivec4", "uvec2", "uvec3", "uvec4", "vec2", "vec3", "vec4", "dvec2", "dvec3", "dvec4",
        "mat2", "mat3", "mat4", "mat2x2", "mat2x3", "mat2x4", "mat3x2", "mat3x3", "mat3x4", "mat4x2", "mat4x3",
        "mat4x4", "sampler2D", "image2D", "texture2D", "main",
        // built-in functions
        "radians", "degrees", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "pow", "exp",
        "log", "exp2", "log2", "sqrt", "inversesqrt", "abs", "sign", "floor", "trunc", "round", "ceil", "fract",
        "mod", "modf", "min", "max", "clamp", "mix", "step", "smoothstep", "isnan", "isinf", "fma", "length",
        "distance", "dot", "cross", "normalize", "reflect", "refract", "faceforward", "transpose", "inverse",
        "determinant", "texture", "textureLod", "texelFetch", "textureSize", "imageLoad", "imageStore",
        "imageSize", "any", "all", "not", "equal", "lessThan", "greaterThan", "barrier",
        // what loom_effect() and the frame already name
        "uv", "pixel", "size",
    };
    for (std::string_view r : kReserved)
        if (n == r) return true;
    return false;
}

}  // namespace

Shader& Shader::file(std::string path) {
    if (path != file_) {
        file_ = std::move(path);
        rebuild();
    }
    return *this;
}

Shader& Shader::input(InputRef ref) {
    OperatorT<Shader>::input(std::move(ref));
    rebuild();
    return *this;
}

Shader& Shader::input(std::size_t index, InputRef ref) {
    OperatorT<Shader>::input(index, std::move(ref));
    rebuild();
    return *this;
}

Shader& Shader::inputs(std::initializer_list<InputRef> refs) {
    OperatorT<Shader>::inputs(refs);
    rebuild();
    return *this;
}

void Shader::rebuild() {
    state().created = false;
    structure_changed();
}

template <class T>
Shader& Shader::declare(std::string_view name, T def, T min, T max) {
    const std::string who = "Shader '" + this->name() + "': ";
    const bool input_name = name.substr(0, 5) == "input" && name.size() > 5 &&
                            name.find_first_not_of("0123456789", 5) == std::string_view::npos;
    if (!glsl_identifier(name) || name.substr(0, 3) == "gl_" || name.substr(0, 5) == "loom_" ||
        name.find("__") != std::string_view::npos || input_name || reserved_name(name))
        throw std::invalid_argument(who + "'" + std::string(name) +
                                    "' cannot name a value in GLSL (a keyword, a built-in function or a name the "
                                    "shader already has, or not an identifier). Fix: letters, digits and _, not "
                                    "starting with a digit, gl_ or loom_, e.g. \"amount\".");
    if (const ParamBase* existing = param(name)) {
        if (existing->type() != detail::ParamTraits<T>::kType)
            throw std::invalid_argument(who + "value '" + std::string(name) +
                                        "' is declared twice with different types. Fix: one declaration.");
        return *this;  // declared again with the same type: the first declaration stands
    }
    if (static_cast<int>(values_.size()) == kMaxValues)
        throw std::invalid_argument(who + "'" + std::string(name) + "' would be value " +
                                    std::to_string(kMaxValues + 1) + "; a Shader has at most " +
                                    std::to_string(kMaxValues) + ". Fix: pack several into a vec4 value.");
    names_.emplace_back(name);
    values_.push_back(std::make_unique<Param<T>>(this, names_.back().c_str(), def, min, max));
    rebuild();  // the shader's names change
    return *this;
}

Shader& Shader::value(std::string_view name, float def, float min, float max) { return declare(name, def, min, max); }
Shader& Shader::value(std::string_view name, glm::vec2 def, glm::vec2 min, glm::vec2 max) {
    return declare(name, def, min, max);
}
Shader& Shader::value(std::string_view name, glm::vec3 def, glm::vec3 min, glm::vec3 max) {
    return declare(name, def, min, max);
}
Shader& Shader::value(std::string_view name, glm::vec4 def, glm::vec4 min, glm::vec4 max) {
    return declare(name, def, min, max);
}

Shader& Shader::assign(std::string_view name, const float* v, int components) {
    ParamBase* p = param(name);
    if (!p) {
        std::string names;
        for (const auto& n : names_) names += (names.empty() ? "" : ", ") + n;
        throw std::invalid_argument("Shader '" + this->name() + "' has no value '" + std::string(name) + "' (its values: " +
                                    (names.empty() ? std::string("none") : names) + "). Fix: declare it with .value(\"" +
                                    std::string(name) + "\", ...) in setup().");
    }
    if (p->components() != components)
        throw std::invalid_argument("Shader '" + this->name() + "': value '" + std::string(name) + "' has " +
                                    std::to_string(p->components()) + " component(s), set with " +
                                    std::to_string(components) + ". Fix: set it with its declared type.");
    p->set_floats(v);
    return *this;
}

Shader& Shader::set(std::string_view name, float v) { return assign(name, &v, 1); }
Shader& Shader::set(std::string_view name, glm::vec2 v) { return assign(name, &v.x, 2); }
Shader& Shader::set(std::string_view name, glm::vec3 v) { return assign(name, &v.x, 3); }
Shader& Shader::set(std::string_view name, glm::vec4 v) { return assign(name, &v.x, 4); }

Result<void> Shader::create(graph::CreateContext& ctx) {
    if (file_.empty())
        return make_error("Shader '" + name() + "' has no shader file. Fix: .file(\"effect.comp\") with a compute "
                          "shader in the project folder.");
    std::error_code ec;
    if (std::filesystem::is_regular_file(shader_dir() / file_, ec))
        return make_error("Shader '" + name() + "': \"" + file_ + "\" names one of Loom's own shaders (" +
                          (shader_dir() / file_).string() + "), which is found before a project's file. Fix: give "
                          "the project's shader another name or folder.");
    gpu::ProgramDesc desc;
    desc.shader = file_;
    desc.inputs = static_cast<std::uint32_t>(input_refs().size());
    desc.push_bytes = sizeof(Push);
    desc.defines.emplace_back("LOOM_INPUTS", std::to_string(desc.inputs));
    // Each value is a member of the push block at the start of its 16-byte slot.
    std::string members;
    for (std::size_t i = 0; i < values_.size(); ++i)
        members += "layout(offset = " + std::to_string(16 * i) + ") " + glsl_type(values_[i]->components()) + " " +
                   values_[i]->name() + "; ";
    if (!members.empty()) desc.defines.emplace_back("LOOM_SHADER_VALUES", members);
    auto p = ctx.program(desc);
    if (!p) return p.error();
    program_ = *p;
    program_inputs_ = desc.inputs;
    return {};
}

void Shader::record(graph::RecordContext& ctx) {
    if (ctx.input_count() != program_inputs_) {
        ctx.fail("Shader '" + name() + "' was built for " + std::to_string(program_inputs_) + " input(s) and has " +
                 std::to_string(ctx.input_count()) + ". Fix: set its inputs with .input()/.inputs() on the Shader.");
        return;
    }
    Push push{};
    for (std::size_t i = 0; i < values_.size(); ++i) values_[i]->get_floats(push.values[i]);
    push.time = static_cast<float>(ctx.time());
    push.frame = static_cast<float>(ctx.frame());
    push.dt = ctx.dt();
    effects::run_to_output(ctx, *program_, push);
}

}  // namespace loom
