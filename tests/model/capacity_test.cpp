// The capacity rules: given, payload x trips, annual / 12; passengers; observed fill.
#include "corridor/model/capacity.hpp"

#include <gtest/gtest.h>

namespace corridor {
namespace {

TEST(Capacity, FerryFromTheSeedText) {
    // "up to 200 passengers and 1,000 tons of cargo six times a month"
    Figures f;
    f.payload_t = 1000;
    f.trips_mo = 6;
    f.pax_trip = 200;
    const MonthlyCapacity c = monthly_capacity(f);
    EXPECT_DOUBLE_EQ(c.tonnes.value, 6000.0);
    EXPECT_DOUBLE_EQ(c.passengers.value, 1200.0);
    EXPECT_EQ(c.rule, CapacityRule::payload_trips);
    EXPECT_FALSE(c.observed.has_value());
}

TEST(Capacity, RangeTakesEveryFigureAtItsBounds) {
    // The ferry with "up to 1,000 tons" (pay_low 500, pay_high 1,000) and trips 5 to 7.
    Figures f;
    f.payload_t = 1000;
    f.trips_mo = 6;
    f.pax_trip = 200;
    FigureBounds b;
    b.payload_t.low = 500;
    b.payload_t.high = 1000;
    b.trips_mo.low = 5;
    b.trips_mo.high = 7;
    f.bounds = b;
    const CapacityRange r = capacity_range(f);
    EXPECT_DOUBLE_EQ(r.low.tonnes.value, 2500.0);
    EXPECT_DOUBLE_EQ(r.high.tonnes.value, 7000.0);
    EXPECT_DOUBLE_EQ(r.low.passengers.value, 1000.0);  // pax_trip has no range; trips do
    EXPECT_DOUBLE_EQ(r.high.passengers.value, 1400.0);
    EXPECT_DOUBLE_EQ(monthly_capacity(f).tonnes.value, 6000.0);  // the bounds leave the value alone
    const auto pay = figure_range(f, RangedFigure::payload_t);
    ASSERT_TRUE(pay.has_value());
    EXPECT_TRUE(pay->ranged());
    EXPECT_FALSE(figure_range(f, RangedFigure::annual_t).has_value());
}

TEST(Capacity, RangeWithoutBoundsIsTheValue) {
    Figures f;
    f.annual_t = 1200;
    FigureBounds b;
    b.annual_t.high = 2400;  // a high bound alone: the low one is the value
    f.bounds = b;
    const CapacityRange r = capacity_range(f);
    EXPECT_DOUBLE_EQ(r.low.tonnes.value, 100.0);
    EXPECT_DOUBLE_EQ(r.high.tonnes.value, 200.0);
    Figures plain;
    plain.capacity = 50;
    EXPECT_TRUE(plain.bounds.empty());
    const CapacityRange same = capacity_range(plain);
    EXPECT_DOUBLE_EQ(same.low.tonnes.value, 50.0);
    EXPECT_DOUBLE_EQ(same.high.tonnes.value, 50.0);
    EXPECT_FALSE(figure_range(plain, RangedFigure::capacity)->ranged());
}

TEST(Capacity, GivenCapacityIsKept) {
    Figures f;
    f.capacity = 1234.5;
    const MonthlyCapacity c = monthly_capacity(f);
    EXPECT_DOUBLE_EQ(c.tonnes.value, 1234.5);
    EXPECT_EQ(c.rule, CapacityRule::given);
    EXPECT_DOUBLE_EQ(c.passengers.value, 0.0);
}

TEST(Capacity, AnnualIsTwelveMonths) {
    Figures f;
    f.annual_t = 500000;
    const MonthlyCapacity c = monthly_capacity(f);
    EXPECT_NEAR(c.tonnes.value, 41666.6667, 1e-3);
    EXPECT_EQ(c.rule, CapacityRule::annual);
}

TEST(Capacity, ObservedAndHowFull) {
    Figures f;
    f.annual_t = 1200000;  // 100,000 t/month
    f.obs_annual = 36000;  // 3,000 t/month
    MonthlyCapacity c = monthly_capacity(f);
    ASSERT_TRUE(c.observed.has_value());
    EXPECT_DOUBLE_EQ(c.observed->value, 3000.0);
    ASSERT_TRUE(c.observed_ratio.has_value());
    EXPECT_DOUBLE_EQ(*c.observed_ratio, 0.03);

    f.obs_annual.reset();
    f.observed = 2000000;  // "2 million tonnes in December": more than the route can carry
    c = monthly_capacity(f);
    EXPECT_DOUBLE_EQ(*c.observed_ratio, 20.0);
}

TEST(Capacity, ZeroCapacityHasNoRatio) {
    Figures f;
    f.capacity = 0;
    f.observed = 10;
    EXPECT_FALSE(monthly_capacity(f).observed_ratio.has_value());
}

}  // namespace
}  // namespace corridor
