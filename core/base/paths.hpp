// core/base/paths.hpp — where Loom keeps caches and finds its shaders.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace loom {

// LOOM_CACHE_DIR, else $XDG_CACHE_HOME/loom, else $HOME/.cache/loom, else /tmp/loom-cache.
// Created on first use.
std::filesystem::path cache_dir();

// The shaders/ folder: LOOM_SHADER_DIR, else the source tree this build came from.
std::filesystem::path shader_dir();

// The folder holding Loom's public headers for projects, and the built libraries.
std::filesystem::path source_dir();
std::filesystem::path build_dir();

// Reads a whole file; nothing on failure.
std::optional<std::string> read_file(const std::filesystem::path& path);
// Writes through a temporary file and a rename, so readers never see half a file.
bool write_file_atomic(const std::filesystem::path& path, const void* data, std::size_t size);

// Environment variable, or empty.
std::string env(const char* name);

// `text` as one word for /bin/sh: single-quoted, with single quotes inside escaped.
std::string shell_quote(const std::string& text);

}  // namespace loom
