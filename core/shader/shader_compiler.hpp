// core/shader/shader_compiler.hpp — GLSL to SPIR-V at run time (shaderc).
//
// Shaders are named by a path relative to one of the include roots (roots[0] is Loom's shaders/
// folder; a project adds its own folder later). `#include "x"` resolves next to the including
// file first, then in the roots; `#include <x>` in the roots only. A path that resolves outside
// every root is refused. Errors come back as "<file>:<line>: error: <message>" lines with full
// paths, ready for an editor or a terminal.
//
// SPIR-V is cached on disk (cache_dir()/spirv) keyed by a hash of the preprocessed source (so a
// change in any included file misses), the stage, the options and the compiler version. Next to
// it, a list of the files the source included and their contents' hashes, keyed by the source,
// its defines and the roots, lets a later compile find the SPIR-V without preprocessing: glslang
// starts only when a shader is new or one of its files changed (a file added to an earlier root,
// which would shadow an include, is not noticed until the source or an included file changes).
//
// Not thread-safe; one compiler per thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <loom/result.hpp>

namespace loom::shader {

enum class Stage : std::uint8_t { Vertex, Fragment, Compute };

const char* stage_name(Stage stage);
// From the file's extension: .vert, .frag, .comp. Nothing for other names.
Result<Stage> stage_from_path(const std::filesystem::path& path);

struct SpirV {
    std::vector<std::uint32_t> words;
    std::vector<std::filesystem::path> files;  // the source and every file it included (for hot reload)
    bool from_cache = false;
};

// Where an `#include` resolves: a quoted one (`relative`) next to the including file first, then
// each root in order. `file` is the canonical path of a regular file inside a root; a file that
// resolves (through "..", an absolute name or a link) outside every root is refused, with
// `refusal` saying so. Both empty: no candidate exists.
struct IncludeResolution {
    std::filesystem::path file;
    std::string refusal;
};
IncludeResolution resolve_include(std::string_view requested, bool relative, const std::filesystem::path& requesting,
                                  const std::vector<std::filesystem::path>& roots);

// Macros defined before the first line (name, value): how the Shader operator names its values.
using Defines = std::vector<std::pair<std::string, std::string>>;

class ShaderCompiler {
public:
    explicit ShaderCompiler(std::vector<std::filesystem::path> roots);
    ~ShaderCompiler();
    ShaderCompiler(const ShaderCompiler&) = delete;
    ShaderCompiler& operator=(const ShaderCompiler&) = delete;

    // `name` is relative to a root ("effects/blur.frag"); the stage comes from the extension.
    Result<SpirV> compile_file(std::string_view name, const Defines& defines = {});
    // Source given directly; `virtual_path` names it in errors and anchors relative includes.
    Result<SpirV> compile_source(std::string_view source, const std::filesystem::path& virtual_path, Stage stage,
                                 const Defines& defines = {});

    void set_disk_cache(bool enabled) { disk_cache_ = enabled; }
    const std::vector<std::filesystem::path>& roots() const { return roots_; }
    void add_root(const std::filesystem::path& root);

    std::uint64_t cache_hits() const { return hits_; }
    // Whether glslang was needed yet: a compile whose SPIR-V and file list are in the disk cache
    // (and whose files are unchanged) does not start it.
    bool compiler_started() const;
    std::uint64_t cache_misses() const { return misses_; }

    // Resolves `name` against the roots; nothing if no root has it.
    std::optional<std::filesystem::path> resolve(std::string_view name) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::vector<std::filesystem::path> roots_;
    bool disk_cache_ = true;
    std::uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace loom::shader
