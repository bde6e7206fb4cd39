// `loom operators`: the operator registry as text, JSON or Markdown, and the examples as
// thumbnails (docs/OPERATORS.md and docs/operators/ are written from here by
// tools/operator-docs.sh).
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <loom/operator_registry.hpp>

#include "core/gpu/device.hpp"
#include "core/runtime/cli/cli.hpp"
#include "core/runtime/engine.hpp"
#include "core/runtime/operator_examples.hpp"

namespace loom::cli {

namespace {

struct ParamText {
    std::string name, type, value, min, max;
    std::vector<std::string> labels;
};

// Whole numbers of int parameters in full (1073741824, not 1.07374e+09).
std::string number_text(float v, ParamType type) {
    return type == ParamType::Int ? fmt::format("{}", static_cast<long long>(v)) : fmt::format("{:g}", v);
}

std::string floats_text(const float* v, int n, ParamType type) {
    std::string s;
    for (int i = 0; i < n; ++i) s += (i ? ", " : "") + number_text(v[i], type);
    return n > 1 ? "(" + s + ")" : s;
}

std::vector<ParamText> describe_params(const Operator& op) {
    std::vector<ParamText> out;
    for (const ParamBase* p : op.params()) {
        ParamText t;
        t.name = p->name();
        t.type = param_type_name(p->type());
        float def[4], lo[4], hi[4];
        p->default_floats(def);
        p->min_floats(lo);
        p->max_floats(hi);
        const int n = p->components();
        for (const char* l : p->labels()) t.labels.emplace_back(l);
        if (!t.labels.empty()) {
            t.value = t.labels[static_cast<std::size_t>(def[0])];
        } else if (p->type() == ParamType::Bool) {
            t.value = def[0] != 0.0f ? "true" : "false";
        } else {
            t.value = floats_text(def, n, p->type());
            t.min = floats_text(lo, n, p->type());
            t.max = floats_text(hi, n, p->type());
        }
        out.push_back(std::move(t));
    }
    return out;
}

std::string inputs_text(const Operator& op) {
    const int lo = op.min_inputs(), hi = op.max_inputs();
    if (op.is_value()) return "none (a value: it drives parameters, e.g. blur.sigma(lfo))";
    if (hi == 0) return "none";
    return lo == hi ? std::to_string(lo) : fmt::format("{} to {}", lo, hi);
}

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\', out += c;
        else if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", c);
        else out += c;
    }
    return out + "\"";
}

std::string json_floats(const ParamBase& p, void (ParamBase::*get)(float*) const) {
    float v[4];
    (p.*get)(v);
    if (p.components() == 1) return number_text(v[0], p.type());
    std::string s = "[";
    for (int i = 0; i < p.components(); ++i) s += (i ? ", " : "") + number_text(v[i], p.type());
    return s + "]";
}

void print_json(const std::vector<const OperatorInfo*>& infos) {
    std::printf("[\n");
    for (std::size_t i = 0; i < infos.size(); ++i) {
        const OperatorInfo& info = *infos[i];
        const auto op = info.make();
        std::printf("  {\"type\": %s, \"category\": %s, \"summary\": %s,\n", json_string(info.type).c_str(),
                    json_string(info.category).c_str(), json_string(info.summary).c_str());
        std::printf("   \"inputs\": {\"min\": %d, \"max\": %d}, \"example\": %s, \"calls\": %s,\n   \"params\": [",
                    op->min_inputs(), op->max_inputs(), info.example ? "true" : "false", json_string(info.calls).c_str());
        const auto params = op->params();
        for (std::size_t k = 0; k < params.size(); ++k) {
            const ParamBase& p = *params[k];
            std::printf("%s\n     {\"name\": %s, \"type\": %s, \"default\": %s, \"min\": %s, \"max\": %s", k ? "," : "",
                        json_string(p.name()).c_str(), json_string(param_type_name(p.type())).c_str(),
                        json_floats(p, &ParamBase::default_floats).c_str(), json_floats(p, &ParamBase::min_floats).c_str(),
                        json_floats(p, &ParamBase::max_floats).c_str());
            if (!p.labels().empty()) {
                std::string labels;
                for (const char* l : p.labels()) labels += (labels.empty() ? "" : ", ") + json_string(l);
                std::printf(", \"labels\": [%s]", labels.c_str());
            }
            std::printf("}");
        }
        std::printf("%s]}%s\n", params.empty() ? "" : "\n   ", i + 1 < infos.size() ? "," : "");
    }
    std::printf("]\n");
}

void print_text(const std::vector<const OperatorInfo*>& infos) {
    std::string category;
    for (const OperatorInfo* info : infos) {
        if (category != info->category) {
            category = info->category;
            std::printf("%s%s\n", category == infos.front()->category ? "" : "\n", category.c_str());
        }
        const auto op = info->make();
        std::printf("  %s — %s\n    inputs: %s\n", info->type, info->summary, inputs_text(*op).c_str());
        if (*info->calls) std::printf("    calls: %s\n", info->calls);
        for (const auto& p : describe_params(*op)) {
            std::string range;
            if (!p.labels.empty()) {
                for (const auto& l : p.labels) range += (range.empty() ? "" : " | ") + l;
            } else if (!p.min.empty()) {
                range = p.min + " .. " + p.max;
            }
            std::printf("    %-16s %-5s %-18s %s\n", p.name.c_str(), p.type.c_str(), p.value.c_str(), range.c_str());
        }
    }
}

const char* category_title(const std::string& c) {
    if (c == "generator") return "Generators";
    if (c == "filter") return "Filters";
    if (c == "composite") return "Compositing and routing";
    if (c == "retro") return "Retro";
    if (c == "temporal") return "Temporal";
    if (c == "value") return "Values";
    if (c == "3d") return "3D";
    if (c == "custom") return "Your own";
    return "Other";
}

void print_markdown(const std::vector<const OperatorInfo*>& infos) {
    std::printf("# Operators\n\n"
                "Every operator of this build of Loom, with its inputs and parameters. This page is written by\n"
                "`tools/operator-docs.sh` from `loom operators --markdown`; each picture is the operator's example\n"
                "chain (the same chain is its golden test) rendered by `loom operators --thumbnails`.\n"
                "`loom operators NAME` prints one operator, `--json` all of them for tools.\n\n"
                "Colour parameters are RGBA floats with straight alpha, as in picture files and snapshots;\n"
                "inside the chain images hold premultiplied alpha (a project's Shader returns premultiplied\n"
                "colour: `loom_premultiply()`). Positions are in uv (0..1 from the top-left corner); sizes\n"
                "and distances are in canvas heights unless a parameter says pixels; angles are in degrees,\n"
                "counter-clockwise unless the operator says otherwise. Each parameter has a setter of its name\n"
                "(`.sigma(4.0f)`), and every operator has `.input()`, `.inputs()`, `.size()`, `.relative_size()`\n"
                "and `.format()`. A value outside its range is clamped, with one warning naming the parameter.\n"
                "Value operators (LFO, Math, Logic, Clock) have no image: their number drives parameters,\n"
                "`blur.sigma(lfo)` for a setter or `op.drive(\"translate\", lfo, 1)` for any parameter or one\n"
                "component of it; their pictures trace the value over 1.5 seconds.\n");
    std::string category;
    for (const OperatorInfo* info : infos) {
        if (category != info->category) {
            category = info->category;
            std::printf("\n## %s\n", category_title(category));
        }
        const auto op = info->make();
        std::printf("\n### %s\n\n", info->type);
        if (info->example)
            std::printf("<img src=\"operators/%s.png\" alt=\"%s\" width=\"192\" align=\"right\">\n\n",
                        runtime::operator_file_name(info->type).c_str(), info->type);
        std::printf("%s\n\nInputs: %s.\n", info->summary, inputs_text(*op).c_str());
        if (*info->calls) std::printf("\nAlso: `%s`.\n", info->calls);
        const auto params = describe_params(*op);
        if (params.empty()) continue;
        std::printf("\n| parameter | type | default | range |\n| --- | --- | --- | --- |\n");
        for (const auto& p : params) {
            std::string range;
            if (!p.labels.empty()) {
                for (const auto& l : p.labels) range += (range.empty() ? "`" : "`, `") + l;
                range += "`";
            } else if (!p.min.empty()) {
                range = p.min + " .. " + p.max;
            }
            std::printf("| `%s` | %s | %s | %s |\n", p.name.c_str(), p.type.c_str(), p.value.c_str(), range.c_str());
        }
    }
}

int render_thumbnails(const std::vector<const OperatorInfo*>& infos, const OperatorsOptions& o) {
    auto choice = gpu::GpuChoice::parse(o.gpu);
    if (!choice) {
        std::fprintf(stderr, "loom: %s\n", choice.message().c_str());
        return kExitUsage;
    }
    std::error_code ec;
    std::filesystem::create_directories(o.thumbnails, ec);
    if (ec) {
        std::fprintf(stderr, "loom: cannot create the folder %s: %s. Fix: give a folder you can write.\n",
                     o.thumbnails.c_str(), ec.message().c_str());
        return kExitUsage;
    }
    runtime::EngineConfig cfg;
    cfg.device.gpu = *choice;
    cfg.canvas = o.size;
    auto engine = runtime::Engine::create(cfg);
    if (!engine) {
        std::fprintf(stderr, "loom: %s\n", engine.message().c_str());
        return kExitDevice;
    }
    int failed = 0, written = 0;
    for (const OperatorInfo* info : infos) {
        if (!info->example) continue;
        auto pixels = runtime::render_operator_example(**engine, *info);
        const auto file = std::filesystem::path(o.thumbnails) / (runtime::operator_file_name(info->type) + ".png");
        if (pixels) {
            if (auto w = io::write_png(file, *pixels); !w) {
                std::fprintf(stderr, "loom: %s\n", w.message().c_str());
                ++failed;
                continue;
            }
            std::printf("%s\n", file.c_str());
            ++written;
        } else {
            std::fprintf(stderr, "loom: %s\n", pixels.message().c_str());
            ++failed;
        }
    }
    (*engine)->clear_chain();
    std::printf("%d thumbnails at %ux%u in %s%s\n", written, o.size.width, o.size.height, o.thumbnails.c_str(),
                failed ? fmt::format(", {} failed", failed).c_str() : "");
    return failed ? kExitRender : kExitOk;
}

}  // namespace

int list_operators(const OperatorsOptions& o) {
    std::vector<const OperatorInfo*> infos = registered_operators();
    if (!o.type.empty()) {
        const OperatorInfo* one = nullptr;
        // By type (any case: blur, Blur) or by file name (barrel_distortion).
        auto same_letters = [](std::string_view a, std::string_view b) {
            return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                       return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
                   });
        };
        for (const OperatorInfo* i : infos)
            if (same_letters(i->type, o.type) || runtime::operator_file_name(i->type) == o.type)
                one = i;
        if (!one) {
            std::string names;
            for (const OperatorInfo* i : infos) names += (names.empty() ? "" : ", ") + std::string(i->type);
            std::fprintf(stderr, "loom: there is no operator '%s'. Fix: use one of %s.\n", o.type.c_str(),
                         names.c_str());
            return kExitUsage;
        }
        infos = {one};
    }
    if (!o.thumbnails.empty()) return render_thumbnails(infos, o);
    if (o.json)
        print_json(infos);
    else if (o.markdown)
        print_markdown(infos);
    else
        print_text(infos);
    return kExitOk;
}

}  // namespace loom::cli
