// The timeline: month ranges, the answer month by month (as analyse_question gives it for
// each month), the dated events named on the month they take effect, and the JSON shape.
#include "corridor/analysis/timeline.hpp"

#include <gtest/gtest.h>

#include "corridor/analysis/analyse.hpp"
#include "support/fixtures.hpp"
#include "support/network_builder.hpp"

namespace corridor {
namespace {

using test::NetBuilder;

// ru1 → mid → pyongyang (30 then 20 t/month), and a side road ru2 → pyongyang (5).
Network small_network() {
    return NetBuilder()
        .place("ru1", "RU")
        .place("ru2", "RU")
        .place("mid", "KP")
        .place("pyongyang", "KP")
        .route("a", "ru1", "mid", 30)
        .route("b", "mid", "pyongyang", 20)
        .route("c", "ru2", "pyongyang", 5)
        .build();
}

InputPaths in(const std::filesystem::path& geodata) {
    InputPaths p;
    p.geodata = geodata;
    return p;
}

Day day(const char* text) { return *parse_date(text); }
Month month(const char* text) { return *parse_month(text); }

AnalysisRequest ru_to_pyongyang() {
    AnalysisRequest r;
    r.from = "RU";
    r.to = "pyongyang";
    return r;
}

// The same request asked for one month through analyse_question: 0 when no flow is possible.
Flow asked_for(const Network& net, const InputPaths& paths, AnalysisRequest r, Month m) {
    r.month = m.text();
    try {
        return analyse_question(net, paths, r).result.throughput;
    } catch (const infeasible_error&) {
        return 0;
    }
}

TEST(MonthRange, ParsesFirstDotDotLast) {
    const MonthRange r = parse_month_range("2016-11..2017-12");
    EXPECT_EQ(r.first, month("2016-11"));
    EXPECT_EQ(r.last, month("2017-12"));
    EXPECT_EQ(r.months(), 14);
    EXPECT_EQ(r.text(), "2016-11..2017-12");
    EXPECT_EQ(parse_month_range("2017-05..2017-05").months(), 1);
    EXPECT_EQ(parse_month_range("1950-01..1999-12").months(), kMaxTimelineMonths);
}

TEST(MonthRange, BadRangesAreOneLineRequestErrorsNamingMonths) {
    for (const char* bad :
         {"", "2017-01", "2017-01..", "..2017-01", "2017-1..2017-02", "2017-13..2018-01", "2017-00..2017-02",
          "2017-01-01..2017-02-01", "2017-01...2017-02", "May..June", "2017-05..2017-01", "1950-01..2000-01"}) {
        try {
            parse_month_range(bad);
            ADD_FAILURE() << "accepted " << bad;
        } catch (const request_error& e) {
            const std::string what = e.what();
            EXPECT_EQ(what.rfind("--months: ", 0), 0u) << what;
            EXPECT_EQ(what.find('\n'), std::string::npos) << what;
        }
    }
    try {
        parse_month_range("2017-05..2017-01");
    } catch (const request_error& e) {
        EXPECT_NE(std::string(e.what()).find("ends before it starts"), std::string::npos) << e.what();
    }
    try {
        parse_month_range("1950-01..2000-01");
    } catch (const request_error& e) {
        EXPECT_NE(std::string(e.what()).find("601 months: at most 600"), std::string::npos) << e.what();
    }
}

TEST(Timeline, ARouteOpeningMidRangeStepsUpThatMonthAndIsNamedThere) {
    Network net = small_network();
    net.routes[2].open.from = day("2017-03-01");  // c: ru2 → pyongyang, 5 t/month
    const InputPaths none = in("/nonexistent-corridor-geodata");
    const Timeline t = timeline(net, none, ru_to_pyongyang(), parse_month_range("2017-01..2017-05"));
    ASSERT_EQ(t.months.size(), 5u);
    const std::vector<Flow> expected{20, 20, 25, 25, 25};
    for (std::size_t i = 0; i < 5; ++i) {
        EXPECT_EQ(t.months[i].throughput, expected[i]) << t.months[i].month.text();
        EXPECT_EQ(t.months[i].throughput, asked_for(net, none, ru_to_pyongyang(), t.months[i].month));
        EXPECT_EQ(t.months[i].events.empty(), i != 2) << t.months[i].month.text();
    }
    ASSERT_EQ(t.months[2].events.size(), 1u);
    const TimelineEvent& e = t.months[2].events[0];
    EXPECT_EQ(e.name, "c");
    EXPECT_EQ(e.kind, "opens");
    EXPECT_EQ(date_text(e.date), "2017-03-01");
    EXPECT_EQ(e.what, "route c open from 2017-03-01");
}

TEST(Timeline, APlaceClosingMidMonthIsProRataAndNamedOnTheMonthOfItsFirstClosedDay) {
    Network net = small_network();
    net.places[1].open.until = day("2017-02-13");  // ru2 closes after the 13th: c has 13 of 28 days
    const InputPaths none = in("/nonexistent-corridor-geodata");
    const Timeline t = timeline(net, none, ru_to_pyongyang(), parse_month_range("2017-01..2017-03"));
    EXPECT_EQ(t.months[0].throughput, 25);
    EXPECT_EQ(t.months[1].throughput, asked_for(net, none, ru_to_pyongyang(), month("2017-02")));
    EXPECT_EQ(t.months[1].throughput, 22);  // 20 + floor(5 × 13/28)
    EXPECT_EQ(t.months[2].throughput, 20);
    ASSERT_EQ(t.months[1].events.size(), 1u);
    EXPECT_EQ(t.months[1].events[0].name, "ru2");
    EXPECT_EQ(t.months[1].events[0].kind, "closes");
    EXPECT_EQ(t.months[1].events[0].what, "place ru2 open until 2017-02-13 (13 of 28 days of 2017-02)");
}

TEST(Timeline, ADatedChangeCountsProRataAndItsStartAndEndAreNamed) {
    test::TempDir dir;
    const InputPaths p = in(dir.path());
    test::write_json(
        dir / "events.json",
        {{"events",
          {{{"name", "b_closes"},
            {"changes", {{{"route", "b"}, {"action", "close"}, {"from", "2017-02-15"}, {"until", "2017-04-10"}}}}}}}});
    const Network net = small_network();
    const Timeline t = timeline(net, p, ru_to_pyongyang(), parse_month_range("2017-01..2017-05"));
    const std::vector<Flow> expected{25, 15, 5, 18, 25};  // Feb: b closed 14 of 28 days; Apr: 10 of 30
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(t.months[i].throughput, expected[i]) << t.months[i].month.text();
        EXPECT_EQ(t.months[i].throughput, asked_for(net, p, ru_to_pyongyang(), t.months[i].month));
    }
    ASSERT_EQ(t.months[1].events.size(), 1u);
    EXPECT_EQ(t.months[1].events[0], (TimelineEvent{"b_closes", "starts", day("2017-02-15"),
                                                    "b closed from 2017-02-15 (14 of 28 days of 2017-02)"}));
    EXPECT_TRUE(t.months[2].events.empty());
    ASSERT_EQ(t.months[3].events.size(), 1u);
    EXPECT_EQ(t.months[3].events[0], (TimelineEvent{"b_closes", "ends", day("2017-04-11"),
                                                    "b closed until 2017-04-10 (10 of 30 days of 2017-04)"}));
    // Outside the range: not named.
    const auto later = timeline_events(net, p, ru_to_pyongyang(), parse_month_range("2017-05..2017-08"));
    EXPECT_TRUE(later.empty());
}

TEST(Timeline, ADroppedCommodityTakesEffectInTheFirstMonthItCoversHalfOf) {
    test::TempDir dir;
    const InputPaths p = in(dir.path());
    test::write_json(dir / "events.json", {{"events",
                                            {{{"name", "no_cargo"},
                                              {"changes",
                                               {{{"route", "c"},
                                                 {"action", "drop"},
                                                 {"commodity", "cargo"},
                                                 {"from", "2017-02-19"},
                                                 {"until", "2017-03-31"}}}}}}}});
    const Network net = small_network();
    const auto events = timeline_events(net, p, ru_to_pyongyang(), parse_month_range("2017-01..2017-12"));
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].kind, "starts");
    EXPECT_EQ(date_text(events[0].date), "2017-03-01") << "10 of 28 days in February: from March";
    EXPECT_EQ(events[1].kind, "ends");
    EXPECT_EQ(date_text(events[1].date), "2017-04-01");
    AnalysisRequest r = ru_to_pyongyang();
    r.commodity = "cargo";
    const Timeline t = timeline(net, p, r, parse_month_range("2017-02..2017-04"));
    EXPECT_EQ(t.months[0].throughput, 25);
    EXPECT_EQ(t.months[1].throughput, 20);
    EXPECT_EQ(t.months[2].throughput, 25);
    EXPECT_EQ(t.months[1].by_commodity.at("cargo"), 20.0);
}

TEST(Timeline, AScenariosDatedChangesAreNamedByTheScenario) {
    test::TempDir dir;
    const InputPaths p = in(dir.path());
    test::write_json(
        dir / "scenarios.json",
        {{"scenarios",
          {{{"name", "halve_a"},
            {"description", "a at half"},
            {"note", "test"},
            {"changes", {{{"route", "a"}, {"action", "scale"}, {"value", 0.5}, {"from", "2017-03-01"}}}}}}}});
    const Network net = small_network();
    AnalysisRequest r = ru_to_pyongyang();
    r.scenario = "halve_a";
    const Timeline t = timeline(net, p, r, parse_month_range("2017-02..2017-03"));
    EXPECT_EQ(t.scenario, "halve_a");
    EXPECT_EQ(t.months[0].throughput, 25);
    EXPECT_EQ(t.months[1].throughput, 20);  // a 15, c 5
    ASSERT_EQ(t.months[1].events.size(), 1u);
    EXPECT_EQ(t.months[1].events[0].name, "halve_a");
    EXPECT_EQ(t.months[1].events[0].what, "a at 0.5 × capacity from 2017-03-01");
    r.scenario = "nope";
    EXPECT_THROW(timeline(net, p, r, parse_month_range("2017-02..2017-03")), request_error);
}

TEST(Timeline, MonthsWithoutFlowAreZeroButARangeWithoutAnyIsAnError) {
    Network net = small_network();
    net.places[3].open.from = day("2017-03-01");  // pyongyang opens in March
    const InputPaths none = in("/nonexistent-corridor-geodata");
    const Timeline t = timeline(net, none, ru_to_pyongyang(), parse_month_range("2017-02..2017-03"));
    EXPECT_EQ(t.months[0].throughput, 0);
    EXPECT_FALSE(t.months[0].no_flow.empty());
    EXPECT_EQ(t.months[1].throughput, 25);
    EXPECT_TRUE(t.months[1].no_flow.empty());
    EXPECT_THROW(timeline(net, none, ru_to_pyongyang(), parse_month_range("2016-01..2017-02")), infeasible_error);
    AnalysisRequest nowhere = ru_to_pyongyang();
    nowhere.to = "atlantis";
    EXPECT_THROW(timeline(net, none, nowhere, parse_month_range("2017-03..2017-04")), infeasible_error);
    EXPECT_THROW(timeline(net, none, AnalysisRequest{}, parse_month_range("2017-03..2017-04")), request_error);
}

TEST(Timeline, JsonHasTheUnitInItsKeysAndTheEventsPerMonth) {
    Network net = small_network();
    net.routes[2].open.from = day("2017-03-01");
    const InputPaths none = in("/nonexistent-corridor-geodata");
    AnalysisRequest r = ru_to_pyongyang();
    r.commodity = "cargo";
    const auto j = timeline_json(timeline(net, none, r, parse_month_range("2017-02..2017-03")));
    EXPECT_EQ(j["version"], "1");
    EXPECT_EQ(j["from"], "RU");
    EXPECT_EQ(j["commodity"], "cargo");
    EXPECT_TRUE(j["scenario"].is_null());
    EXPECT_EQ(j["months_range"], "2017-02..2017-03");
    EXPECT_EQ(j["unit"], "t/month");
    ASSERT_EQ(j["months"].size(), 2u);
    EXPECT_EQ(j["months"][0]["month"], "2017-02");
    EXPECT_EQ(j["months"][0]["t_mo"], 20);
    EXPECT_EQ(j["months"][0]["by_commodity"]["cargo"], 20.0);
    EXPECT_TRUE(j["months"][0]["no_flow"].is_null());
    EXPECT_TRUE(j["months"][0]["events"].empty());
    EXPECT_EQ(j["months"][1]["t_mo"], 25);
    EXPECT_EQ(j["months"][1]["events"][0]["name"], "c");
    EXPECT_EQ(j["months"][1]["events"][0]["kind"], "opens");
    EXPECT_EQ(j["months"][1]["events"][0]["date"], "2017-03-01");
}

// ru1 → pyongyang by rail (coal and cargo), ru2 → pyongyang by road (cargo only), and crude
// by pipeline from ru3 to a refinery that makes oil products, carried on to pyongyang.
Network mixed_network() {
    Network net = NetBuilder()
                      .place("ru1", "RU")
                      .place("ru2", "RU")
                      .place("ru3", "RU")
                      .place("refinery", "KP")
                      .place("pyongyang", "KP")
                      .route("rail", "ru1", "pyongyang", 30, {Mode::rail, false, {"coal", "cargo"}})
                      .route("road", "ru2", "pyongyang", 10, {Mode::road, false, {"cargo"}})
                      .route("pipe", "ru3", "refinery", 8, {Mode::pipeline, false, {"crude_oil"}})
                      .route("products", "refinery", "pyongyang", 8, {Mode::rail, false, {"oil_products"}})
                      .build();
    net.places[3].converts_from = "crude_oil";
    net.places[3].converts_to = "oil_products";
    net.routes[1].open.from = day("2017-03-01");  // road (cargo)
    net.routes[2].open.from = day("2017-04-01");  // pipe (crude, made into oil products)
    net.places[1].open.from = day("2017-05-01");  // ru2: only the cargo road ends there
    return net;
}

std::vector<std::string> event_names(const std::vector<TimelineEvent>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.name + " " + e.kind);
    return out;
}

// A timeline names only the events that can change its answer: those of routes and places
// that carry the commodities asked (or what a refinery makes them from), changes on such
// routes and national caps on those commodities.
TEST(Timeline, EventsAreOnlyThoseThatCanAffectTheCommoditiesAsked) {
    test::TempDir dir;
    const InputPaths p = in(dir.path());
    test::write_json(
        dir / "events.json",
        {{"events",
          {{{"name", "coal_cap"},
            {"changes",
             {{{"exporter", "RU"},
               {"importer", "KP"},
               {"action", "cap"},
               {"commodity", "coal"},
               {"value", 0},
               {"from", "2017-06-01"}}}}},
           {{"name", "ore_cap"},
            {"changes",
             {{{"exporter", "RU"},
               {"importer", "KP"},
               {"action", "cap"},
               {"commodity", "iron_ore"},
               {"value", 0},
               {"from", "2017-06-01"}}}}},
           {{"name", "road_closed"}, {"changes", {{{"route", "road"}, {"action", "close"}, {"from", "2017-07-01"}}}}},
           {{"name", "rail_no_cargo"},
            {"changes", {{{"route", "rail"}, {"action", "drop"}, {"commodity", "cargo"}, {"from", "2017-08-01"}}}}},
           {{"name", "rail_halved"},
            {"changes", {{{"route", "rail"}, {"action", "scale"}, {"value", 0.5}, {"from", "2017-09-01"}}}}}}}});
    const Network net = mixed_network();
    const MonthRange year = parse_month_range("2017-01..2017-12");
    AnalysisRequest r = ru_to_pyongyang();
    r.commodity = "coal";
    EXPECT_EQ(event_names(timeline_events(net, p, r, year)),
              (std::vector<std::string>{"coal_cap starts", "rail_halved starts"}));
    r.commodity = "cargo";
    EXPECT_EQ(event_names(timeline_events(net, p, r, year)),
              (std::vector<std::string>{"road opens", "ru2 opens", "road_closed starts", "rail_no_cargo starts",
                                        "rail_halved starts"}));
    r.commodity = "oil_products";  // made from the pipeline's crude at the refinery
    EXPECT_EQ(event_names(timeline_events(net, p, r, year)), (std::vector<std::string>{"pipe opens"}));
    r.commodity = "";  // every commodity but passengers: every event but the iron ore cap
    EXPECT_EQ(event_names(timeline_events(net, p, r, year)),
              (std::vector<std::string>{"road opens", "pipe opens", "ru2 opens", "coal_cap starts",
                                        "road_closed starts", "rail_no_cargo starts", "rail_halved starts"}));
    r.commodity = "cargo";
    r.modes = {"rail"};  // the road cannot carry this answer
    EXPECT_EQ(event_names(timeline_events(net, p, r, year)),
              (std::vector<std::string>{"rail_no_cargo starts", "rail_halved starts"}));
    r.modes = {};
    r.without = {"rail"};
    EXPECT_EQ(event_names(timeline_events(net, p, r, year)),
              (std::vector<std::string>{"road opens", "ru2 opens", "road_closed starts"}));
    // The month-by-month answer lists the same events.
    r.without = {};
    r.commodity = "coal";
    const Timeline t = timeline(net, p, r, year);
    std::vector<TimelineEvent> listed;
    for (const auto& m : t.months) listed.insert(listed.end(), m.events.begin(), m.events.end());
    EXPECT_EQ(listed, timeline_events(net, p, r, year));
}

TEST(DefaultMonthRange, TheNetworksMonthSixEitherSideWidenedToItsEvents) {
    test::TempDir dir;
    const InputPaths p = in(dir.path());
    const Network net = small_network();
    EXPECT_THROW(default_month_range(net, p, ru_to_pyongyang()), request_error) << "no month, no events";
    test::write_json(dir / "network.json", {{"month", "2017-05"}});
    EXPECT_EQ(default_month_range(net, p, ru_to_pyongyang()).text(), "2016-11..2017-11");
    test::write_json(
        dir / "events.json",
        {{"events",
          {{{"name", "b_closes"},
            {"changes", {{{"route", "b"}, {"action", "close"}, {"from", "2017-02-19"}, {"until", "2017-12-31"}}}}}}}});
    EXPECT_EQ(default_month_range(net, p, ru_to_pyongyang()).text(), "2016-11..2018-01");
    std::filesystem::remove(dir / "network.json");
    EXPECT_EQ(default_month_range(net, p, ru_to_pyongyang()).text(), "2017-01..2018-02");
}

// The shipped network: China's coal import suspension (events.json, 2017-02-19 to
// 2017-12-31) as the coal lane's and the bridge's months show it.
TEST(Timeline, ShippedNetworkCoalFromNorthKoreaToChinaMonthByMonth) {
    const InputPaths paths = in(test::geodata_dir());
    const CheckedNetwork c = load_checked(paths);
    AnalysisRequest r;
    r.from = "KP";
    r.to = "CN";
    r.commodity = "coal";
    const Timeline t = timeline(c.net, paths, r, parse_month_range("2016-12..2018-01"));
    ASSERT_EQ(t.months.size(), 14u);
    for (const auto& m : t.months) EXPECT_EQ(m.throughput, asked_for(c.net, paths, r, m.month)) << m.month.text();
    EXPECT_EQ(t.months[0].throughput, 2'383'333);  // 2016-12
    EXPECT_EQ(t.months[2].throughput,
              1'532'142);  // 2017-02: North Korea's coal capped at 0 from the 19th: 18/28 of the month
    for (std::size_t i = 3; i <= 12; ++i) EXPECT_EQ(t.months[i].throughput, 0) << t.months[i].month.text();
    EXPECT_EQ(t.months[13].throughput, 2'383'333);  // 2018-01
    ASSERT_FALSE(t.months[2].events.empty());
    EXPECT_EQ(t.months[2].events[0].name, "coal_import_suspension");
    EXPECT_EQ(t.months[2].events[0].kind, "starts");
    ASSERT_FALSE(t.months[13].events.empty());
    EXPECT_EQ(t.months[13].events[0].kind, "ends");
}

}  // namespace
}  // namespace corridor
