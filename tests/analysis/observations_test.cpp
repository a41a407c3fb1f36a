// Observations against capacity: verdicts, periods as monthly rates, closed months, bad input.
#include "corridor/analysis/observations.hpp"

#include <gtest/gtest.h>

#include "support/fixtures.hpp"
#include "support/network_builder.hpp"

namespace corridor {
namespace {

using nlohmann::json;
using test::NetBuilder;

// kp → cn: one coal lane of 1,000 t/month.
Network lane() {
    return NetBuilder()
        .place("kp", "KP")
        .place("cn", "CN")
        .route("coal", "kp", "cn", 1000, {Mode::bulk, false, {"coal"}})
        .build();
}

json observation(double tonnes, const char* from, const char* until) {
    return {{"id", "o"},
            {"from", "KP"},
            {"to", "CN"},
            {"commodity", "coal"},
            {"period", {{"from", from}, {"until", until}}},
            {"tonnes", tonnes},
            {"note", "test"}};
}

class ObservationsTest : public ::testing::Test {
protected:
    test::TempDir dir;
    InputPaths paths() const {
        InputPaths p;
        p.geodata = dir.path();
        return p;
    }
    ObservationCheck check(const Network& net, const json& o) {
        test::write_json(dir / "observations.json", {{"observations", {o}}});
        const auto checks = check_observations(net, paths(), paths().observations_for(net));
        EXPECT_EQ(checks.size(), 1u);
        return checks.at(0);
    }
};

TEST_F(ObservationsTest, VerdictsFitTightContradict) {
    const Network net = lane();
    EXPECT_EQ(check(net, observation(800, "2016-12-01", "2016-12-31")).verdict, Verdict::fits);
    EXPECT_EQ(check(net, observation(801, "2016-12-01", "2016-12-31")).verdict, Verdict::tight);
    EXPECT_EQ(check(net, observation(1000, "2016-12-01", "2016-12-31")).verdict, Verdict::tight);
    const ObservationCheck c = check(net, observation(2000, "2016-12-01", "2016-12-31"));
    EXPECT_EQ(c.verdict, Verdict::contradicts);
    EXPECT_DOUBLE_EQ(*c.ratio, 2.0);
    EXPECT_EQ(c.binding, std::vector<std::string>{"coal"});
    const auto issues = observation_issues({c}, "observations.json");
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_NE(issues[0].line().find("observations.json: feature o: field tonnes: observed 2000 t/month"),
              std::string::npos)
        << issues[0].line();
}

TEST_F(ObservationsTest, AYearlyFigureIsAMonthlyRate) {
    const ObservationCheck c = check(lane(), observation(6000, "2015-01-01", "2015-12-31"));
    EXPECT_DOUBLE_EQ(c.months, 12.0);
    EXPECT_DOUBLE_EQ(c.observed_t_mo, 500.0);
    EXPECT_DOUBLE_EQ(c.capacity_t_mo, 1000.0);
    EXPECT_EQ(c.verdict, Verdict::fits);
}

TEST_F(ObservationsTest, AClosureInsideThePeriodCountsOnlyOpenDays) {
    Network net = lane();
    net.routes[0].open.from = *parse_date("2017-07-01");  // open only in the second half of 2017
    const ObservationCheck c = check(net, observation(9000, "2017-01-01", "2017-12-31"));
    EXPECT_DOUBLE_EQ(c.capacity_t, 6000.0);
    EXPECT_EQ(c.verdict, Verdict::contradicts);
    EXPECT_EQ(c.closed.size(), 6u);  // January to June: no possible flow
}

TEST_F(ObservationsTest, BadObservationsNameTheirField) {
    const Network net = lane();
    auto refused = [&](json o, const std::string& expect) {
        test::write_json(dir / "observations.json", {{"observations", {o}}});
        try {
            paths().observations_for(net);
            ADD_FAILURE() << "accepted " << o.dump();
        } catch (const input_error& e) {
            EXPECT_NE(std::string(e.what()).find(expect), std::string::npos) << e.what();
        }
    };
    json o = observation(1, "2016-12-01", "2016-12-31");
    o["from"] = "XX";
    refused(o, "feature o: field from: \"XX\" is neither a place id nor the country code");
    refused(observation(1, "2017-02-30", "2017-03-01"), "field period.from: \"2017-02-30\" is not a date");
    refused(observation(1, "2017-03-01", "2017-02-01"), "field period.until: 2017-02-01 is before 2017-03-01");
    o = observation(1, "2016-12-01", "2016-12-31");
    o.erase("note");
    refused(o, "field note: missing (required)");
    o = observation(1, "2016-12-01", "2016-12-31");
    o["tonnes"] = true;
    refused(o, "field tonnes: expected a number");
    test::write_json(dir / "observations.json", {{"observations", {observation(1, "1900-01-01", "2000-01-01")}}});
    EXPECT_THROW(check_observations(net, paths(), paths().observations_for(net)), input_error);
}

Observation about(const char* id, const char* from, const char* to, const char* commodity) {
    Observation o;
    o.id = id;
    o.from = from;
    o.to = to;
    o.commodity = commodity;
    return o;
}

// sinuiju and chongjin in KP, dandong alone in CN, vladivostok in RU.
Network four_places() {
    return NetBuilder()
        .place("sinuiju", "KP")
        .place("chongjin", "KP")
        .place("dandong", "CN")
        .place("vladivostok", "RU")
        .route("coal", "sinuiju", "dandong", 1000, {Mode::bulk, false, {"coal"}})
        .build();
}

TEST(ObservationMatches, TheSamePlacesByIdOrCountryCode) {
    const Network net = four_places();
    const Observation countries = about("c", "KP", "CN", "coal"), place = about("p", "chongjin", "CN", "coal");
    EXPECT_TRUE(observation_matches(net, countries, "KP", "CN", "coal"));
    EXPECT_TRUE(observation_matches(net, countries, "kp", "cn", "coal")) << "country codes in any case";
    EXPECT_TRUE(observation_matches(net, countries, "KP", "dandong", "coal")) << "dandong is CN's only place";
    EXPECT_TRUE(observation_matches(net, place, "chongjin", "CN", "coal"));
    // Not the reverse pair, not one place of the country, not the country of a place.
    EXPECT_FALSE(observation_matches(net, countries, "CN", "KP", "coal"));
    EXPECT_FALSE(observation_matches(net, countries, "chongjin", "CN", "coal"));
    EXPECT_FALSE(observation_matches(net, place, "KP", "CN", "coal"));
    EXPECT_FALSE(observation_matches(net, countries, "RU", "CN", "coal"));
    EXPECT_FALSE(observation_matches(net, countries, "atlantis", "CN", "coal")) << "an unknown place names none";
}

TEST(ObservationMatches, TheCommodityAskedOrAnyWhenTheQuestionSpansEveryCommodity) {
    const Network net = four_places();
    const Observation coal = about("c", "KP", "CN", "coal"), every = about("e", "KP", "CN", "");
    EXPECT_FALSE(observation_matches(net, coal, "KP", "CN", "oil_products"));
    EXPECT_TRUE(observation_matches(net, coal, "KP", "CN", ""));
    EXPECT_TRUE(observation_matches(net, every, "KP", "CN", ""));
    EXPECT_FALSE(observation_matches(net, every, "KP", "CN", "coal")) << "every commodity is not the coal asked";
    EXPECT_TRUE(observation_matches(net, coal, "KP", "CN", "oil_products,coal"));
    EXPECT_FALSE(observation_matches(net, coal, "KP", "CN", "oil_products,crude_oil"));
}

TEST_F(ObservationsTest, AQuestionGetsItsObservationsCheckedInFileOrder) {
    const Network net = four_places();
    json coal = observation(800, "2016-12-01", "2016-12-31");
    json by_place = coal, oil = coal, reverse = coal;
    by_place["id"] = "by_place";
    by_place["from"] = "sinuiju";
    by_place["to"] = "dandong";
    oil["id"] = "oil";
    oil["commodity"] = "oil_products";
    reverse["id"] = "reverse";
    reverse["from"] = "CN";
    reverse["to"] = "KP";
    test::write_json(dir / "observations.json", {{"observations", {coal, by_place, oil, reverse}}});
    Analysis a;
    a.from = "kp";
    a.to = "CN";
    a.commodity = "coal";
    auto checks = question_observations(net, paths(), a);
    ASSERT_EQ(checks.size(), 1u);
    EXPECT_EQ(checks[0].observation.id, "o");
    EXPECT_DOUBLE_EQ(checks[0].capacity_t_mo, 1000.0);
    EXPECT_EQ(checks[0].verdict, Verdict::fits);
    a.commodity.clear();  // every commodity: the oil observation too, its capacity for oil (none)
    checks = question_observations(net, paths(), a);
    ASSERT_EQ(checks.size(), 2u);
    EXPECT_EQ(checks[1].observation.id, "oil");
    EXPECT_EQ(checks[1].verdict, Verdict::contradicts);
    a.from = "sinuiju";
    a.to = "dandong";
    a.commodity = "coal";
    checks = question_observations(net, paths(), a);
    ASSERT_EQ(checks.size(), 1u);
    EXPECT_EQ(checks[0].observation.id, "by_place");
    a.from = "dandong";
    a.to = "sinuiju";
    EXPECT_TRUE(question_observations(net, paths(), a).empty());
    std::filesystem::remove(dir / "observations.json");
    a.from = "KP";
    a.to = "CN";
    EXPECT_TRUE(question_observations(net, paths(), a).empty()) << "no file: no observations";
}

}  // namespace
}  // namespace corridor
