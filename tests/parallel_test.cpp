// Work in parts: every part runs, and the lowest part's error is the one reported.
#include "corridor/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>

namespace corridor {
namespace {

TEST(Parallel, EveryPartRunsOnce) {
    std::vector<std::atomic<int>> runs(5);
    run_parts(5, [&](std::size_t p) { ++runs[p]; });
    for (const auto& r : runs) EXPECT_EQ(r.load(), 1);
}

TEST(Parallel, TheLowestFailingPartsErrorWins) {
    try {
        run_parts(4, [](std::size_t p) {
            if (p >= 1) throw std::runtime_error("part " + std::to_string(p));
        });
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "part 1");
    }
    const auto errors = run_parts_collect(3, [](std::size_t p) {
        if (p == 2) throw std::runtime_error("x");
    });
    EXPECT_FALSE(errors[0]);
    EXPECT_FALSE(errors[1]);
    EXPECT_TRUE(errors[2]);
}

TEST(Parallel, PartsCoverTheItemsInOrder) {
    EXPECT_EQ(parts_for(10, 100, 4), 1u);
    EXPECT_EQ(parts_for(1000, 100, 4), 4u);
    EXPECT_EQ(parts_for(250, 100, 4), 2u);
    EXPECT_GE(hardware_threads(), 1u);
    const std::size_t n = 1001, parts = 3;
    EXPECT_EQ(part_begin(n, 0, parts), 0u);
    EXPECT_EQ(part_begin(n, parts, parts), n);
    for (std::size_t p = 0; p < parts; ++p) EXPECT_LE(part_begin(n, p, parts), part_begin(n, p + 1, parts));
}

}  // namespace
}  // namespace corridor
