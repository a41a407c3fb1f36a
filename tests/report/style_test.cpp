#include "corridor/report/style.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

namespace corridor {

TEST(Style, EveryModeHasItsOwnValidColour) {
    std::set<std::string> seen;
    for (Mode m : all_modes()) {
        const auto hex = style::mode_hex(m);
        EXPECT_NO_THROW(style::parse_hex(hex)) << mode_name(m);
        EXPECT_TRUE(seen.insert(std::string(hex)).second) << mode_name(m) << " shares " << hex;
    }
    EXPECT_EQ(seen.count(std::string(style::kBottleneckHex)), 0u) << "bottlenecks must stand out from every mode";
}

TEST(Style, HexParsesToComponentsAndRefusesAnythingElse) {
    const auto c = style::parse_hex("#1f77B4");
    EXPECT_EQ(c.r, 0x1f);
    EXPECT_EQ(c.g, 0x77);
    EXPECT_EQ(c.b, 0xb4);
    EXPECT_THROW(style::parse_hex("1f77b4"), std::invalid_argument);
    EXPECT_THROW(style::parse_hex("#1f77b"), std::invalid_argument);
    EXPECT_THROW(style::parse_hex("#1g77b4"), std::invalid_argument);
}

TEST(Style, WidthGrowsWithFlowAndStaysInItsBand) {
    EXPECT_DOUBLE_EQ(style::route_width_px(0, 1000), 2.0);
    EXPECT_DOUBLE_EQ(style::route_width_px(500, 0), 2.0);
    const double small = style::route_width_px(10, 1000);
    const double half = style::route_width_px(500, 1000);
    const double full = style::route_width_px(1000, 1000);
    EXPECT_GT(small, 2.0);
    EXPECT_LT(small, half);
    EXPECT_LT(half, full);
    EXPECT_DOUBLE_EQ(full, 10.0);
    EXPECT_DOUBLE_EQ(style::route_width_px(5000, 1000), 10.0);
}

TEST(Style, PlaceKindsHaveColoursAndUnknownKindsAGrey) {
    EXPECT_NE(style::place_hex("port"), style::place_hex("border_crossing"));
    EXPECT_EQ(style::place_hex("lighthouse"), "#777777");
}

}  // namespace corridor
