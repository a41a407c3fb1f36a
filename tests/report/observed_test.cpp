// Observed against capacity beside an answer: render's lines and the web map panel's shape.
#include "corridor/report/observed.hpp"

#include <gtest/gtest.h>

namespace corridor {
namespace {

ObservationCheck checked(const char* id, double observed, double capacity, Verdict v) {
    ObservationCheck c;
    c.observation.id = id;
    c.observation.from = "KP";
    c.observation.to = "CN";
    c.observation.commodity = "coal";
    c.observation.period = {*parse_date("2016-12-01"), *parse_date("2016-12-31")};
    c.observation.tonnes = observed;
    c.months = 1;
    c.observed_t_mo = observed;
    c.capacity_t = c.capacity_t_mo = capacity;
    if (capacity > 0) c.ratio = observed / capacity;
    c.verdict = v;
    return c;
}

TEST(Observed, OneLinePerObservation) {
    const auto c = checked("kp_cn_coal_2016_12", 2'000'000, 2'633'333.4, Verdict::fits);
    EXPECT_EQ(observation_line(c), "kp_cn_coal_2016_12 2,000,000 of 2,633,333 t/month (0.76, fits)");
    EXPECT_EQ(observation_line(checked("none", 10, 0, Verdict::contradicts)),
              "none 10 of 0 t/month (no capacity, contradicts)");
}

TEST(Observed, TheBlockHasAHeadingAndNothingWithoutObservations) {
    const auto a = checked("a", 900, 1000, Verdict::tight), b = checked("b", 2000, 1000, Verdict::contradicts);
    EXPECT_TRUE(observation_block({}).empty());
    EXPECT_EQ(observation_block({a}),
              std::vector<std::string>{"Observed vs capacity: a 900 of 1,000 t/month (0.90, tight)"});
    EXPECT_EQ(observation_block({a, b}),
              (std::vector<std::string>{"Observed vs capacity:", "a 900 of 1,000 t/month (0.90, tight)",
                                        "b 2,000 of 1,000 t/month (2.00, contradicts)"}));
}

TEST(Observed, PanelJson) {
    const auto j = observation_panel_json({checked("kp_cn_coal_2016_12", 2'000'000, 2'633'333.34, Verdict::fits)});
    ASSERT_EQ(j.size(), 1u);
    EXPECT_EQ(j[0].dump(),
              R"j({"id":"kp_cn_coal_2016_12","commodity":"coal","period":{"from":"2016-12-01","until":"2016-12-31"},)j"
              R"j("observed_t_mo":2000000.0,"capacity_t_mo":2633333.3,"ratio":0.759,"verdict":"fits",)j"
              R"j("text":"kp_cn_coal_2016_12 2,000,000 of 2,633,333 t/month (0.76, fits)"})j");
    EXPECT_TRUE(observation_panel_json({checked("z", 1, 0, Verdict::contradicts)})[0]["ratio"].is_null());
    EXPECT_EQ(observation_panel_json({}).dump(), "[]");
}

}  // namespace
}  // namespace corridor
