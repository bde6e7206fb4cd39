#include "core/shader/shader_compiler.hpp"

#include <cstring>
#include <optional>
#include <utility>

#include <shaderc/shaderc.hpp>
#include <spdlog/spdlog.h>

#include "core/base/hash.hpp"
#include "core/base/paths.hpp"

namespace loom::shader {

namespace fs = std::filesystem;

const char* stage_name(Stage s) {
    switch (s) {
        case Stage::Vertex: return "vertex";
        case Stage::Fragment: return "fragment";
        case Stage::Compute: return "compute";
    }
    return "?";
}

Result<Stage> stage_from_path(const fs::path& path) {
    const auto ext = path.extension().string();
    if (ext == ".vert") return Stage::Vertex;
    if (ext == ".frag") return Stage::Fragment;
    if (ext == ".comp") return Stage::Compute;
    return make_error("shader '" + path.string() + "' has no stage extension. Fix: name it .vert, .frag or .comp.");
}

namespace {

shaderc_shader_kind to_kind(Stage s) {
    switch (s) {
        case Stage::Vertex: return shaderc_glsl_vertex_shader;
        case Stage::Fragment: return shaderc_glsl_fragment_shader;
        case Stage::Compute: return shaderc_glsl_compute_shader;
    }
    return shaderc_glsl_infer_from_source;
}

bool is_within(const fs::path& path, const fs::path& root) {
    auto p = path.lexically_normal().string();
    auto r = root.lexically_normal().string();
    if (!r.empty() && r.back() != '/') r += '/';
    return p.compare(0, r.size(), r) == 0;
}

}  // namespace

IncludeResolution resolve_include(std::string_view requested, bool relative, const fs::path& requesting,
                                  const std::vector<fs::path>& roots) {
    IncludeResolution r;
    std::vector<fs::path> candidates;
    const fs::path name(requested);
    if (relative) candidates.push_back(requesting.parent_path() / name);
    for (const auto& root : roots) candidates.push_back(root / name);
    for (const auto& c : candidates) {
        std::error_code ec;
        if (!fs::is_regular_file(c, ec)) continue;
        fs::path canon = fs::weakly_canonical(c, ec);
        if (ec) continue;
        bool inside = false;
        for (const auto& root : roots) {
            const fs::path canon_root = fs::weakly_canonical(root, ec);
            inside = inside || (!ec && is_within(canon, canon_root));
        }
        if (!inside) {
            r.refusal = "#include \"" + std::string(requested) + "\" resolves to " + canon.string() +
                        ", outside the shader folders. Fix: keep included files under shaders/ or the project folder.";
            return r;
        }
        r.file = std::move(canon);
        return r;
    }
    return r;
}

namespace {

std::uint64_t content_hash(const std::string& text) { return Hasher().str(text).value(); }

// Resolves includes inside the roots and remembers every file it handed out, and (when `hashes`
// is given) a hash of the very text it handed out, for the cache's list of files.
class Includer : public shaderc::CompileOptions::IncluderInterface {
public:
    Includer(const std::vector<fs::path>& roots, std::vector<fs::path>& files, std::vector<std::uint64_t>* hashes)
        : roots_(roots), files_(files), hashes_(hashes) {}

    shaderc_include_result* GetInclude(const char* requested, shaderc_include_type type, const char* requesting,
                                       size_t) override {
        auto* r = new Result;
        const IncludeResolution found =
            resolve_include(requested, type == shaderc_include_type_relative, requesting, roots_);
        r->error = found.refusal;
        if (!found.file.empty()) {
            if (auto text = read_file(found.file)) {
                r->name = found.file.string();
                r->content = std::move(*text);
                files_.push_back(found.file);
                if (hashes_) hashes_->push_back(content_hash(r->content));
            } else {
                r->error = "cannot read " + found.file.string();
            }
        } else if (r->error.empty()) {
            // glslang retries a failed "quoted" include as a <system> one; keep the first refusal.
            const bool retry = refused_.first == requested && refused_.second == requesting;
            r->error = retry ? refusal_
                             : std::string("#include \"") + requested + "\" not found (looked next to " +
                                   requesting + " and in the shader folders)";
        }
        if (!r->error.empty()) {
            refused_ = {requested, requesting};
            refusal_ = r->error;
        }
        // shaderc's convention: an empty source_name means failure, and the content is the message.
        if (!r->error.empty()) {
            r->name.clear();
            r->content = r->error;
        }
        r->result.source_name = r->name.c_str();
        r->result.source_name_length = r->name.size();
        r->result.content = r->content.c_str();
        r->result.content_length = r->content.size();
        r->result.user_data = r;
        return &r->result;
    }

    void ReleaseInclude(shaderc_include_result* data) override { delete static_cast<Result*>(data->user_data); }

private:
    struct Result {
        shaderc_include_result result{};
        std::string name, content, error;
    };
    const std::vector<fs::path>& roots_;
    std::vector<fs::path>& files_;
    std::vector<std::uint64_t>* hashes_;
    std::pair<std::string, std::string> refused_;  // (requested, requesting) of the last refusal
    std::string refusal_;
};

// shaderc reports "file:line: error: message"; the file is already the full path we gave it.
// Normalise the block (trim, drop the summary line "N error(s) generated.").
std::string tidy_errors(const std::string& raw) {
    std::string out;
    std::size_t pos = 0;
    while (pos < raw.size()) {
        std::size_t end = raw.find('\n', pos);
        if (end == std::string::npos) end = raw.size();
        std::string line = raw.substr(pos, end - pos);
        pos = end + 1;
        if (line.empty() || line.find("error generated") != std::string::npos ||
            line.find("errors generated") != std::string::npos)
            continue;
        if (!out.empty()) out += '\n';
        out += line;
    }
    return out.empty() ? raw : out;
}

constexpr std::uint32_t kCacheFormat = 2;
constexpr const char* kManifestHeader = "loom-spirv-files 1";

// A manifest (cache_dir()/spirv/<key>.files) lets a cache hit skip the compiler. Its key is what
// decides the preprocessed text before any include is read (the source, its name, the stage, the
// defines, the include roots, the compiler's version); it holds the SPIR-V file's key and every
// file the source included with a hash of its contents. A hit re-reads and re-hashes those files:
// an edit in any of them misses, and the compiler runs as before.
struct Manifest {
    std::uint64_t spirv_key = 0;
    std::vector<std::pair<std::uint64_t, fs::path>> files;
};

std::optional<Manifest> read_manifest(const fs::path& path) {
    auto text = read_file(path);
    if (!text) return std::nullopt;
    Manifest m;
    std::size_t pos = 0;
    int line_no = 0;
    while (pos < text->size()) {
        std::size_t end = text->find('\n', pos);
        if (end == std::string::npos) end = text->size();
        const std::string line = text->substr(pos, end - pos);
        pos = end + 1;
        if (line_no++ == 0) {
            if (line != kManifestHeader) return std::nullopt;
            continue;
        }
        if (line.size() < 17 || line[16] != ' ') return std::nullopt;
        std::uint64_t v = 0;
        try {
            v = std::stoull(line.substr(0, 16), nullptr, 16);
        } catch (...) {
            return std::nullopt;
        }
        if (line_no == 2)
            m.spirv_key = v;
        else
            m.files.emplace_back(v, fs::path(line.substr(17)));
    }
    if (line_no < 2) return std::nullopt;
    return m;
}

bool manifest_holds(const Manifest& m) {
    for (const auto& [hash, file] : m.files) {
        auto text = read_file(file);
        if (!text || content_hash(*text) != hash) return false;
    }
    return true;
}

// `includes[i]` was preprocessed with the text whose hash is `hashes[i]`: a file saved again
// since then no longer matches, so a later compile preprocesses it.
void write_manifest(const fs::path& path, std::uint64_t spirv_key, const std::vector<fs::path>& includes,
                    const std::vector<std::uint64_t>& hashes) {
    if (includes.size() != hashes.size()) return;
    std::string text = std::string(kManifestHeader) + "\n" + hex64(spirv_key) + " spirv\n";
    for (std::size_t i = 0; i < includes.size(); ++i) text += hex64(hashes[i]) + " " + includes[i].string() + "\n";
    if (!write_file_atomic(path, text.data(), text.size()))
        spdlog::warn("could not write the SPIR-V cache file {}", path.string());
}

// The SPIR-V in the cache under `key`, if it is there and whole.
bool read_spirv(const fs::path& path, std::vector<std::uint32_t>& words) {
    auto bytes = read_file(path);
    if (!bytes || bytes->empty() || bytes->size() % 4 != 0) return false;
    words.resize(bytes->size() / 4);
    std::memcpy(words.data(), bytes->data(), bytes->size());
    if (words[0] == 0x07230203u) return true;  // SPIR-V magic: not a damaged file
    words.clear();
    return false;
}

}  // namespace

struct ShaderCompiler::Impl {
    // Made on first use: a run whose shaders all come from the cache never starts glslang (its
    // pools stay in the heap once made: about 12 MB).
    std::optional<shaderc::Compiler> compiler;
    shaderc::Compiler& get() {
        if (!compiler) compiler.emplace();
        return *compiler;
    }
};

ShaderCompiler::ShaderCompiler(std::vector<fs::path> roots) : impl_(std::make_unique<Impl>()) {
    for (auto& r : roots) add_root(r);
}

ShaderCompiler::~ShaderCompiler() = default;

bool ShaderCompiler::compiler_started() const { return impl_->compiler.has_value(); }

void ShaderCompiler::add_root(const fs::path& root) {
    std::error_code ec;
    roots_.push_back(fs::weakly_canonical(fs::absolute(root), ec));
}

std::optional<fs::path> ShaderCompiler::resolve(std::string_view name) const {
    for (const auto& root : roots_) {
        fs::path p = root / fs::path(name);
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) return p;
    }
    return std::nullopt;
}

Result<SpirV> ShaderCompiler::compile_file(std::string_view name, const Defines& defines) {
    auto stage = stage_from_path(fs::path(name));
    if (!stage) return stage.error();
    auto path = resolve(name);
    if (!path) {
        std::string where;
        for (auto& r : roots_) where += (where.empty() ? "" : ", ") + r.string();
        return make_error("shader '" + std::string(name) + "' not found in " + where + ". Fix: check the name" +
                          (roots_.size() > 1 ? "; a project's own shader goes in the project folder (" +
                                                   (roots_.back() / fs::path(name)).string() + ")"
                                             : std::string()) +
                          "; for Loom's shaders, LOOM_SHADER_DIR names its shaders/ folder.");
    }
    auto text = read_file(*path);
    if (!text) return make_error("cannot read shader " + path->string());
    return compile_source(*text, *path, *stage, defines);
}

Result<SpirV> ShaderCompiler::compile_source(std::string_view source, const fs::path& virtual_path, Stage stage,
                                             const Defines& defines) {
    SpirV out;
    out.files.push_back(virtual_path);
    const std::string src(source);
    const std::string file = virtual_path.string();

    std::vector<std::uint64_t> include_hashes;  // filled by the preprocessing run only
    auto make_options = [&](bool optimize) {
        shaderc::CompileOptions o;
        o.SetTargetEnvironment(shaderc_target_env_vulkan, shaderc_env_version_vulkan_1_3);
        o.SetSourceLanguage(shaderc_source_language_glsl);
        o.SetIncluder(std::make_unique<Includer>(roots_, out.files, optimize ? nullptr : &include_hashes));
        o.SetWarningsAsErrors();
        o.SetGenerateDebugInfo();  // keeps names in SPIR-V for validation messages and debuggers
        for (const auto& [name, value] : defines) o.AddMacroDefinition(name, value);
        if (optimize) o.SetOptimizationLevel(shaderc_optimization_level_performance);
        return o;
    };

    unsigned int version = 0, revision = 0;
    shaderc_get_spv_version(&version, &revision);
    const fs::path spirv_dir = cache_dir() / "spirv";
    Hasher manifest_hash;
    manifest_hash.str(src).str(file).u64(static_cast<std::uint64_t>(stage)).u64(kCacheFormat).u64(version).u64(revision);
    for (const auto& [name, value] : defines) manifest_hash.str(name).str("=").str(value).str(";");
    for (const auto& root : roots_) manifest_hash.str(root.string()).str("|");
    const fs::path manifest_path = spirv_dir / (hex64(manifest_hash.value()) + ".files");
    if (disk_cache_) {
        if (auto m = read_manifest(manifest_path); m && manifest_holds(*m) &&
                                                   read_spirv(spirv_dir / (hex64(m->spirv_key) + ".spv"), out.words)) {
            for (const auto& [hash, f] : m->files) out.files.push_back(f);
            out.from_cache = true;
            ++hits_;
            return out;
        }
    }

    // Preprocess: the hash of the expanded source is the SPIR-V's key, so editing any included
    // file misses the cache.
    auto pre = impl_->get().PreprocessGlsl(src, to_kind(stage), file.c_str(), make_options(false));
    if (pre.GetCompilationStatus() != shaderc_compilation_status_success)
        return make_error(tidy_errors(pre.GetErrorMessage()));
    const std::string expanded(pre.cbegin(), pre.cend());
    const std::uint64_t key = Hasher()
                                  .str(expanded)
                                  .u64(static_cast<std::uint64_t>(stage))
                                  .u64(kCacheFormat)
                                  .u64(version)
                                  .u64(revision)
                                  .value();
    const fs::path cache_path = spirv_dir / (hex64(key) + ".spv");
    const std::vector<fs::path> includes(out.files.begin() + 1, out.files.end());
    if (disk_cache_ && read_spirv(cache_path, out.words)) {
        write_manifest(manifest_path, key, includes, include_hashes);
        out.from_cache = true;
        ++hits_;
        return out;
    }
    ++misses_;
    out.files.resize(1);  // the includer runs again during compilation
    auto res = impl_->get().CompileGlslToSpv(src, to_kind(stage), file.c_str(), make_options(true));
    if (res.GetCompilationStatus() != shaderc_compilation_status_success)
        return make_error(tidy_errors(res.GetErrorMessage()));
    out.words.assign(res.cbegin(), res.cend());
    if (disk_cache_) {
        if (write_file_atomic(cache_path, out.words.data(), out.words.size() * 4))
            write_manifest(manifest_path, key, includes, include_hashes);
        else
            spdlog::warn("could not write the SPIR-V cache file {}", cache_path.string());
    }
    return out;
}

}  // namespace loom::shader
