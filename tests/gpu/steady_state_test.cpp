// After warm-up, a frame creates nothing, allocates nothing, writes no descriptor and submits once.
#include <loom/operator_registry.hpp>

#include "core/graph/operator_state.hpp"
#include "core/runtime/operator_examples.hpp"
#include "core/runtime/heap_counter.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace loom::test {
namespace {

class SteadyState : public GpuTest {};

// Every 2D operator, with feedback, a culled branch and value operators driving parameters.
void build_everything(Chain& c) {
    auto& noise = c.add<Noise>("noise").scale(3.0f).octaves(3).speed(0.5f);
    auto& blur = c.add<Blur>("blur").input(noise).sigma(2.0f);
    auto& glow = c.add<Bloom>("glow").input(blur).threshold(0.5f).radius(1.0f);
    auto& grad = c.add<Gradient>("grad").type(GradientType::Radial);
    auto& solid = c.add<SolidColor>("solid").color({0.1f, 0.2f, 0.3f, 0.5f});
    auto& hsv = c.add<HSV>("hsv").input(glow).hue_shift(0.1f);
    auto& lfo = c.add<LFO>("lfo").shape(LfoShape::Noise).frequency(0.5f).amplitude(0.3f).offset(1.2f);
    auto& smooth = c.add<Math>("smooth").op(MathOp::Smooth).a(lfo);
    auto& lvl = c.add<Level>("level").input(hsv).gamma(smooth);
    auto& xf = c.add<Transform>("xf").input(lvl).rotate(10.0f).wrap(Wrap::Mirror);
    auto& fb = c.add<Feedback>("fb").input(xf).decay(0.9f).scale(1.01f);
    c.add<Blur>("unused").input(noise);
    c.add<Composite>("out").inputs({&fb, &grad, &solid}).mode(Blend::Screen);
    c.output("out");
}

void animate(Context& ctx) {
    // Parameter changes every frame are the normal case; they must not allocate.
    auto& c = ctx.chain();
    c.get<Noise>("noise").offset({float(ctx.time()), 0.0f});
    c.get<HSV>("hsv").hue_shift(float(ctx.time() * 0.1));
    c.get<Transform>("xf").rotate(float(ctx.time() * 30.0));
}

TEST_F(SteadyState, FramesCreateNothingWriteNoDescriptorAndSubmitOnce) {
    build_everything(chain());
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(engine().frame(animate).ok());
    const auto before = runtime::take_snapshot(engine().device().counters());
    const int frames = 100;
    for (int i = 0; i < frames; ++i) {
        ASSERT_TRUE(engine().frame(animate).ok());
        const auto& f = engine().stats().last();
        ASSERT_EQ(f.objects_created, 0u) << "frame " << i << ": " << f.to_string();
        ASSERT_EQ(f.submits, 1u) << "frame " << i;
    }
    const auto after = runtime::take_snapshot(engine().device().counters());
    const auto d = runtime::FrameCounters::between(before, after);
    std::printf("100 steady frames: %s\n", d.to_string().c_str());
    EXPECT_EQ(d.objects_created, 0u) << d.to_string();
    EXPECT_EQ(d.objects_destroyed, 0u) << d.to_string();
    EXPECT_EQ(d.descriptor_sets_allocated, 0u) << d.to_string();
    EXPECT_EQ(d.descriptor_writes, 0u) << d.to_string();
    EXPECT_EQ(d.submits, std::uint64_t(frames)) << d.to_string();
    EXPECT_EQ(d.command_buffers, std::uint64_t(frames)) << d.to_string();
    EXPECT_EQ(d.pipelines_created, 0u) << d.to_string();
    EXPECT_GT(d.draws, std::uint64_t(frames) * 10) << d.to_string();
    // Nothing is waiting for deletion.
    EXPECT_EQ(engine().device().deleter().pending(), 0u);
}

// The naive mode benches compare against (EngineConfig::naive) renders the same image as Loom
// does, with a submit per operator and every descriptor set allocated and written each frame;
// validation stays quiet across the split command buffers, and the sets it makes are all freed.
TEST_F(SteadyState, NaiveModeRendersTheSameImageWithASubmitPerOperator) {
    build_everything(chain());
    for (int i = 0; i < 12; ++i) ASSERT_TRUE(engine().frame(animate).ok());
    auto ours = engine().read_output();
    ASSERT_TRUE(ours.ok()) << ours.message();

    runtime::EngineConfig cfg = test_config();
    cfg.naive = true;
    restart(cfg);
    build_everything(chain());
    for (int i = 0; i < 12; ++i) ASSERT_TRUE(engine().frame(animate).ok());
    auto naive = engine().read_output();
    ASSERT_TRUE(naive.ok()) << naive.message();
    ASSERT_EQ(naive->width, ours->width);
    ASSERT_EQ(naive->height, ours->height);
    EXPECT_EQ(naive->rgba, ours->rgba) << "the naive mode renders another image";

    const std::size_t steps = engine().runtime().plan()->steps.size();
    ASSERT_GT(steps, 8u);
    const auto before = runtime::take_snapshot(engine().device().counters());
    // 80 frames: more sets per slot than one of its pools holds, so a pool that was not reset
    // would make another (an object created and never destroyed).
    for (int i = 0; i < 80; ++i) {
        const auto& f = engine().stats().last();
        ASSERT_EQ(f.submits, steps + 1) << "frame " << i << ": " << f.to_string();
        ASSERT_EQ(f.command_buffers, steps + 1) << "frame " << i << ": " << f.to_string();
        ASSERT_GE(f.descriptor_sets_allocated, steps) << "frame " << i << ": " << f.to_string();
        ASSERT_GE(f.descriptor_writes, 2 * steps) << "frame " << i << ": " << f.to_string();
        ASSERT_TRUE(engine().frame(animate).ok());
    }
    const auto after = runtime::take_snapshot(engine().device().counters());
    const auto d = runtime::FrameCounters::between(before, after);
    // Every set a frame allocates is freed when its slot comes round again: what 80 frames
    // created, 80 frames destroyed (the frames in flight hold the same number either side).
    EXPECT_EQ(d.objects_created, d.objects_destroyed) << d.to_string();
    EXPECT_EQ(d.pipelines_created, 0u) << d.to_string();
}

// Every operator on its own (its registry example chain): once it has run, its frames create
// nothing, allocate no descriptor set, write no descriptor and submit once.
TEST_F(SteadyState, EveryOperatorsExampleCreatesNothingOnceRunning) {
    int checked = 0;
    for (const OperatorInfo* info : registered_operators()) {
        if (!info->example) continue;
        SCOPED_TRACE(info->type);
        ASSERT_TRUE(runtime::render_operator_example(engine(), *info).ok());
        ASSERT_TRUE(engine().frame().ok());
        const auto before = runtime::take_snapshot(engine().device().counters());
        const int frames = 3;
        for (int i = 0; i < frames; ++i) ASSERT_TRUE(engine().frame().ok());
        const auto d = runtime::FrameCounters::between(before, runtime::take_snapshot(engine().device().counters()));
        EXPECT_EQ(d.objects_created, 0u) << d.to_string();
        EXPECT_EQ(d.descriptor_sets_allocated, 0u) << d.to_string();
        EXPECT_EQ(d.descriptor_writes, 0u) << d.to_string();
        EXPECT_EQ(d.pipelines_created, 0u) << d.to_string();
        EXPECT_EQ(d.submits, std::uint64_t(frames)) << d.to_string();
        ++checked;
    }
    EXPECT_GE(checked, 30);
}

// The same frames make no heap allocation on the frame thread. This one runs without the
// validation layer: the layer's own bookkeeping allocates inside every vkCmd* call it intercepts
// (about 1100 allocations a frame for this chain), which says nothing about Loom. The validated
// run above checks everything else about these frames.
TEST_F(SteadyState, FramesMakeNoHeapAllocations) {
#ifdef LOOM_SANITIZE
    GTEST_SKIP() << "sanitizer builds keep ASan's operator new, so allocations are not counted";
#endif
    auto cfg = test_config();
    cfg.device.validation = false;
    ASSERT_NO_FATAL_FAILURE(restart(cfg));
    ASSERT_TRUE(runtime::HeapCounter::available()) << "the counting operator new is not linked in";
    build_everything(chain());
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(engine().frame(animate).ok());
    const auto before = runtime::take_snapshot(engine().device().counters());
    for (int i = 0; i < 100; ++i) {
        ASSERT_TRUE(engine().frame(animate).ok());
        ASSERT_EQ(engine().stats().last().heap_allocations, 0u) << "frame " << i;
    }
    const auto d = runtime::FrameCounters::between(before, runtime::take_snapshot(engine().device().counters()));
    EXPECT_EQ(d.heap_allocations, 0u) << d.to_string();
    EXPECT_EQ(d.objects_created, 0u) << d.to_string();
    EXPECT_EQ(d.submits, 100u) << d.to_string();
}

// The barriers a frame records are the plan's, the same every frame, and no more. Noise -> Blur:
//   1. the noise image to storage-write (its dispatch needs no second barrier: nothing touched
//      it since this one);
//   2. the noise to sampled for the horizontal pass, with the blur's intermediate to storage-write
//      (write after last frame's vertical pass read it), in one call;
//   3. the blur's output to storage-write;  4. the output to sampled for whoever shows it.
// 5 barriers in 4 calls (before the "untouched" rule: 7 in 5, two write-after-write barriers
// repeating the plan's transition).
TEST_F(SteadyState, BarriersPerFrameAreThePlansAndTheSameEveryFrame) {
    chain().add<Noise>("noise");
    chain().add<Blur>("blur").input("noise").sigma(4.0f);
    chain().output("blur");
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(engine().frame().ok());
    const auto first = engine().stats().last();
    std::printf("noise -> blur frame: %s\n", first.to_string().c_str());
    for (int i = 0; i < 20; ++i) {
        ASSERT_TRUE(engine().frame().ok());
        const auto& f = engine().stats().last();
        ASSERT_EQ(f.barriers, first.barriers) << "frame " << i;
        ASSERT_EQ(f.barrier_calls, first.barrier_calls) << "frame " << i;
    }
    EXPECT_EQ(first.barriers, 5u);
    EXPECT_EQ(first.barrier_calls, 4u);

    // The everything chain: as many barriers every frame, whatever its parameters do.
    ASSERT_NO_FATAL_FAILURE(restart(test_config()));
    build_everything(chain());
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(engine().frame(animate).ok());
    const auto all = engine().stats().last();
    std::printf("everything frame: %s\n", all.to_string().c_str());
    for (int i = 0; i < 30; ++i) {
        ASSERT_TRUE(engine().frame(animate).ok());
        ASSERT_EQ(engine().stats().last().barriers, all.barriers) << "frame " << i;
        ASSERT_EQ(engine().stats().last().barrier_calls, all.barrier_calls) << "frame " << i;
    }
    // 52 in 31 calls before the "untouched" rule, 42 in 23 while the feedback's history was
    // copied (output to transfer-source and history to transfer-destination, in their own call;
    // now the two trade places).
    EXPECT_EQ(all.barriers, 39u);
    EXPECT_EQ(all.barrier_calls, 22u);
}

// A history is exactly the previous frame's output, frame after frame, now that the output and
// history images trade places instead of being copied: a colour that changes every frame, seen
// through history(src) by a Level that passes it on, and the source itself still this frame's.
TEST_F(SteadyState, HistoryIsThePreviousFrameEveryFrame) {
    auto& src = chain().add<SolidColor>("src").format(Format::RGBA32F);
    chain().add<Level>("late").input(history(src)).format(Format::RGBA32F);
    chain().output("late");
    auto colour = [](int i) { return glm::vec4(0.05f * float(i % 17), 0.5f, 0.01f * float(i), 1.0f); };
    for (int i = 0; i < 12; ++i) {
        src.color(colour(i));
        ASSERT_TRUE(engine().frame().ok());
        const auto late = read("late");
        const auto now = read("src");
        const glm::vec4 was = i == 0 ? glm::vec4(0.0f) : colour(i - 1);  // the first history is black
        for (int k = 0; k < 4; ++k) {
            ASSERT_NEAR(late.at(3, 2)[k], was[k], 1e-6f) << "frame " << i << ", channel " << k;
            ASSERT_NEAR(now.at(3, 2)[k], colour(i)[k], 1e-6f) << "frame " << i << ", channel " << k;
        }
    }
}

// An operator that draws into its output (PointSprites renders to it as a colour attachment) can
// be a history source: both images it alternates between are made for that (validation would
// say otherwise). A ring behind a history source (an Echo of a Feedback, its count driven down
// and up every frame) keeps its frames and creates nothing, though its input alternates between
// two images.
TEST_F(SteadyState, HistorySourcesThatDrawOrFeedARingCreateNothing) {
    auto& src = chain().add<SolidColor>("src").color({0.2f, 0.6f, 0.9f, 1.0f});
    auto& sprites = chain().add<PointSprites>("sprites").input(src).columns(12);
    auto& trail = chain().add<Feedback>("trail").input(history(sprites)).decay(0.8f);
    auto& echo = chain().add<Echo>("echo").input(trail).count(4);
    chain().output("echo");
    for (int i = 0; i < 10; ++i) {
        echo.count(i % 2 ? 2 : 4);
        ASSERT_TRUE(engine().frame().ok());
    }
    ASSERT_FALSE(sprites.failed()) << sprites.error();
    ASSERT_FALSE(echo.failed()) << echo.error();
    for (int i = 0; i < 20; ++i) {
        echo.count(i % 2 ? 2 : 4);
        ASSERT_TRUE(engine().frame().ok());
        const auto& c = engine().stats().last();
        EXPECT_EQ(c.objects_created, 0u) << "frame " << i << ": " << c.to_string();
        EXPECT_EQ(c.descriptor_writes, 0u) << "frame " << i << ": " << c.to_string();
    }
}

TEST_F(SteadyState, MemoryAndObjectCountsStayFlat) {
    build_everything(chain());
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(engine().frame(animate).ok());
    const auto mem0 = engine().device().memory().snapshot();
    const auto live0 = engine().device().counters().total_live();
    for (int i = 0; i < 60; ++i) ASSERT_TRUE(engine().frame(animate).ok());
    const auto mem1 = engine().device().memory().snapshot();
    EXPECT_EQ(mem1.total_bytes(), mem0.total_bytes());
    EXPECT_EQ(mem1.memory_bytes, mem0.memory_bytes);
    EXPECT_EQ(engine().device().counters().total_live(), live0);
    const auto sets0 = engine().descriptors().size();
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(engine().frame(animate).ok());
    EXPECT_EQ(engine().descriptors().size(), sets0);
}

// Operators that switch between a few states (bloom levels in use, a sampler per wrap mode)
// keep every state's descriptor set: once each state has been seen, nothing more is made.
TEST_F(SteadyState, SwitchingBetweenStatesCreatesNothingOnceEachWasSeen) {
    build_everything(chain());
    auto switching = [](Context& ctx) {
        animate(ctx);
        const auto phase = (ctx.frame() / 5) % 4;
        ctx.chain().get<Bloom>("glow").radius(phase % 2 ? 0.1f : 1.0f);
        const Wrap wraps[] = {Wrap::Clamp, Wrap::Repeat, Wrap::Mirror, Wrap::Transparent};
        ctx.chain().get<Transform>("xf").wrap(wraps[phase]);
    };
    for (int i = 0; i < 30; ++i) ASSERT_TRUE(engine().frame(switching).ok());
    const auto before = runtime::take_snapshot(engine().device().counters());
    for (int i = 0; i < 100; ++i) ASSERT_TRUE(engine().frame(switching).ok());
    const auto d = runtime::FrameCounters::between(before, runtime::take_snapshot(engine().device().counters()));
    EXPECT_EQ(d.objects_created, 0u) << d.to_string();
    EXPECT_EQ(d.descriptor_writes, 0u) << d.to_string();
    EXPECT_EQ(d.descriptor_sets_allocated, 0u) << d.to_string();
}

// A user of the cache that binds ever-new combinations of live images (a switch over many
// inputs, editor thumbnails): idle sets age out, so the cache and its pools stay bounded.
TEST_F(SteadyState, DescriptorCacheAgesOutCombinationsNoLongerUsed) {
    chain().add<SolidColor>("out").size(16, 16);
    auto& dev = engine().device();
    std::vector<gpu::Image> images;
    for (int i = 0; i < 16; ++i) {
        gpu::ImageDesc d;
        d.extent = {4, 4};
        d.format = VK_FORMAT_R8G8B8A8_UNORM;
        d.usage = VK_IMAGE_USAGE_SAMPLED_BIT;
        d.name = "churn";
        auto img = dev.create_image(d);
        ASSERT_TRUE(img.ok()) << img.message();
        images.push_back(std::move(*img));
    }
    VkDescriptorSetLayoutBinding b[3]{};
    for (std::uint32_t i = 0; i < 3; ++i)
        b[i] = {i, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
    VkDescriptorSetLayoutCreateInfo li{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    li.bindingCount = 3;
    li.pBindings = b;
    auto layout = dev.create_descriptor_set_layout(li, "test.churn");
    auto& cache = engine().descriptors();
    using Cache = gpu::DescriptorCache;
    const std::uint64_t frames = 3 * Cache::kMaxIdleFrames;
    std::size_t most = 0, most_pools = 0;
    for (std::uint64_t f = 0; f < frames; ++f) {
        // A combination not used before (16^3 of them), one per frame.
        const gpu::ImageBinding combo[3] = {{&images[f % 16]}, {&images[(f / 16) % 16]}, {&images[(f / 256) % 16]}};
        ASSERT_NE(cache.get_sampled(layout.get(), layout.cookie(), combo), VK_NULL_HANDLE);
        render(1);
        most = std::max(most, cache.size());
        most_pools = std::max(most_pools, cache.pool_count());
    }
    EXPECT_GT(cache.aged_out(), frames - Cache::kMaxIdleFrames - 2 * Cache::kSweepFrames);
    EXPECT_LE(most, Cache::kMaxIdleFrames + Cache::kSweepFrames + 8) << "the cache grew with every new combination";
    EXPECT_LE(most_pools, (Cache::kMaxIdleFrames + Cache::kSweepFrames + 8) / Cache::kSetsPerPool + 2);
    render(2);
}

TEST_F(SteadyState, ChainGrowingMidRunKeepsTimestampsValid) {
    chain().add<Noise>("n0").octaves(1);
    render(3);
    // 48 more operators: the timestamp pools must grow (2 queries per operator) mid-run.
    ASSERT_TRUE(engine()
                    .frame([](Context& ctx) {
                        auto& c = ctx.chain();
                        for (int i = 1; i <= 48; ++i)
                            c.add<Level>(std::string("n") + std::to_string(i)).input(std::string("n") + std::to_string(i - 1)).gamma(1.01f);
                        c.output("n48");
                    })
                    .ok());
    render(4);
    // Every operator got a GPU time from its timestamps (a query that was not read leaves 0),
    // and a CPU record time; the validation layer (which fails the test) saw no query used
    // without a reset.
    for (auto& op : chain().operators()) {
        EXPECT_GT(op->state().gpu_ms, 0.0) << op->name();
        EXPECT_GT(op->state().cpu_record_ms, 0.0) << op->name();
    }
    EXPECT_GT(engine().runtime().last_gpu_frame_ms(), 0.0);
}

}  // namespace
}  // namespace loom::test
