#include <gtest/gtest.h>

#include <vector>

#include "core/gpu/deferred_deleter.hpp"

using namespace loom::gpu;

namespace {
struct Log {
    std::vector<std::uint64_t> destroyed;
};
void record(void* user, const Retired& r) { static_cast<Log*>(user)->destroyed.push_back(r.handle); }
Retired obj(std::uint64_t h) { return Retired{ObjectKind::Buffer, h, 0, 0}; }
}  // namespace

TEST(DeferredDeleter, DestroysOnlyWhenTheSlotComesRoundAgain) {
    Log log;
    DeferredDeleter d(2, record, &log);
    d.begin_frame(0);
    d.retire(obj(1));
    d.retire(obj(2));
    d.begin_frame(1);  // frame 1: slot 0's GPU work may still run
    d.retire(obj(3));
    EXPECT_TRUE(log.destroyed.empty());
    EXPECT_EQ(d.pending(), 3u);
    d.begin_frame(0);  // slot 0's fence signalled: its objects go, in retirement order
    EXPECT_EQ(log.destroyed, (std::vector<std::uint64_t>{1, 2}));
    d.begin_frame(1);
    EXPECT_EQ(log.destroyed, (std::vector<std::uint64_t>{1, 2, 3}));
    EXPECT_EQ(d.pending(), 0u);
}

TEST(DeferredDeleter, FlushAllGoesOldestSlotFirst) {
    Log log;
    DeferredDeleter d(3, record, &log);
    d.begin_frame(0);
    d.retire(obj(10));
    d.begin_frame(1);
    d.retire(obj(11));
    d.begin_frame(2);
    d.retire(obj(12));
    d.flush_all();
    EXPECT_EQ(log.destroyed, (std::vector<std::uint64_t>{10, 11, 12}));
}
