// Dates and months: parsing, impossible days, month arithmetic and pro-rata shares.
#include "corridor/model/dates.hpp"

#include <gtest/gtest.h>

namespace corridor {
namespace {

TEST(Dates, ParsesRealCalendarDaysOnly) {
    ASSERT_TRUE(parse_date("2017-02-19"));
    EXPECT_EQ(date_text(*parse_date("2017-02-19")), "2017-02-19");
    EXPECT_EQ(*parse_date("1970-01-01"), 0);
    EXPECT_TRUE(parse_date("2016-02-29"));
    for (const char* bad : {"2017-02-30", "2017-02-29", "2017-13-01", "2017-00-10", "2017-1-01", "17-01-01",
                            "2017/01/01", "2017-01-01T00:00", "", "0000-01-01", "2017-01-32", "２０17-01-01"})
        EXPECT_FALSE(parse_date(bad)) << bad;
}

TEST(Months, ParseAndCount) {
    ASSERT_TRUE(parse_month("2017-02"));
    EXPECT_EQ(parse_month("2017-02")->days(), 28);
    EXPECT_EQ(parse_month("2016-02")->days(), 29);
    EXPECT_EQ(parse_month("2016-12")->next().text(), "2017-01");
    for (const char* bad : {"2017-13", "2017-00", "2017-1", "2017", "2017-02-01", "abcd-ef"})
        EXPECT_FALSE(parse_month(bad)) << bad;
    EXPECT_EQ(months_between(*parse_month("2016-11"), *parse_month("2017-12")), 14);
    EXPECT_EQ(months_between(*parse_month("2017-12"), *parse_month("2016-11")), 0);
    EXPECT_EQ(month_of(*parse_date("2017-05-18")).text(), "2017-05");
}

TEST(Periods, ShareOfAMonthCountsDaysBothEndsIncluded) {
    const Month feb{2017, 2};
    Period p;
    EXPECT_TRUE(p.always());
    EXPECT_DOUBLE_EQ(p.share_of(feb), 1.0);
    p.from = *parse_date("2017-02-19");  // the coal suspension
    EXPECT_DOUBLE_EQ(p.share_of(feb), 10.0 / 28.0);
    EXPECT_DOUBLE_EQ(p.share_of(Month{2017, 1}), 0.0);
    p.until = *parse_date("2017-12-31");
    EXPECT_DOUBLE_EQ(p.share_of(Month{2017, 12}), 1.0);
    EXPECT_DOUBLE_EQ(p.share_of(Month{2018, 1}), 0.0);
    Period one_day{*parse_date("2017-05-18"), *parse_date("2017-05-18")};
    EXPECT_DOUBLE_EQ(one_day.share_of(Month{2017, 5}), 1.0 / 31.0);
}

}  // namespace
}  // namespace corridor
