// loom-bench — measures Loom on the device it runs on.
//
//   frame/<size>      the noise-blur-bloom chain: frame time (wall clock, frame to frame, incl.
//                     waiting for the GPU), CPU time of a frame, GPU time of a frame (timestamps),
//                     and the GPU time of each operator.
//   record/<n>ops     chains of 1, 8 and 64 operators at 64x64: CPU time to record one operator
//                     (the chain's record time divided by n) and the whole frame's CPU time.
//   pass/<name>/<WxH>/<format>   one operator (Blur: Gaussian sigma 8, box radius 8) on a still
//                     input at 1920x1080 and 3840x2160, RGBA8 and RGBA16F: its GPU time.
//   3d/<fixture>      testing-fixtures/shadow-point and shadow-comprehensive at 1920x1080: frame,
//                     CPU and GPU time, GPU time of each operator (Render3D: all its passes), and
//                     again with every light's shadows off — the difference is the shadow passes.
//   3d/instanced-10k  10,000 instanced cubes (one draw per pass) under 4 shadowed lights
//                     (directional with 3 cascades, spot, 2 points) at 1920x1080, the same way.
//
// Every figure is the median and p90 over the measured frames, after warm-up frames. Results
// go to stdout and, with --csv, to a CSV file (one row per figure, with the device's name).
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <loom/loom.hpp>
#include <spdlog/spdlog.h>

#include "core/base/paths.hpp"
#include "core/graph/operator_state.hpp"
#include "core/runtime/project_host.hpp"
#include "core/runtime/engine.hpp"
#include "core/runtime/heap_counter.hpp"

using namespace loom;

namespace {

struct Row {
    std::string bench, metric;
    runtime::Percentiles p;
    std::string unit = "ms";
};

struct Options {
    int frames = 0;  // 0: chosen per device
    int warmup = 20;
    std::string csv;
    std::string gpu = "auto";
    std::string only;
};

void build_noise_blur_bloom(Chain& c) {
    auto& noise = c.add<Noise>("noise").type(NoiseType::Perlin).scale(5.0f).octaves(5).speed(0.3f);
    auto& blur = c.add<Blur>("blur").input(noise).sigma(4.0f);
    auto& glow = c.add<Bloom>("glow").input(blur).threshold(0.55f).knee(0.3f).intensity(3.0f).radius(0.9f);
    c.add<Composite>("out").inputs({&noise, &glow}).mode(Blend::Screen);
    c.output("out");
}

// n operators: a noise, then a line of cheap filters, so the GPU work stays small and the CPU
// cost of recording dominates.
void build_line(Chain& c, int n) {
    Operator* prev = &c.add<Noise>("op0").octaves(1);
    for (int i = 1; i < n; ++i) {
        const std::string name = "op" + std::to_string(i);
        if (i % 2)
            prev = &c.add<Level>(name).input(*prev).gamma(1.01f);
        else
            prev = &c.add<HSV>(name).input(*prev).hue_shift(0.01f);
    }
    c.output(prev->name());
}

void animate(Context& ctx) {
    if (auto* n = ctx.chain().find_as<Noise>("noise")) n->offset({float(ctx.time() * 0.1), 0.0f});
}

std::unique_ptr<runtime::Engine> make_engine(const Options& o, Extent canvas) {
    runtime::EngineConfig cfg;
    auto g = gpu::GpuChoice::parse(o.gpu);
    if (!g) {
        std::fprintf(stderr, "loom-bench: %s\n", g.message().c_str());
        std::exit(1);
    }
    cfg.device.gpu = *g;
    cfg.canvas = canvas;
    auto e = runtime::Engine::create(cfg);
    if (!e) {
        std::fprintf(stderr, "loom-bench: %s\n", e.message().c_str());
        std::exit(3);
    }
    return std::move(*e);
}

int frames_for(const runtime::Engine& e, const Options& o, int gpu_default, int cpu_default) {
    if (o.frames > 0) return o.frames;
    return const_cast<runtime::Engine&>(e).device().is_software() ? cpu_default : gpu_default;
}

void print(const Row& r) {
    std::printf("  %-22s %-26s median %10.4f %s   p90 %10.4f %s   (%zu frames)\n", r.bench.c_str(), r.metric.c_str(),
                r.p.median, r.unit.c_str(), r.p.p90, r.unit.c_str(), r.p.count);
}

void bench_frame(const Options& o, Extent size, std::vector<Row>& rows, std::string& device) {
    auto engine = make_engine(o, size);
    device = std::string(engine->device().name());
    build_noise_blur_bloom(engine->chain());
    const int frames = frames_for(*engine, o, 600, 40);
    const int warmup = std::min(o.warmup, frames);
    std::vector<double> per_op_gpu[4];
    const char* names[] = {"noise", "blur", "glow", "out"};
    for (int i = 0; i < warmup + frames; ++i) {
        if (auto r = engine->frame(animate); !r) {
            std::fprintf(stderr, "loom-bench: %s\n", r.message().c_str());
            std::exit(4);
        }
        if (i >= warmup + 2)  // GPU times arrive two frames late
            for (int k = 0; k < 4; ++k) per_op_gpu[k].push_back(engine->chain().find(names[k])->state().gpu_ms);
    }
    engine->wait_idle();
    const std::string b = "frame/" + std::to_string(size.width) + "x" + std::to_string(size.height);
    auto& s = engine->stats();
    rows.push_back({b, "frame time", s.frame_ms(std::size_t(warmup))});
    rows.push_back({b, "frame CPU time", s.cpu_ms(std::size_t(warmup))});
    rows.push_back({b, "frame GPU time", s.gpu_ms(std::size_t(warmup + 2))});
    for (int k = 0; k < 4; ++k)
        rows.push_back({b, std::string("GPU time of ") + names[k], runtime::percentiles(per_op_gpu[k])});
}

// `count` particles at 1920x1080 from a disc (the default motion), as `look`: "sprites" (added soft
// sprites of about 6 pixels), "points" (added one-pixel points: the compute splat where the
// device has float atomics) or "points-over" (points drawn over each other: always drawn).
// The frame and the Particles operator's own GPU time.
void bench_particles(const Options& o, int count, const std::string& look, std::vector<Row>& rows,
                     std::string& device) {
    auto engine = make_engine(o, {1920, 1080});
    device = std::string(engine->device().name());
    engine->chain().add<Particles>("particles").count(count).emitter(Emitter::Disc).emitter_size({0.3f, 0.3f}).spread(
        360.0f).size_start(0.006f).size_end(0.002f).look(look == "sprites" ? ParticleLook::Sprite : ParticleLook::Point)
        .blend(look == "points-over" ? SpriteBlend::Over : SpriteBlend::Add);
    const int frames = frames_for(*engine, o, 600, 10);
    const int warmup = std::min(o.warmup, frames);
    std::vector<double> op_gpu;
    for (int i = 0; i < warmup + frames; ++i) {
        if (auto r = engine->frame(); !r) {
            std::fprintf(stderr, "loom-bench: %s\n", r.message().c_str());
            std::exit(4);
        }
        if (i >= warmup + 2) op_gpu.push_back(engine->chain().find("particles")->state().gpu_ms);
    }
    engine->wait_idle();
    const std::string b = "particles/" + std::to_string(count) + "/" + look;
    auto& s = engine->stats();
    rows.push_back({b, "frame time", s.frame_ms(std::size_t(warmup))});
    rows.push_back({b, "frame GPU time", s.gpu_ms(std::size_t(warmup + 2))});
    rows.push_back({b, "GPU time of particles", runtime::percentiles(op_gpu)});
}

// One operator on a still input: `pass/<name>/<WxH>/<format>`. The input is a Pattern of the
// same format and size; the figure is the operator's own GPU time. Passes: blur-8 (Gaussian,
// sigma 8), box-8 (box of radius 8), each with the device's method, and blur-8-convolution,
// blur-8-lines with that method forced.
void bench_pass(const Options& o, const std::string& name, Extent size, Format format, std::vector<Row>& rows,
                std::string& device) {
    auto engine = make_engine(o, size);
    device = std::string(engine->device().name());
    Chain& c = engine->chain();
    auto& src = c.add<Pattern>("src").format(format);
    const BlurMethod method = name.ends_with("-lines")        ? BlurMethod::Lines
                              : name.ends_with("-convolution") ? BlurMethod::Convolution
                                                               : BlurMethod::Auto;
    if (name.starts_with("blur-8")) c.add<Blur>("op").input(src).sigma(8.0f).method(method).format(format);
    if (name.starts_with("box-8"))
        c.add<Blur>("op").input(src).shape(BlurShape::Box).radius(8).method(method).format(format);
    c.output("op");
    const int frames = frames_for(*engine, o, 600, 10);
    const int warmup = std::min(o.warmup, frames);
    std::vector<double> op_gpu;
    for (int i = 0; i < warmup + frames; ++i) {
        if (auto r = engine->frame(); !r) {
            std::fprintf(stderr, "loom-bench: %s\n", r.message().c_str());
            std::exit(4);
        }
        if (i >= warmup + 2) op_gpu.push_back(c.find("op")->state().gpu_ms);
    }
    engine->wait_idle();
    const std::string b = "pass/" + name + "/" + std::to_string(size.width) + "x" + std::to_string(size.height) + "/" +
                          format_name(format);
    rows.push_back({b, "GPU time of the pass", runtime::percentiles(op_gpu)});
}

void bench_record(const Options& o, int n, std::vector<Row>& rows, std::string& device) {
    auto engine = make_engine(o, {64, 64});
    device = std::string(engine->device().name());
    build_line(engine->chain(), n);
    const int frames = frames_for(*engine, o, 2000, 300);
    const int warmup = std::min(o.warmup, frames);
    std::vector<double> per_op, frame_cpu;
    std::vector<Operator*> ops;
    for (auto& op : engine->chain().operators()) ops.push_back(op.get());
    for (int i = 0; i < warmup + frames; ++i) {
        if (auto r = engine->frame(); !r) {
            std::fprintf(stderr, "loom-bench: %s\n", r.message().c_str());
            std::exit(4);
        }
        if (i < warmup) continue;
        double sum = 0;
        for (Operator* op : ops) sum += op->state().cpu_record_ms;
        per_op.push_back(sum / n * 1000.0);  // microseconds
    }
    const std::string b = "record/" + std::to_string(n) + "ops";
    rows.push_back({b, "CPU record per operator", runtime::percentiles(per_op), "us"});
    rows.push_back({b, "frame CPU time", engine->stats().cpu_ms(std::size_t(warmup))});
}

#ifdef LOOM_WITH_RENDER3D
void build_instanced(Chain& c) {
    auto& r = c.add<Render3D>("scene");
    r.add(r.mesh(mesh::plane({120.0f, 120.0f})), "floor").color({0.6f, 0.6f, 0.6f, 1.0f});
    auto& cubes = r.add(r.mesh(mesh::box({0.4f, 0.4f, 0.4f})), "cubes").instances(10000);
    for (int i = 0; i < 10000; ++i) {
        glm::mat4 m(1.0f);
        m[3] = glm::vec4(-50.0f + float(i % 100), 0.2f + 0.3f * float(i % 7), -50.0f + float(i / 100), 1.0f);
        cubes.instance(std::uint32_t(i), m, {0.3f + 0.007f * float(i % 100), 0.5f, 0.8f, 1.0f});
    }
    r.add_light(LightType::Directional, "sun").direction({-0.4f, -1.0f, -0.5f}).intensity(0.8f).shadows(true)
        .cascades(3);
    r.add_light(LightType::Spot, "spot").position({0.0f, 20.0f, 10.0f}).direction({0.0f, -1.0f, -0.5f})
        .cone(20.0f, 30.0f).range(60.0f).intensity(200.0f).shadows(true);
    r.add_light(LightType::Point, "a").position({-10.0f, 3.0f, 0.0f}).range(15.0f).intensity(10.0f).shadows(true)
        .shadow_map_size(512);
    r.add_light(LightType::Point, "b").position({10.0f, 3.0f, 0.0f}).range(15.0f).intensity(10.0f).shadows(true)
        .shadow_map_size(512);
    r.camera().perspective(50.0f, 0.1f, 200.0f).orbit({0.0f, 0.0f, 0.0f}, 60.0f, 30.0f, 35.0f);
}

// One 3D case: `fixture` is a folder under testing-fixtures/, or empty for the instanced scene.
void bench_3d(const Options& o, const std::string& fixture, bool shadows, std::vector<Row>& rows,
              std::string& device) {
    const Extent size{1920, 1080};
    auto engine = make_engine(o, size);
    device = std::string(engine->device().name());
    std::unique_ptr<runtime::Project> project;
    ProjectFn update = nullptr;
    if (fixture.empty()) {
        build_instanced(engine->chain());
    } else {
        auto p = runtime::Project::load(source_dir() / "testing-fixtures" / fixture);
        if (!p) {
            std::fprintf(stderr, "loom-bench: %s\n", p.message().c_str());
            std::exit(2);
        }
        project = std::move(*p);
        if (auto r = project->setup(engine->context()); !r) {
            std::fprintf(stderr, "loom-bench: %s\n", r.message().c_str());
            std::exit(2);
        }
        update = project->entry().update;
    }
    if (!shadows)
        for (auto& op : engine->chain().operators())
            if (auto* r = dynamic_cast<Render3D*>(op.get()))
                for (std::size_t i = 0; i < r->light_count(); ++i) r->light(i).shadows(false);
    const int frames = frames_for(*engine, o, 600, 30);
    const int warmup = std::min(o.warmup, frames);
    std::vector<Operator*> ops;
    for (auto& op : engine->chain().operators()) ops.push_back(op.get());
    std::vector<std::vector<double>> per_op(ops.size());
    for (int i = 0; i < warmup + frames; ++i) {
        auto r = update ? engine->frame([&](Context& c) { update(c); }) : engine->frame();
        if (!r) {
            std::fprintf(stderr, "loom-bench: %s\n", r.message().c_str());
            std::exit(4);
        }
        if (i >= warmup + 2)
            for (std::size_t k = 0; k < ops.size(); ++k) per_op[k].push_back(ops[k]->state().gpu_ms);
    }
    engine->wait_idle();
    const std::string b = "3d/" + (fixture.empty() ? std::string("instanced-10k") : fixture) +
                          (shadows ? "" : "/no-shadows");
    auto& s = engine->stats();
    rows.push_back({b, "frame time", s.frame_ms(std::size_t(warmup))});
    rows.push_back({b, "frame CPU time", s.cpu_ms(std::size_t(warmup))});
    rows.push_back({b, "frame GPU time", s.gpu_ms(std::size_t(warmup + 2))});
    for (std::size_t k = 0; k < ops.size(); ++k)
        rows.push_back({b, "GPU time of " + ops[k]->name(), runtime::percentiles(per_op[k])});
    engine->clear_chain();  // the project's operators go before its library
}
#endif

}  // namespace

int main(int argc, char** argv) {
    spdlog::set_pattern("[loom-bench] [%l] %v");
    spdlog::set_level(spdlog::level::warn);
    Options o;
    CLI::App app{"loom-bench: frame time and per-operator cost (median, p90)"};
    app.add_option("--frames", o.frames, "Measured frames per case (default: 600/2000 on a GPU, 40/300 on a CPU device)");
    app.add_option("--warmup", o.warmup, "Warm-up frames per case, not measured");
    app.add_option("--csv", o.csv, "Write the results to this CSV file");
    app.add_option("--gpu", o.gpu, "auto, software, or a device index");
    app.add_option("--only", o.only, "Run only cases whose name contains this (frame, record, 1920, ...)");
    CLI11_PARSE(app, argc, argv);

    std::vector<Row> rows;
    std::string device;
    auto want = [&](const std::string& name) { return o.only.empty() || name.find(o.only) != std::string::npos; };
    for (Extent size : {Extent{1280, 720}, Extent{1920, 1080}}) {
        const std::string name = "frame/" + std::to_string(size.width) + "x" + std::to_string(size.height);
        if (want(name)) bench_frame(o, size, rows, device);
    }
    for (int n : {1, 8, 64})
        if (want("record/" + std::to_string(n) + "ops")) bench_record(o, n, rows, device);
    for (const char* p : {"blur-8", "box-8", "blur-8-convolution", "blur-8-lines"})
        for (Extent size : {Extent{1920, 1080}, Extent{3840, 2160}})
            for (Format f : {Format::RGBA8, Format::RGBA16F}) {
                const std::string name = std::string("pass/") + p + "/" + std::to_string(size.width) + "x" +
                                         std::to_string(size.height) + "/" + format_name(f);
                if (want(name)) bench_pass(o, p, size, f, rows, device);
            }
    for (int n : {100000, 1000000})
        for (const char* look : {"sprites", "points", "points-over"})
            if (want("particles/" + std::to_string(n) + "/" + look)) bench_particles(o, n, look, rows, device);
#ifdef LOOM_WITH_RENDER3D
    for (const char* f : {"shadow-point", "shadow-comprehensive", ""})
        for (bool shadows : {true, false}) {
            const std::string name = std::string("3d/") + (*f ? f : "instanced-10k") + (shadows ? "" : "/no-shadows");
            if (want(name)) bench_3d(o, f, shadows, rows, device);
        }
#endif

    std::printf("loom-bench on %s\n", device.c_str());
    for (const Row& r : rows) print(r);
    if (!o.csv.empty()) {
        std::ofstream f(o.csv);
        f << "device,bench,metric,unit,median,p90,min,max,frames\n";
        for (const Row& r : rows)
            f << '"' << device << "\"," << r.bench << ',' << r.metric << ',' << r.unit << ',' << r.p.median << ','
              << r.p.p90 << ',' << r.p.min << ',' << r.p.max << ',' << r.p.count << '\n';
        std::printf("wrote %s\n", o.csv.c_str());
    }
    return 0;
}
