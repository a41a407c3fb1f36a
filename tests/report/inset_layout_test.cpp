#include "corridor/report/inset_layout.hpp"

#include <gtest/gtest.h>

namespace corridor {
namespace {

TEST(InsetLayout, CrowdsJoinPointsWithinReachLargestFirst) {
    const std::vector<PixelXY> at{{0, 0}, {500, 500}, {10, 0}, {20, 0}, {510, 500}, {900, 0}, {31, 0}};
    // 0-2-3-6 chain (each within 11 px of the next), 1-4 a pair, 5 alone.
    const auto groups = crowds(at, {6, 5, 4, 3, 2, 1, 0}, 11);
    ASSERT_EQ(groups.size(), 3u);
    EXPECT_EQ(groups[0], (std::vector<std::size_t>{0, 2, 3, 6}));
    EXPECT_EQ(groups[1], (std::vector<std::size_t>{1, 4}));
    EXPECT_EQ(groups[2], (std::vector<std::size_t>{5}));
    // Only the points asked about: 3 without 2 is 11 px from 6, 20 from 0.
    const auto some = crowds(at, {0, 3, 6}, 11);
    ASSERT_EQ(some.size(), 2u);
    EXPECT_EQ(some[0], (std::vector<std::size_t>{3, 6}));
    EXPECT_EQ(some[1], (std::vector<std::size_t>{0}));
    EXPECT_TRUE(crowds(at, {}, 11).empty());
}

TEST(InsetLayout, ExtentMagnifiesTheClosestPairToTheSpacingWithinTheLimits) {
    const ZoomLimits limits{40, 1.5, 6, 440};
    // Two places 10 px apart: 4x brings them 40 px apart.
    auto e = inset_extent({{100, 100}, {110, 100}}, {{100, 100}, {110, 100}, {400, 400}}, 20, limits);
    ASSERT_TRUE(e.has_value());
    EXPECT_DOUBLE_EQ(e->zoom, 4.0);
    EXPECT_DOUBLE_EQ(e->extent.x0, 80);
    EXPECT_DOUBLE_EQ(e->extent.x1, 130);
    EXPECT_DOUBLE_EQ(e->extent.y0, 80);
    EXPECT_DOUBLE_EQ(e->extent.y1, 120);
    // A neighbour inside the extent that is closer still sets the zoom (capped at 6).
    e = inset_extent({{100, 100}, {110, 100}}, {{100, 100}, {110, 100}, {101, 101}}, 20, limits);
    ASSERT_TRUE(e.has_value());
    EXPECT_DOUBLE_EQ(e->zoom, 6.0);
    // The longer side caps it: 300 px wide at most 440 px → 1.47x, under the 1.5x minimum.
    EXPECT_FALSE(inset_extent({{0, 0}, {260, 0}, {255, 0}}, {{0, 0}, {260, 0}, {255, 0}}, 20, limits).has_value());
    EXPECT_FALSE(inset_extent({}, {}, 20, limits).has_value());
}

TEST(InsetLayout, ClutterCountsAreSummedOverWholeCells) {
    PixelMask mask(100, 60);
    mask.fill(10, 10, 20, 20);  // 100 pixels in cells (1,1),(1,2),(2,1),(2,2) of 8 px
    const ClutterCounts c(mask, 8);
    EXPECT_EQ(c.count({0, 0, 100, 60}), 100u);
    EXPECT_EQ(c.count({0, 0, 8, 8}), 0u);
    EXPECT_EQ(c.count({9, 9, 12, 12}), 36u);  // the whole cell (1,1): pixels 10..15 × 10..15
    EXPECT_EQ(c.count({30, 0, 100, 60}), 0u);
    EXPECT_EQ(c.count({-50, -50, 200, 200}), 100u);  // clipped to the picture
    EXPECT_EQ(c.count({50, 50, 40, 40}), 0u);        // an empty box
}

TEST(InsetLayout, FreeBoxIsTheEmptiestThenTheNearestAndAvoidsWhatItMust) {
    PixelMask mask(200, 100);
    mask.fill(0, 0, 100, 100);  // the left half is full
    const ClutterCounts c(mask, 4);
    InsetSpace space{200, 100, 4, 4, {}};
    auto b = free_box(space, c, 40, 40, {0, 50});
    ASSERT_TRUE(b.has_value());
    // The empty right half, as near to the left edge's middle as it gets.
    EXPECT_DOUBLE_EQ(b->x0, 100);
    EXPECT_DOUBLE_EQ(b->y0, 28);
    space.avoid.push_back({90, 0, 150, 100});
    b = free_box(space, c, 40, 40, {0, 50});
    ASSERT_TRUE(b.has_value());
    EXPECT_DOUBLE_EQ(b->x0, 152);  // the empty strip right of what it must avoid
    EXPECT_DOUBLE_EQ(b->y0, 28);
    space.avoid.push_back({0, 0, 200, 100});
    EXPECT_FALSE(free_box(space, c, 40, 40, {0, 50}).has_value());
    EXPECT_FALSE(free_box(InsetSpace{200, 100, 4, 4, {}}, c, 300, 40, {0, 0}).has_value());  // too wide
}

}  // namespace
}  // namespace corridor
