// Scenarios: loading scenarios.json, applying changes to route capacities, and --set.
#include "corridor/model/scenario.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/model/load.hpp"
#include "support/fixtures.hpp"
#include "support/network_builder.hpp"

namespace corridor {
namespace {

// Three places and three routes, one per capacity form:
//   ferry  payload_t 1000 x trips_mo 6, pax_trip 200 -> 6000 t, 1200 passengers
//   rail   annual_t 36000                           -> 3000 t
//   coal   capacity 500                             -> 500 t
Network small_network() {
    Figures ferry;
    ferry.payload_t = 1000;
    ferry.trips_mo = 6;
    ferry.pax_trip = 200;
    Figures rail;
    rail.annual_t = 36000;
    Figures coal;
    coal.capacity = 500;
    return test::NetBuilder()
        .place_at("a", "RU", {131.0, 43.0})
        .place_at("b", "KP", {130.0, 42.0})
        .place_at("c", "KP", {129.0, 41.0})
        .route("ferry", "a", "b", ferry, {Mode::ferry, true, {"cargo", "passengers"}})
        .route("rail", "b", "c", rail, {Mode::rail, true, {"cargo", "coal", "oil_products"}})
        .route("coal", "c", "a", coal, {Mode::bulk, true, {"coal"}})
        .build();
}

constexpr std::size_t kFerry = 0, kRail = 1, kCoal = 2;

Change change(ChangeAction action, std::vector<std::string> routes, double value = 0, std::string field = "",
              std::string commodity = "") {
    Change c;
    c.routes = std::move(routes);
    c.action = action;
    c.field = std::move(field);
    c.value = value;
    c.commodity = std::move(commodity);
    return c;
}

// ---------------------------------------------------------------- the default scenarios

TEST(Scenario, DefaultFileHasTheFiveScenariosWithQuoteAndSource) {
    const Network net = load_network(default_files(test::geodata_dir()));
    const auto scenarios = load_scenarios(test::geodata_dir() / "scenarios.json", net);
    for (const char* name : {"coal_suspension", "un_coal_cap", "oil_embargo", "ferry_stopped", "rail_expansion"}) {
        SCOPED_TRACE(name);
        const Scenario& s = find_scenario(scenarios, name);
        EXPECT_EQ(s.name, name);
        EXPECT_FALSE(s.quote.empty());
        EXPECT_FALSE(s.source.empty());
        EXPECT_FALSE(s.changes.empty());
    }
}

TEST(Scenario, DefaultScenariosApplyToTheDefaultNetwork) {
    const Network net = load_network(default_files(test::geodata_dir()));
    const auto scenarios = load_scenarios(test::geodata_dir() / "scenarios.json", net);
    std::size_t ferry = net.routes.size();
    for (std::size_t i = 0; i < net.routes.size(); ++i)
        if (net.routes[i].id == "mangyongbong_ferry") ferry = i;
    ASSERT_LT(ferry, net.routes.size());
    const Adjusted adj = adjust(net, find_scenario(scenarios, "ferry_stopped").changes);
    EXPECT_EQ(adj.capacities[ferry].tonnes.value, 0.0);
    EXPECT_EQ(adj.capacities[ferry].passengers.value, 0.0);
    for (const auto& s : scenarios) EXPECT_NO_THROW(adjust(net, s.changes)) << s.name;
}

TEST(Scenario, FindUnknownNameListsTheKnownNames) {
    const Network net = load_network(default_files(test::geodata_dir()));
    const auto scenarios = load_scenarios(test::geodata_dir() / "scenarios.json", net);
    try {
        find_scenario(scenarios, "no_such_scenario");
        FAIL() << "expected an error";
    } catch (const error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("no_such_scenario"), std::string::npos) << what;
        for (const auto& s : scenarios) EXPECT_NE(what.find(s.name), std::string::npos) << what;
    }
}

// ---------------------------------------------------------------- adjust

TEST(Adjust, NoChangesKeepsTheFigures) {
    const Network net = small_network();
    const Adjusted adj = adjust(net, {});
    ASSERT_EQ(adj.capacities.size(), net.routes.size());
    for (std::size_t i = 0; i < net.routes.size(); ++i) {
        const MonthlyCapacity own = monthly_capacity(net.routes[i].figures);
        EXPECT_EQ(adj.capacities[i].tonnes.value, own.tonnes.value);
        EXPECT_EQ(adj.capacities[i].passengers.value, own.passengers.value);
        EXPECT_EQ(adj.capacities[i].rule, own.rule);
    }
    EXPECT_TRUE(adj.commodities.empty());
}

TEST(Adjust, CloseZeroesTonnesAndPassengers) {
    const Network net = small_network();
    const Adjusted adj = adjust(net, {change(ChangeAction::close, {"ferry"})});
    EXPECT_EQ(adj.capacities[kFerry].tonnes.value, 0.0);
    EXPECT_EQ(adj.capacities[kFerry].passengers.value, 0.0);
}

TEST(Adjust, ScaleMultipliesTonnesAndPassengers) {
    const Network net = small_network();
    const Adjusted adj = adjust(net, {change(ChangeAction::scale, {"ferry", "rail"}, 2)});
    EXPECT_DOUBLE_EQ(adj.capacities[kFerry].tonnes.value, 12000.0);
    EXPECT_DOUBLE_EQ(adj.capacities[kFerry].passengers.value, 2400.0);
    EXPECT_DOUBLE_EQ(adj.capacities[kRail].tonnes.value, 6000.0);
}

TEST(Adjust, CapKeepsTheSmaller) {
    const Network net = small_network();
    const Adjusted adj = adjust(net, {change(ChangeAction::cap, {"ferry", "coal"}, 1000)});
    EXPECT_DOUBLE_EQ(adj.capacities[kFerry].tonnes.value, 1000.0);      // 6000 capped
    EXPECT_DOUBLE_EQ(adj.capacities[kFerry].passengers.value, 1200.0);  // passengers are not tonnes
    EXPECT_DOUBLE_EQ(adj.capacities[kCoal].tonnes.value, 500.0);        // already below the cap
}

TEST(Adjust, SetCapacityReplacesTheForm) {
    const Network net = small_network();
    const Adjusted adj = adjust(net, {change(ChangeAction::set, {"rail", "ferry"}, 7777, "capacity")});
    EXPECT_DOUBLE_EQ(adj.capacities[kRail].tonnes.value, 7777.0);
    EXPECT_EQ(adj.capacities[kRail].rule, CapacityRule::given);
    EXPECT_DOUBLE_EQ(adj.capacities[kFerry].tonnes.value, 7777.0);
    EXPECT_EQ(adj.capacities[kFerry].rule, CapacityRule::given);
    // The network itself is not touched.
    EXPECT_FALSE(net.routes[kRail].figures.capacity.has_value());
    EXPECT_DOUBLE_EQ(*net.routes[kRail].figures.annual_t, 36000.0);
}

TEST(Adjust, SetAnnualIsTwelveMonths) {
    const Network net = small_network();
    const Adjusted adj = adjust(net, {change(ChangeAction::set, {"coal", "rail"}, 120000, "annual_t")});
    EXPECT_DOUBLE_EQ(adj.capacities[kCoal].tonnes.value, 10000.0);
    EXPECT_EQ(adj.capacities[kCoal].rule, CapacityRule::annual);
    EXPECT_DOUBLE_EQ(adj.capacities[kRail].tonnes.value, 10000.0);
}

TEST(Adjust, SetPayloadRecomputesPayloadTimesTrips) {
    const Network net = small_network();
    const Adjusted adj = adjust(net, {change(ChangeAction::set, {"ferry"}, 1500, "payload_t")});
    EXPECT_DOUBLE_EQ(adj.capacities[kFerry].tonnes.value, 9000.0);      // 1500 x 6
    EXPECT_DOUBLE_EQ(adj.capacities[kFerry].passengers.value, 1200.0);  // 200 x 6
    EXPECT_EQ(adj.capacities[kFerry].rule, CapacityRule::payload_trips);
}

TEST(Adjust, SetTripsRecomputesTonnesAndPassengers) {
    const Network net = small_network();
    const Adjusted adj = adjust(net, {change(ChangeAction::set, {"ferry"}, 3, "trips_mo")});
    EXPECT_DOUBLE_EQ(adj.capacities[kFerry].tonnes.value, 3000.0);
    EXPECT_DOUBLE_EQ(adj.capacities[kFerry].passengers.value, 600.0);
}

TEST(Adjust, SetPayloadOnAnAnnualRouteThrows) {
    const Network net = small_network();
    EXPECT_THROW(adjust(net, {change(ChangeAction::set, {"rail"}, 1500, "payload_t")}), input_error);
    EXPECT_THROW(adjust(net, {change(ChangeAction::set, {"rail"}, 3, "trips_mo")}), input_error);
    EXPECT_THROW(adjust(net, {change(ChangeAction::set, {"coal"}, 1500, "payload_t")}), input_error);
}

TEST(Adjust, SetPaxTrip) {
    const Network net = small_network();
    const Adjusted adj = adjust(net, {change(ChangeAction::set, {"ferry"}, 300, "pax_trip")});
    EXPECT_DOUBLE_EQ(adj.capacities[kFerry].passengers.value, 1800.0);  // 300 x 6
    EXPECT_DOUBLE_EQ(adj.capacities[kFerry].tonnes.value, 6000.0);
    // A route without trips has no passenger figure to set.
    EXPECT_THROW(adjust(net, {change(ChangeAction::set, {"rail"}, 300, "pax_trip")}), input_error);
}

TEST(Adjust, DropRemovesACommodityFromThatRouteOnly) {
    const Network net = small_network();
    const Adjusted adj = adjust(net, {change(ChangeAction::drop, {"rail"}, 0, "", "coal")});
    EXPECT_EQ(adj.commodities_of(net, kRail), (std::vector<std::string>{"cargo", "oil_products"}));
    EXPECT_EQ(adj.commodities_of(net, kCoal), (std::vector<std::string>{"coal"}));
    EXPECT_EQ(adj.commodities_of(net, kFerry), net.routes[kFerry].commodities);
    EXPECT_EQ(adj.commodities.size(), 1u);
    EXPECT_EQ(net.routes[kRail].commodities.size(), 3u);  // the network keeps its own list
    // Dropping does not change the capacity.
    EXPECT_DOUBLE_EQ(adj.capacities[kRail].tonnes.value, 3000.0);
}

TEST(Adjust, DropTwiceAndDropAbsentCommodity) {
    const Network net = small_network();
    const Adjusted adj = adjust(
        net, {change(ChangeAction::drop, {"rail"}, 0, "", "coal"), change(ChangeAction::drop, {"rail"}, 0, "", "cargo"),
              change(ChangeAction::drop, {"ferry"}, 0, "", "crude_oil")});
    EXPECT_EQ(adj.commodities_of(net, kRail), (std::vector<std::string>{"oil_products"}));
    EXPECT_EQ(adj.commodities_of(net, kFerry), net.routes[kFerry].commodities);
}

TEST(Adjust, RoutesNotNamedKeepTheirOwnCapacity) {
    const Network net = small_network();
    const Adjusted adj =
        adjust(net, {change(ChangeAction::close, {"ferry"}), change(ChangeAction::set, {"coal"}, 42, "capacity")});
    const MonthlyCapacity own = monthly_capacity(net.routes[kRail].figures);
    EXPECT_EQ(adj.capacities[kRail].tonnes.value, own.tonnes.value);
    EXPECT_EQ(adj.capacities[kRail].passengers.value, own.passengers.value);
    EXPECT_EQ(adj.capacities[kRail].rule, own.rule);
    EXPECT_DOUBLE_EQ(adj.capacities[kRail].tonnes.value, 3000.0);
}

TEST(Adjust, ChangesApplyInOrder) {
    const Network net = small_network();
    // rail: 3000 t/month
    const Adjusted scale_then_cap =
        adjust(net, {change(ChangeAction::scale, {"rail"}, 2), change(ChangeAction::cap, {"rail"}, 1000)});
    const Adjusted cap_then_scale =
        adjust(net, {change(ChangeAction::cap, {"rail"}, 1000), change(ChangeAction::scale, {"rail"}, 2)});
    EXPECT_DOUBLE_EQ(scale_then_cap.capacities[kRail].tonnes.value, 1000.0);
    EXPECT_DOUBLE_EQ(cap_then_scale.capacities[kRail].tonnes.value, 2000.0);

    // Setting the capacity after closing reopens the route at the set figure.
    const Adjusted close_then_set =
        adjust(net, {change(ChangeAction::close, {"rail"}), change(ChangeAction::set, {"rail"}, 800, "capacity")});
    EXPECT_DOUBLE_EQ(close_then_set.capacities[kRail].tonnes.value, 800.0);
    const Adjusted set_then_close =
        adjust(net, {change(ChangeAction::set, {"rail"}, 800, "capacity"), change(ChangeAction::close, {"rail"})});
    EXPECT_DOUBLE_EQ(set_then_close.capacities[kRail].tonnes.value, 0.0);

    // Two sets on one route build on each other's figures.
    const Adjusted two_sets = adjust(net, {change(ChangeAction::set, {"ferry"}, 2000, "payload_t"),
                                           change(ChangeAction::set, {"ferry"}, 10, "trips_mo")});
    EXPECT_DOUBLE_EQ(two_sets.capacities[kFerry].tonnes.value, 20000.0);
    EXPECT_DOUBLE_EQ(two_sets.capacities[kFerry].passengers.value, 2000.0);
}

// A set of the passenger figure must not undo an earlier close of the tonnes (a scenario
// closing the ferry, then --set mangyongbong_ferry.pax_trip=300, must not reopen it at 6,000 t).
TEST(Adjust, SetPaxTripKeepsAnEarlierClose) {
    const Network net = small_network();
    const Adjusted adj =
        adjust(net, {change(ChangeAction::close, {"ferry"}), change(ChangeAction::set, {"ferry"}, 300, "pax_trip")});
    EXPECT_EQ(adj.capacities[kFerry].tonnes.value, 0.0);
}

// Setting a new tonnage keeps the passengers per month.
TEST(Adjust, SetCapacityKeepsPassengers) {
    const Network net = small_network();
    const Adjusted adj = adjust(net, {change(ChangeAction::set, {"ferry"}, 7777, "capacity")});
    EXPECT_DOUBLE_EQ(adj.capacities[kFerry].passengers.value, 1200.0);
}

TEST(Adjust, UnknownRouteIdThrows) {
    const Network net = small_network();
    try {
        adjust(net, {change(ChangeAction::close, {"ferry", "no_such_route"})});
        FAIL() << "expected input_error";
    } catch (const input_error& e) {
        EXPECT_NE(std::string(e.what()).find("no_such_route"), std::string::npos) << e.what();
    }
}

TEST(Adjust, ACapacityBeyondTheSolversLimitIsRefused) {
    const Network net = small_network();
    for (const Change& ch : {change(ChangeAction::scale, {"ferry"}, 1e12), parse_set("rail.capacity=2e15")}) {
        try {
            adjust(net, {ch});
            ADD_FAILURE() << "expected input_error";
        } catch (const input_error& e) {
            EXPECT_EQ(e.where().feature, ch.routes[0]);
            EXPECT_NE(e.detail().find("above the largest capacity corridor holds (1000000000000000)"),
                      std::string::npos)
                << e.what();
        }
    }
    EXPECT_NO_THROW(adjust(net, {parse_set("rail.capacity=1e15")}));
}

// ---------------------------------------------------------------- parse_set

TEST(ParseSet, RouteFieldValue) {
    const Change c = parse_set("ferry.trips_mo=3");
    EXPECT_EQ(c.action, ChangeAction::set);
    EXPECT_EQ(c.routes, (std::vector<std::string>{"ferry"}));
    EXPECT_EQ(c.field, "trips_mo");
    EXPECT_DOUBLE_EQ(c.value, 3.0);

    const Change d = parse_set("mangyongbong_ferry.payload_t=1500.5");
    EXPECT_EQ(d.routes, (std::vector<std::string>{"mangyongbong_ferry"}));
    EXPECT_EQ(d.field, "payload_t");
    EXPECT_DOUBLE_EQ(d.value, 1500.5);

    EXPECT_DOUBLE_EQ(parse_set("rail.capacity=0").value, 0.0);
}

TEST(ParseSet, ParsedChangeApplies) {
    const Network net = small_network();
    const Adjusted adj = adjust(net, {parse_set("ferry.trips_mo=3")});
    EXPECT_DOUBLE_EQ(adj.capacities[kFerry].tonnes.value, 3000.0);
}

TEST(ParseSet, MalformedThrows) {
    for (const char* spec : {"ferry.trips_mo", "trips_mo=3", "ferry.colour=3", "ferry.trips_mo=-1",
                             "ferry.trips_mo=abc", "ferry.trips_mo=", ".trips_mo=3", "ferry.trips_mo=3x",
                             "ferry.trips_mo=inf", "ferry.trips_mo=nan", "ferry=3.trips_mo", ""}) {
        SCOPED_TRACE(spec);
        EXPECT_THROW(parse_set(spec), error);
    }
}

// ---------------------------------------------------------------- load_scenarios errors

class ScenarioFile : public ::testing::Test {
protected:
    test::TempDir tmp;
    Network net = small_network();

    // Writes text to scenarios.json and expects load_scenarios to refuse it naming the file.
    input_error refused_text(const std::string& text) {
        const auto file = tmp / "scenarios.json";
        test::write_file(file, text);
        try {
            load_scenarios(file, net);
        } catch (const input_error& e) {
            EXPECT_EQ(e.where().file, file.string()) << e.what();
            return e;
        }
        ADD_FAILURE() << "expected input_error for " << text;
        return input_error(Location{}, "none");
    }
    input_error refused(const nlohmann::json& j) { return refused_text(j.dump()); }

    static nlohmann::json one(nlohmann::json change) {
        nlohmann::json s = {{"name", "s1"}, {"description", "d"}, {"source", "x.txt"}, {"quote", "q"}};
        s["changes"] = nlohmann::json::array({change});
        nlohmann::json out;
        out["scenarios"] = nlohmann::json::array({s});
        return out;
    }
};

TEST_F(ScenarioFile, AGoodFileLoads) {
    const auto file = tmp / "scenarios.json";
    nlohmann::json s = {{"name", "s1"}, {"description", "d"}, {"source", "x.txt"}, {"quote", "q"}, {"note", "n"}};
    s["changes"] = nlohmann::json::array({
        nlohmann::json{{"route", "ferry"}, {"action", "close"}},
        nlohmann::json{{"routes", {"rail", "coal"}}, {"action", "scale"}, {"value", 0.5}},
        nlohmann::json{{"route", "rail"}, {"action", "set"}, {"field", "annual_t"}, {"value", 1200}},
        nlohmann::json{{"route", "rail"}, {"action", "drop"}, {"commodity", "coal"}},
    });
    nlohmann::json j;
    j["scenarios"] = nlohmann::json::array({s});
    test::write_json(file, j);
    const auto scenarios = load_scenarios(file, net);
    ASSERT_EQ(scenarios.size(), 1u);
    const Scenario& sc = scenarios[0];
    EXPECT_EQ(sc.name, "s1");
    EXPECT_EQ(sc.quote, "q");
    EXPECT_EQ(sc.source, "x.txt");
    EXPECT_EQ(sc.note, "n");
    ASSERT_EQ(sc.changes.size(), 4u);
    EXPECT_EQ(sc.changes[0].action, ChangeAction::close);
    EXPECT_EQ(sc.changes[1].routes, (std::vector<std::string>{"rail", "coal"}));
    EXPECT_DOUBLE_EQ(sc.changes[1].value, 0.5);
    EXPECT_EQ(sc.changes[2].field, "annual_t");
    EXPECT_EQ(sc.changes[3].commodity, "coal");
    const Adjusted adj = adjust(net, sc.changes);
    EXPECT_EQ(adj.capacities[kFerry].tonnes.value, 0.0);
    EXPECT_DOUBLE_EQ(adj.capacities[kRail].tonnes.value, 100.0);  // set after scale: 1200 / 12
    EXPECT_DOUBLE_EQ(adj.capacities[kCoal].tonnes.value, 250.0);
}

TEST_F(ScenarioFile, MissingFileThrows) {
    const auto file = tmp / "absent.json";
    try {
        load_scenarios(file, net);
        FAIL() << "expected input_error";
    } catch (const input_error& e) {
        EXPECT_EQ(e.where().file, file.string());
    }
}

TEST_F(ScenarioFile, MalformedJson) { refused_text("{\"scenarios\": [ {\"name\": "); }

TEST_F(ScenarioFile, MissingScenarios) {
    EXPECT_EQ(refused(nlohmann::json{{"other", nlohmann::json::array()}}).where().field, "scenarios");
    refused_text("[]");
    refused(nlohmann::json{{"scenarios", "not a list"}});
}

TEST_F(ScenarioFile, UnknownRouteId) {
    const auto e = refused(one({{"route", "no_such_route"}, {"action", "close"}}));
    EXPECT_EQ(e.where().field, "routes");
    EXPECT_EQ(e.where().feature, "s1");
    EXPECT_NE(std::string(e.what()).find("no_such_route"), std::string::npos) << e.what();
    const auto f = refused(one({{"routes", {"ferry", "nope"}}, {"action", "close"}}));
    EXPECT_EQ(f.where().field, "routes");
    EXPECT_EQ(f.where().feature, "s1");
}

TEST_F(ScenarioFile, UnknownAction) {
    const auto e = refused(one({{"route", "ferry"}, {"action", "explode"}}));
    EXPECT_EQ(e.where().field, "action");
    EXPECT_EQ(e.where().feature, "s1");
}

TEST_F(ScenarioFile, SetOfAFieldThatCannotBeSet) {
    const auto e = refused(one({{"route", "ferry"}, {"action", "set"}, {"field", "observed"}, {"value", 1}}));
    EXPECT_EQ(e.where().field, "field");
    EXPECT_EQ(e.where().feature, "s1");
    refused(one({{"route", "ferry"}, {"action", "set"}, {"value", 1}}));  // no field at all
}

TEST_F(ScenarioFile, DuplicateScenarioName) {
    nlohmann::json s = {{"name", "twice"}};
    s["changes"] = nlohmann::json::array({nlohmann::json{{"route", "ferry"}, {"action", "close"}}});
    nlohmann::json j;
    j["scenarios"] = nlohmann::json::array({s, s});
    const auto e = refused(j);
    EXPECT_EQ(e.where().feature, "twice");
    EXPECT_EQ(e.where().field, "name");
}

TEST_F(ScenarioFile, ScaleWithoutValue) {
    const auto e = refused(one({{"route", "ferry"}, {"action", "scale"}}));
    EXPECT_EQ(e.where().field, "value");
    EXPECT_EQ(e.where().feature, "s1");
    refused(one({{"route", "ferry"}, {"action", "scale"}, {"value", "2"}}));
    refused(one({{"route", "ferry"}, {"action", "cap"}, {"value", -5}}));
}

TEST_F(ScenarioFile, OtherRefusals) {
    nlohmann::json close = nlohmann::json::array({nlohmann::json{{"route", "ferry"}, {"action", "close"}}});
    nlohmann::json no_name;
    no_name["scenarios"] = nlohmann::json::array({nlohmann::json{{"description", "d"}, {"changes", close}}});
    EXPECT_EQ(refused(no_name).where().field, "name");
    nlohmann::json no_changes;
    no_changes["scenarios"] =
        nlohmann::json::array({nlohmann::json{{"name", "s"}, {"changes", nlohmann::json::array()}}});
    EXPECT_EQ(refused(no_changes).where().field, "changes");
    refused(one({{"action", "close"}}));                     // no route
    refused(one({{"route", "ferry"}, {"action", "drop"}}));  // no commodity
    refused(one({{"route", 5}, {"action", "close"}}));       // route not a string
}

}  // namespace
}  // namespace corridor

namespace corridor {
namespace {

Change dated(const std::string& route, ChangeAction action, const char* from, const char* until, double value = 0,
             const std::string& commodity = "") {
    Change c{{route}, action, "", value, commodity};
    if (from) c.when.from = *parse_date(from);
    if (until) c.when.until = *parse_date(until);
    return c;
}

TEST(AdjustByMonth, ADatedClosureCountsProRataByDays) {
    const Network net = small_network();
    const std::vector<Change> changes{dated("coal", ChangeAction::close, "2017-02-19", "2017-12-31")};
    EXPECT_DOUBLE_EQ(adjust(net, changes, Month{2017, 1}).capacities[2].tonnes.value, 500);
    EXPECT_DOUBLE_EQ(adjust(net, changes, Month{2017, 2}).capacities[2].tonnes.value, 500.0 * 18 / 28);
    EXPECT_DOUBLE_EQ(adjust(net, changes, Month{2017, 3}).capacities[2].tonnes.value, 0);
    EXPECT_DOUBLE_EQ(adjust(net, changes, Month{2018, 1}).capacities[2].tonnes.value, 500);
    EXPECT_DOUBLE_EQ(adjust(net, changes).capacities[2].tonnes.value, 0) << "without a month, changes apply in full";
}

TEST(AdjustByMonth, ADatedCapAndScaleBlendWithTheRestOfTheMonth) {
    const Network net = small_network();
    const Month feb{2017, 2};
    const auto cap = adjust(net, {dated("rail", ChangeAction::cap, "2017-02-15", nullptr, 1000)}, feb);
    EXPECT_DOUBLE_EQ(cap.capacities[1].tonnes.value, 3000 + (14.0 / 28) * (1000 - 3000));
    const auto scale = adjust(net, {dated("ferry", ChangeAction::scale, nullptr, "2017-02-14", 2)}, feb);
    EXPECT_DOUBLE_EQ(scale.capacities[0].tonnes.value, 6000 * 1.5);
    EXPECT_DOUBLE_EQ(scale.capacities[0].passengers.value, 1200 * 1.5);
}

TEST(AdjustByMonth, ADatedDropNeedsHalfTheMonth) {
    const Network net = small_network();
    const std::vector<Change> changes{dated("rail", ChangeAction::drop, "2017-02-19", nullptr, 0, "coal")};
    EXPECT_EQ(adjust(net, changes, Month{2017, 2}).commodities.count(1), 0u);  // 10 of 28 days
    EXPECT_EQ(adjust(net, changes, Month{2017, 3}).commodities.at(1),
              (std::vector<std::string>{"cargo", "oil_products"}));
}

TEST(AdjustByMonth, RoutesAndTheirPlacesOpenForPartOfAMonthCarryThatShare) {
    Network net = small_network();
    net.routes[0].open.from = *parse_date("2017-05-18");  // the ferry's first sailing
    EXPECT_DOUBLE_EQ(adjust(net, {}, Month{2017, 4}).capacities[0].tonnes.value, 0);
    EXPECT_DOUBLE_EQ(adjust(net, {}, Month{2017, 5}).capacities[0].tonnes.value, 6000.0 * 14 / 31);
    EXPECT_DOUBLE_EQ(adjust(net, {}, Month{2017, 6}).capacities[0].tonnes.value, 6000);
    EXPECT_DOUBLE_EQ(adjust(net, {}).capacities[0].tonnes.value, 6000) << "without a month, dates do not apply";
    net.places[2].open.until = *parse_date("2017-06-10");  // place c closes: both its routes
    EXPECT_DOUBLE_EQ(open_share(net, 1, Month{2017, 6}), 10.0 / 30);
    EXPECT_DOUBLE_EQ(adjust(net, {}, Month{2017, 7}).capacities[2].tonnes.value, 0);
}

TEST(Events, EveryChangeIsDatedAndDatesAreChecked) {
    const Network net = small_network();
    test::TempDir dir;
    const auto file = dir / "events.json";
    auto event = [](const nlohmann::json& change) {
        return nlohmann::json{{"events", {{{"name", "e"}, {"changes", {change}}}}}};
    };
    test::write_json(file, event({{"route", "coal"}, {"action", "close"}, {"from", "2017-02-19"}}));
    EXPECT_EQ(load_events(file, net).at(0).changes.at(0).when.from, *parse_date("2017-02-19"));
    for (const auto& bad :
         {nlohmann::json{{"route", "coal"}, {"action", "close"}},
          nlohmann::json{{"route", "coal"}, {"action", "close"}, {"from", "2017-02-30"}},
          nlohmann::json{{"route", "coal"}, {"action", "close"}, {"from", "2017-03-01"}, {"until", "2017-02-01"}}}) {
        test::write_json(file, event(bad));
        EXPECT_THROW(load_events(file, net), input_error) << bad.dump();
    }
}

}  // namespace
}  // namespace corridor
