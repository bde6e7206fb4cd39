// bench/bench_charts.hpp — loom-bench's results as rows, read from and written to CSV, and the
// charts drawn from them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace loom::bench {

struct Result {
    std::string device, bench, metric, unit;
    double median = 0.0, p90 = 0.0, min = 0.0, max = 0.0;
    std::size_t count = 0;
};

// Reads a CSV that loom-bench wrote (device,bench,metric,unit,median,p90,min,max,frames) or that
// bench/peer_blur.py wrote (case,ffmpeg_filter,ffmpeg_ms,...: each row becomes the bench
// "peer/<case>" with the metrics "ffmpeg ms" and "loom ms"). False with `error` set when the file
// cannot be read or has neither header.
bool read_results(const std::filesystem::path& path, std::vector<Result>& out, std::string& error);
bool write_results(const std::filesystem::path& path, const std::vector<Result>& rows, std::string& error);

// Draws every chart the rows have data for into `dir`, one set per device ("<chart>-<device>.png"):
//   chain-length   frame and CPU time against the number of operators, Loom and the naive mode
//   resolution     frame GPU time and each operator's against megapixels (the frame/ chain)
//   bandwidth      each pass's share of the copy bandwidth at 3840x2160, with the 60% goal
//   peer           ffmpeg's blurs against Loom's on the same device (ms per frame)
// Returns the files written; `error` names the first that failed.
std::vector<std::filesystem::path> draw_charts(const std::vector<Result>& rows, const std::filesystem::path& dir,
                                               std::string& error);

}  // namespace loom::bench
