// fuzz/replay_main.cpp — runs a fuzz target over saved inputs, without libFuzzer: the corpus and
// every input that once failed are replayed in each test run (`ctest -R Fuzz`), by any compiler.
//   loom_fuzz_<name> DIR_OR_FILE...
// Exits 1 when a folder has no input (a missing corpus must not pass quietly).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

bool replay(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", file.c_str());
        return false;
    }
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    std::size_t total = 0;
    for (int i = 1; i < argc; ++i) {
        const fs::path arg(argv[i]);
        std::vector<fs::path> files;
        std::error_code ec;
        if (fs::is_directory(arg, ec)) {
            for (const auto& e : fs::directory_iterator(arg, ec))
                if (e.is_regular_file()) files.push_back(e.path());
            if (files.empty()) {
                std::fprintf(stderr, "%s has no inputs\n", arg.c_str());
                return 1;
            }
        } else {
            files.push_back(arg);
        }
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            if (!replay(f)) return 1;
            ++total;
        }
    }
    std::printf("replayed %zu inputs\n", total);
    return total > 0 ? 0 : 1;
}
