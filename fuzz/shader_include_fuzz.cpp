// fuzz/shader_include_fuzz.cpp — the shader #include resolver: whatever name a shader asks for
// ("..", absolute paths, links, odd bytes), what it hands out is a regular file inside a shader
// folder; the file outside (reachable by "../" and by a link) is never handed out.
// Input: the first byte's low bit makes the include quoted (relative), its second bit picks the
// including file (a root's top or its sub-folder); the rest is the requested name.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/shader/shader_compiler.hpp"
#include "fuzz/fuzz_support.hpp"

namespace fs = std::filesystem;

namespace {

struct Tree {
    std::vector<fs::path> roots;
    fs::path outside;
};

// scratch/roots/{a,b}: shader folders with a few files, a sub-folder and a link that points out;
// scratch/outside.glsl: a file no include may reach.
const Tree& tree() {
    static const Tree t = [] {
        Tree t;
        const fs::path base = loom::fuzz::scratch();
        t.outside = base / "outside.glsl";
        std::ofstream(t.outside) << "// outside\n";
        for (const char* r : {"a", "b"}) {
            const fs::path root = base / "roots" / r;
            fs::create_directories(root / "sub");
            std::ofstream(root / "common.glsl") << "// common\n";
            std::ofstream(root / "sub" / "deep.glsl") << "// deep\n";
            std::error_code ec;
            fs::create_symlink(t.outside, root / "link.glsl", ec);
            fs::create_directory_symlink(base, root / "up", ec);
            t.roots.push_back(root);
        }
        return t;
    }();
    return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1 || size > 512) return 0;
    const Tree& t = tree();
    const bool relative = data[0] & 1;
    const fs::path requesting = (data[0] & 2) ? t.roots[0] / "sub" / "x.comp" : t.roots[1] / "x.comp";
    const std::string_view requested(reinterpret_cast<const char*>(data + 1), size - 1);
    const auto r = loom::shader::resolve_include(requested, relative, requesting, t.roots);
    if (r.file.empty()) return 0;
    LOOM_FUZZ_CHECK(r.refusal.empty());
    std::error_code ec;
    LOOM_FUZZ_CHECK(fs::is_regular_file(r.file, ec));
    LOOM_FUZZ_CHECK(r.file != fs::weakly_canonical(t.outside, ec));
    bool inside = false;
    for (const auto& root : t.roots) {
        const std::string rs = fs::weakly_canonical(root, ec).string() + "/";
        inside = inside || r.file.string().compare(0, rs.size(), rs) == 0;
    }
    LOOM_FUZZ_CHECK(inside);
    return 0;
}
