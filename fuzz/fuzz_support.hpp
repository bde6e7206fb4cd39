// fuzz/fuzz_support.hpp — what the fuzz targets share: a scratch folder per process, writing the
// input to a file there, and a check that stops the run (a finding) when an invariant breaks.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace loom::fuzz {

// A folder of this process's own under the temporary directory, made on first use.
inline const std::filesystem::path& scratch() {
    static const std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("loom-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    return dir;
}

// Writes the input to scratch()/name and returns the path (loaders read files, not memory).
inline std::filesystem::path write_input(const std::string& name, const std::uint8_t* data, std::size_t size) {
    const auto path = scratch() / name;
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                   static_cast<std::streamsize>(size));
    return path;
}

// An invariant of the code under test: when it fails, the input is a finding.
#define LOOM_FUZZ_CHECK(cond)                                                                   \
    do {                                                                                        \
        if (!(cond)) {                                                                          \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);  \
            std::abort();                                                                       \
        }                                                                                       \
    } while (0)

}  // namespace loom::fuzz
