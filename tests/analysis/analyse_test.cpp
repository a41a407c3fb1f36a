// The analysis module: the default question, requested changes, the analyses and their JSON.
#include "corridor/analysis/analyse.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "corridor/analysis/json.hpp"
#include "corridor/model/measure.hpp"
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

// An input with no files: no scenario file, so only --without and --set change anything.
InputPaths no_files() {
    InputPaths p;
    p.geodata = "/nonexistent-corridor-geodata";
    return p;
}

TEST(DefaultQuestion, IsRussiaToPyongyangAndFillsOnlyMissingEndpoints) {
    EXPECT_EQ(default_question().from, "RU");
    EXPECT_EQ(default_question().to, "pyongyang");
    AnalysisRequest r;
    r.to = "mid";
    const Endpoints e = endpoints_of(r);
    EXPECT_EQ(e.from, "RU");
    EXPECT_EQ(e.to, "mid");
    EXPECT_TRUE(asks_own_question(r));
    EXPECT_FALSE(asks_own_question(AnalysisRequest{}));
}

TEST(RequestedChanges, UnknownRoutesModesAndCriteriaAreRequestErrors) {
    const Network net = small_network();
    AnalysisRequest r;
    r.without = {"zzz"};
    EXPECT_THROW(requested_changes(net, no_files(), r), request_error);
    r.without.clear();
    r.sets = {"a.capacity"};
    EXPECT_THROW(requested_changes(net, no_files(), r), request_error);
    r.sets = {"zzz.capacity=4"};
    EXPECT_THROW(requested_changes(net, no_files(), r), request_error);
    EXPECT_THROW(parse_modes({"rail", "hovercraft"}), request_error);
    EXPECT_THROW(parse_path_criterion("shortest"), request_error);
    r.sets = {"b.capacity=4"};
    r.without = {"c"};
    const auto changes = requested_changes(net, no_files(), r);
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0].action, ChangeAction::close);  // --without before --set
    EXPECT_EQ(changes[1].action, ChangeAction::set);
}

TEST(AnalyseNetwork, AnswersTheDefaultQuestionWithTheChangesApplied) {
    const Network net = small_network();
    AnalysisRequest r;
    r.sets = {"b.capacity=4"};
    const AnalysedNetwork a = analyse_network(net, measure_routes(net, SpeedTable::defaults()), no_files(), r);
    ASSERT_TRUE(a.analysis);
    EXPECT_EQ(a.analysis->from, "RU");
    EXPECT_EQ(a.analysis->result.throughput, 4 + 5);
    EXPECT_DOUBLE_EQ(a.measures[1].capacity.tonnes.value, 4);  // the measures carry the changed capacity
}

TEST(AnalyseNetwork, TheDefaultQuestionWithoutFlowIsANoteButAnAskedOneThrows) {
    const Network net = NetBuilder().place("x", "CN").place("y", "CN").route("r", "x", "y", 10).build();
    const auto measures = measure_routes(net, SpeedTable::defaults());
    const AnalysedNetwork a = analyse_network(net, measures, no_files(), {});
    EXPECT_FALSE(a.analysis);
    EXPECT_NE(a.note.find("no flow analysis"), std::string::npos) << a.note;
    AnalysisRequest asked;
    asked.from = "RU";
    EXPECT_THROW(analyse_network(net, measures, no_files(), asked), infeasible_error);
}

TEST(AnalyseQuestion, NeedsBothEndpointsAndGivesTheCapacityJson) {
    const Network net = small_network();
    AnalysisRequest r;
    r.from = "RU";
    EXPECT_THROW(analyse_question(net, no_files(), r), request_error);
    r.to = "pyongyang";
    const Analysis a = analyse_question(net, no_files(), r);
    EXPECT_EQ(a.result.throughput, 25);
    const auto j = capacity_json(net, a);
    EXPECT_EQ(j["throughput_t_mo"], 25);
    EXPECT_EQ(j["commodity"], nullptr);
    EXPECT_EQ(j["min_cut"], nlohmann::ordered_json::array({"b", "c"}));
    EXPECT_EQ(j["flows"]["a"], 20);
    EXPECT_FALSE(j.contains("draws"));
}

TEST(CompareScenarios, BaselineFirstAndExtraChangesEverywhere) {
    const Network net = small_network();
    AnalysisRequest r;
    r.from = "RU";
    r.to = "pyongyang";
    r.without = {"c"};
    const ScenarioComparison c = compare_scenarios(net, no_files(), r);
    ASSERT_EQ(c.outcomes.size(), 1u);  // no scenario file
    EXPECT_EQ(c.outcomes[0].name, "baseline");
    EXPECT_EQ(c.baseline(), 20);
    const auto j = scenarios_json(net, c);
    EXPECT_EQ(j["scenarios"][0]["change_t_mo"], 0);
    r.without = {"b", "c"};
    EXPECT_THROW(compare_scenarios(net, no_files(), r), infeasible_error);
}

TEST(CompareScenarios, OnTheSeedNetworkEveryScenarioOfTheFileIsARow) {
    InputPaths p;
    p.geodata = test::geodata_dir();
    const CheckedNetwork c = load_checked(p);
    AnalysisRequest r;
    r.from = "RU";
    r.to = "pyongyang";
    const ScenarioComparison s = compare_scenarios(c.net, p, r);
    EXPECT_EQ(s.outcomes.size(), p.scenarios_for(c.net).size() + 1);
    AnalysisRequest one = r;
    one.scenario = s.outcomes.back().name;
    EXPECT_EQ(analyse_question(c.net, p, one).result.throughput, s.outcomes.back().throughput());
}

TEST(BestRoute, FollowsTheChangesAndNamesItsCriterion) {
    const Network net = small_network();
    AnalysisRequest r;
    r.from = "ru1";
    r.to = "pyongyang";
    const auto measures = measure_routes(net, SpeedTable::defaults());
    const RouteAnswer a = best_route(net, measures, no_files(), r, PathCriterion::capacity);
    ASSERT_EQ(a.path.routes.size(), 2u);
    EXPECT_EQ(a.path.bottleneck, 20);
    EXPECT_EQ(route_json(net, a)["by"], "capacity");
    r.without = {"b"};
    EXPECT_THROW(best_route(net, measures, no_files(), r, PathCriterion::distance), infeasible_error);
}

// The GeoJSON coordinates of a point.
nlohmann::ordered_json lon_lat(LonLat p) { return {p.lon, p.lat}; }

TEST(BestRoute, JsonCarriesThePathAsOneLineInTravelOrder) {
    // ru1 → mid → pyongyang, with b drawn from pyongyang to mid (two-way, travelled backwards)
    // and a bend in a.
    Network net = NetBuilder()
                      .place("ru1", "RU")
                      .place("mid", "KP")
                      .place("pyongyang", "KP")
                      .route("a", "ru1", "mid", 30)
                      .route("b", "pyongyang", "mid", 20, {Mode::rail, true, {"cargo"}})
                      .build();
    const LonLat ru1 = net.places[0].pos, mid = net.places[1].pos, pyongyang = net.places[2].pos;
    const LonLat bend{(ru1.lon + mid.lon) / 2, ru1.lat + 0.05};
    net.routes[0].line = {ru1, bend, mid};
    AnalysisRequest r;
    r.from = "ru1";
    r.to = "pyongyang";
    const auto measures = measure_routes(net, SpeedTable::defaults());
    RouteAnswer a = best_route(net, measures, no_files(), r, PathCriterion::distance);
    ASSERT_EQ(a.path.routes, (std::vector<std::size_t>{0, 1}));
    ASSERT_EQ(a.path.backward, (std::vector<bool>{false, true}));
    const auto j = route_json(net, a);
    const auto& f = j["geometry"];
    EXPECT_EQ(f["type"], "Feature");
    EXPECT_EQ(f["properties"]["from"], "ru1");
    EXPECT_EQ(f["properties"]["to"], "pyongyang");
    EXPECT_EQ(f["geometry"]["type"], "LineString");
    EXPECT_EQ(f["geometry"]["coordinates"],
              (nlohmann::ordered_json{lon_lat(ru1), lon_lat(bend), lon_lat(mid), lon_lat(pyongyang)}))
        << "b reversed, the shared vertex at mid once";
    // Lines that do not meet: one part each, still in travel order.
    const LonLat off{mid.lon + 0.01, mid.lat};
    net.routes[1].line = {pyongyang, off};
    a = best_route(net, measures, no_files(), r, PathCriterion::distance);
    const auto g = route_json(net, a)["geometry"]["geometry"];
    EXPECT_EQ(g["type"], "MultiLineString");
    EXPECT_EQ(g["coordinates"], (nlohmann::ordered_json{{lon_lat(ru1), lon_lat(bend), lon_lat(mid)},
                                                        {lon_lat(off), lon_lat(pyongyang)}}));
}

// On the shipped network the path from Vladivostok to Pyongyang is one line from the one to
// the other, with every vertex of its routes.
TEST(BestRoute, ShippedPathGeometryRunsFromOriginToDestination) {
    InputPaths p;
    p.geodata = test::geodata_dir();
    const CheckedNetwork c = load_checked(p);
    AnalysisRequest r;
    r.from = "vladivostok";
    r.to = "pyongyang";
    const RouteAnswer a =
        best_route(c.net, measure_routes(c.net, SpeedTable::defaults()), p, r, PathCriterion::distance);
    const auto g = path_feature(c.net, a)["geometry"];
    ASSERT_EQ(g["type"], "LineString");
    std::size_t vertices = 1;
    for (std::size_t i : a.path.routes) vertices += c.net.routes[i].line.size() - 1;
    EXPECT_EQ(g["coordinates"].size(), vertices);
    const auto near = [](const nlohmann::ordered_json& xy, LonLat p) {
        return std::abs(xy[0].get<double>() - p.lon) < 0.02 && std::abs(xy[1].get<double>() - p.lat) < 0.02;
    };
    EXPECT_TRUE(near(g["coordinates"].front(), c.net.place("vladivostok").pos)) << g["coordinates"].front();
    EXPECT_TRUE(near(g["coordinates"].back(), c.net.place("pyongyang").pos)) << g["coordinates"].back();
}

TEST(MonthOf, TheRequestsMonthElseTheNetworksElseNone) {
    test::TempDir dir;
    InputPaths p;
    p.geodata = dir.path();
    AnalysisRequest r;
    EXPECT_FALSE(month_of(p, r)) << "no network.json: no month";
    test::write_json(dir / "network.json", {{"month", "2017-05"}});
    EXPECT_EQ(month_of(p, r)->text(), "2017-05");
    r.month = "2016-12";
    EXPECT_EQ(month_of(p, r)->text(), "2016-12");
    r.month = "none";
    EXPECT_FALSE(month_of(p, r));
    for (const char* bad : {"2017-13", "2017-02-01", "May"}) {
        r.month = bad;
        EXPECT_THROW(month_of(p, r), request_error) << bad;
    }
    test::write_json(dir / "network.json", {{"month", "2017-5"}});
    EXPECT_THROW(month_of(p, AnalysisRequest{}), input_error);
}

TEST(AnalyseQuestion, AnswersTheMonthAskedWithTheNetworksEvents) {
    test::TempDir dir;
    InputPaths p;
    p.geodata = dir.path();
    test::write_json(
        dir / "events.json",
        {{"events",
          {{{"name", "b_closes"}, {"changes", {{{"route", "b"}, {"action", "close"}, {"from", "2017-02-15"}}}}}}}});
    const Network net = small_network();
    AnalysisRequest r;
    r.from = "RU";
    r.to = "pyongyang";
    r.month = "2017-01";
    EXPECT_EQ(analyse_question(net, p, r).result.throughput, 25);
    r.month = "2017-02";  // b open 14 of 28 days: 10 t/month
    const Analysis feb = analyse_question(net, p, r);
    EXPECT_EQ(feb.result.throughput, 15);
    EXPECT_EQ(capacity_json(net, feb)["month"], "2017-02");
    r.month = "2017-03";
    EXPECT_EQ(analyse_question(net, p, r).result.throughput, 5);
}

// cn → dandong: a crude pipeline (100) and a cargo bridge (50); dandong → pyongyang: cargo rail (500).
Network crude_into_rail() {
    return NetBuilder()
        .place("cn", "CN")
        .place("dandong", "KP")
        .place("pyongyang", "KP")
        .route("pipe", "cn", "dandong", 100, {Mode::pipeline, false, {"crude_oil"}})
        .route("bridge", "cn", "dandong", 50, {Mode::bridge, false, {"cargo"}})
        .route("rail", "dandong", "pyongyang", 500, {Mode::rail, false, {"cargo"}})
        .build();
}

TEST(AnalyseQuestion, CommoditiesThatCannotSwapRoutesGetTheJointFlow) {
    const Network net = crude_into_rail();
    AnalysisRequest r;
    r.from = "CN";
    r.to = "pyongyang";
    const Analysis a = analyse_question(net, no_files(), r);
    ASSERT_TRUE(a.joint) << "crude off the pipeline cannot continue on the cargo railway";
    EXPECT_EQ(a.result.throughput, 50);  // the union max-flow would say 150
    EXPECT_TRUE(a.result.min_cut.empty());
    const auto j = capacity_json(net, a);
    EXPECT_EQ(j["by_commodity"]["cargo"], 50.0);
    EXPECT_EQ(j["binding"][0]["route"], "bridge");
    EXPECT_EQ(j["flows"].value("pipe", 0), 0);
    ASSERT_EQ(limits_of(a).size(), 1u);
    EXPECT_EQ(net.routes[limits_of(a)[0].index].id, "bridge");
    r.commodity = "cargo";  // one commodity: Boost's max-flow and its minimum cut
    const Analysis cargo = analyse_question(net, no_files(), r);
    EXPECT_FALSE(cargo.joint);
    EXPECT_EQ(cargo.result.throughput, 50);
    EXPECT_EQ(cut_ids(net, cargo.result.min_cut), std::vector<std::string>{"bridge"});
    r.commodity = "cargo,crude_oil";  // a list is answered jointly
    EXPECT_EQ(analyse_question(net, no_files(), r).result.throughput, 50);
}

// ru → kp → cn (cargo and coal) and ru → cn direct (cargo, 30); a rule lets RU's coal, and
// only coal, cross KP into CN.
Network transit_network() {
    Network net = test::ru_kp_cn({"cargo", "coal"});
    net.transits.push_back(test::via_kp_rule("RU", "CN", {"coal"}));
    return net;
}

Flow answer(const Network& net, const std::string& from, const std::string& to, const std::string& commodity,
            const std::string& transit = "") {
    AnalysisRequest r;
    r.from = from;
    r.to = to;
    r.commodity = commodity;
    r.transit = transit;
    return analyse_question(net, no_files(), r).result.throughput;
}

TEST(TransitRules, AThirdCountryCarriesOnlyWhatARuleLetsItCarry) {
    const Network net = transit_network();
    EXPECT_EQ(answer(net, "RU", "CN", "cargo"), 30);          // only the direct route
    EXPECT_EQ(answer(net, "RU", "CN", "cargo", "any"), 130);  // as drawn
    EXPECT_EQ(answer(net, "RU", "CN", "coal"), 100);          // the listed transit
    EXPECT_EQ(answer(net, "RU", "CN", ""), 130);              // coal through KP, cargo direct
    EXPECT_EQ(answer(net, "ru", "cn", "cargo"), 30);          // places: their countries' rule
    EXPECT_EQ(answer(net, "RU", "KP", "cargo"), 100);         // KP is no third country here
    AnalysisRequest bad;
    bad.transit = "some";
    EXPECT_THROW(analyse_question(net, no_files(), bad), request_error);
}

TEST(TransitRules, EveryCommodityAtOnceLeavesABarredRouteClosed) {
    // Cargo only in the whole network, so the plain max-flow answers, not the joint one; the
    // rule is for the other way.
    Network net = test::ru_kp_cn({"cargo"});
    net.transits.push_back(test::via_kp_rule("CN", "RU", {}));
    EXPECT_EQ(answer(net, "RU", "CN", ""), 30);
    EXPECT_EQ(answer(net, "RU", "CN", "", "any"), 130);
}

TEST(TransitRules, TheShippedNetworkSendsRussiasCargoToChinaOnlyAcrossTheBorder) {
    InputPaths p;
    p.geodata = test::geodata_dir();
    const CheckedNetwork c = load_checked(p);
    ASSERT_FALSE(c.net.transits.empty());
    AnalysisRequest r;
    r.from = "RU";
    r.to = "CN";
    r.commodity = "cargo";
    const Analysis a = analyse_question(c.net, p, r);
    EXPECT_GT(a.result.throughput, 0);
    for (std::size_t i = 0; i < c.net.routes.size(); ++i) {
        const Route& route = c.net.routes[i];
        const bool in_kp = c.net.places[c.net.from_index(route)].country == "KP" ||
                           c.net.places[c.net.to_index(route)].country == "KP";
        EXPECT_TRUE(!in_kp || a.result.route_flow[i] == 0) << route.id;
    }
    r.transit = "any";
    EXPECT_GE(analyse_question(c.net, p, r).result.throughput, a.result.throughput);
}

TEST(FindingLines, NotesThenTwentyFindingsThenACount) {
    Validation v;
    v.notes = {"land checks skipped"};
    for (int i = 0; i < 25; ++i) v.issues.push_back({{"routes.geojson", fmt::format("r{}", i), "capacity"}, "bad"});
    const auto lines = finding_lines(v, true);
    ASSERT_EQ(lines.size(), 1u + kMaxFindingLines + 1u);
    EXPECT_EQ(lines[0], "note: land checks skipped");
    EXPECT_EQ(lines[1].rfind("error: routes.geojson", 0), 0u) << lines[1];
    EXPECT_NE(lines.back().find("5 more"), std::string::npos);
    EXPECT_TRUE(refused(v, true));
    EXPECT_FALSE(refused(v, false));
}

}  // namespace
}  // namespace corridor
