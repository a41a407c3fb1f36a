// Max-flow: hand-checked cases, filters, errors, properties on random graphs, and the seed network.
#include "corridor/graph/flow.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "corridor/model/capacity.hpp"
#include "corridor/model/load.hpp"
#include "support/fixtures.hpp"
#include "support/network_builder.hpp"

namespace corridor {
namespace {

using test::NetBuilder;
using test::RouteSpec;

FlowQuery query(const std::string& from, const std::string& to) {
    FlowQuery q;
    q.from = from;
    q.to = to;
    return q;
}

FlowResult solve(const Network& net, const FlowQuery& q) {
    NetworkGraph ng = build_graph(net);
    return max_flow(ng, net, q);
}

std::vector<std::string> cut_routes(const Network& net, const FlowResult& r) {
    std::vector<std::string> ids;
    for (const CutItem& c : r.min_cut)
        if (!c.is_place) ids.push_back(net.routes[c.index].id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

Flow cut_sum(const FlowResult& r) {
    Flow s = 0;
    for (const CutItem& c : r.min_cut) s += c.capacity;
    return s;
}

Flow path_sum(const FlowResult& r) {
    Flow s = 0;
    for (const PathFlow& p : r.paths) s += p.flow;
    return s;
}

// The message of the infeasible_error max_flow throws; fails the test when it does not throw.
std::string refusal(const Network& net, const FlowQuery& q) {
    try {
        solve(net, q);
    } catch (const infeasible_error& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected an infeasible_error for " << q.from << " -> " << q.to;
    return {};
}

// ---------------------------------------------------------------------------------------------
// Tiny known cases.

// s->a 10, s->b 5, a->b 15, a->t 4, b->t 10: at most 10 + 5 leave s, but only 4 + 10 reach t.
Network diamond() {
    return NetBuilder()
        .place("s")
        .place("a")
        .place("b")
        .place("t")
        .route("s_a", "s", "a", 10)
        .route("s_b", "s", "b", 5)
        .route("a_b", "a", "b", 15)
        .route("a_t", "a", "t", 4)
        .route("b_t", "b", "t", 10)
        .build();
}

TEST(Flow, DiamondHasKnownCut) {
    const Network net = diamond();
    const FlowResult r = solve(net, query("s", "t"));
    EXPECT_EQ(r.throughput, 14);
    EXPECT_FALSE(r.passengers);
    EXPECT_EQ(cut_routes(net, r), (std::vector<std::string>{"a_t", "b_t"}));
    EXPECT_EQ(cut_sum(r), 14);
    ASSERT_EQ(r.route_flow.size(), 5u);
    EXPECT_EQ(r.route_flow[3], 4);   // a_t saturated
    EXPECT_EQ(r.route_flow[4], 10);  // b_t saturated
    EXPECT_EQ(r.route_flow[0] + r.route_flow[1], 14);
    EXPECT_EQ(path_sum(r), 14);
    for (std::size_t i = 1; i < r.paths.size(); ++i) {
        EXPECT_GE(r.paths[i - 1].flow, r.paths[i].flow) << "largest first";
    }
    EXPECT_EQ(r.place_out[0], 14);
    EXPECT_EQ(r.place_in[3], 14);
    EXPECT_EQ(r.place_in[1], r.place_out[1]);
    EXPECT_EQ(r.place_in[2], r.place_out[2]);
}

TEST(Flow, DiamondSameForEveryAlgorithm) {
    const Network net = diamond();
    NetworkGraph ng = build_graph(net);
    for (FlowAlgorithm a :
         {FlowAlgorithm::push_relabel, FlowAlgorithm::boykov_kolmogorov, FlowAlgorithm::edmonds_karp}) {
        FlowQuery q = query("s", "t");
        q.algorithm = a;
        const FlowResult r = max_flow(ng, net, q);
        EXPECT_EQ(r.throughput, 14);
        EXPECT_EQ(cut_routes(net, r), (std::vector<std::string>{"a_t", "b_t"}));
    }
}

TEST(Flow, TwoWayRouteCarriesAgainstItsDrawnDirection) {
    // a -- b -- c drawn from a to c; both two-way; the query runs c -> a.
    const RouteSpec both{Mode::rail, true, {"cargo"}};
    const Network net = NetBuilder()
                            .place("a")
                            .place("b")
                            .place("c")
                            .route("ab", "a", "b", 30, both)
                            .route("bc", "b", "c", 20, both)
                            .build();
    const FlowResult r = solve(net, query("c", "a"));
    EXPECT_EQ(r.throughput, 20);
    EXPECT_EQ(cut_routes(net, r), (std::vector<std::string>{"bc"}));
    EXPECT_EQ(r.route_flow, (std::vector<Flow>{20, 20}));
    EXPECT_EQ(r.route_backward, (std::vector<bool>{true, true}));
    ASSERT_EQ(r.paths.size(), 1u);
    EXPECT_EQ(r.paths[0].routes, (std::vector<std::size_t>{1, 0}));
    EXPECT_EQ(r.paths[0].flow, 20);

    // and forward too, with the forward flag
    const FlowResult f = solve(net, query("a", "c"));
    EXPECT_EQ(f.throughput, 20);
    EXPECT_EQ(f.route_backward, (std::vector<bool>{false, false}));
    EXPECT_EQ(f.paths.at(0).routes, (std::vector<std::size_t>{0, 1}));
}

TEST(Flow, OneWayRouteDoesNotRunBackwards) {
    const Network net = NetBuilder().place("a").place("b").route("ab", "a", "b", 30).build();
    EXPECT_EQ(solve(net, query("a", "b")).throughput, 30);
    EXPECT_NE(refusal(net, query("b", "a")).find("no path"), std::string::npos);
}

TEST(Flow, PlaceCapacityIsTheBottleneck) {
    const Network net = NetBuilder()
                            .place("a")
                            .place("port", "KP", 30.0)
                            .place("b")
                            .route("a_port", "a", "port", 100)
                            .route("port_b", "port", "b", 100)
                            .build();
    const FlowResult r = solve(net, query("a", "b"));
    EXPECT_EQ(r.throughput, 30);
    ASSERT_EQ(r.min_cut.size(), 1u);
    EXPECT_TRUE(r.min_cut[0].is_place);
    EXPECT_EQ(r.min_cut[0].index, 1u);
    EXPECT_EQ(r.min_cut[0].capacity, 30);
    EXPECT_EQ(r.place_in[1], 30);
    EXPECT_EQ(r.place_out[1], 30);
    ASSERT_EQ(r.paths.size(), 1u);
    EXPECT_EQ(r.paths[0].routes, (std::vector<std::size_t>{0, 1}));
}

TEST(Flow, PlaceCapacityLimitsAnOriginAndADestination) {
    const Network net = NetBuilder()
                            .place("a", "RU", 7.0)
                            .place("b", "KP", 5.0)
                            .place("c")
                            .route("ab", "a", "b", 100)
                            .route("bc", "b", "c", 100)
                            .route("ac", "a", "c", 100)
                            .build();
    // a lets out at most 7
    FlowResult r = solve(net, query("a", "c"));
    EXPECT_EQ(r.throughput, 7);
    ASSERT_EQ(r.min_cut.size(), 1u);
    EXPECT_TRUE(r.min_cut[0].is_place);
    EXPECT_EQ(r.min_cut[0].index, 0u);
    // b takes in at most 5
    r = solve(net, query("a", "b"));
    EXPECT_EQ(r.throughput, 5);
    ASSERT_EQ(r.min_cut.size(), 1u);
    EXPECT_TRUE(r.min_cut[0].is_place);
    EXPECT_EQ(r.min_cut[0].index, 1u);
}

TEST(Flow, CountryCodeEndpoints) {
    const Network net = NetBuilder()
                            .place("vlad", "RU")
                            .place("khasan", "RU")
                            .place("rajin", "KP")
                            .place("pyong", "KP")
                            .place("dandong", "CN")
                            .route("v_r", "vlad", "rajin", 10)
                            .route("k_r", "khasan", "rajin", 20)
                            .route("r_p", "rajin", "pyong", 100)
                            .route("d_p", "dandong", "pyong", 50)
                            .build();
    EXPECT_EQ(resolve_endpoint(net, "RU"), (std::vector<std::size_t>{0, 1}));
    EXPECT_EQ(resolve_endpoint(net, "KP"), (std::vector<std::size_t>{2, 3}));
    EXPECT_EQ(resolve_endpoint(net, "rajin"), (std::vector<std::size_t>{2}));

    // every RU place is an origin (super-source)
    FlowResult r = solve(net, query("RU", "pyong"));
    EXPECT_EQ(r.throughput, 30);
    EXPECT_EQ(cut_routes(net, r), (std::vector<std::string>{"k_r", "v_r"}));
    EXPECT_EQ(r.paths.size(), 2u);
    EXPECT_EQ(path_sum(r), 30);

    r = solve(net, query("RU", "KP"));
    EXPECT_EQ(r.throughput, 30);

    r = solve(net, query("CN", "KP"));
    EXPECT_EQ(r.throughput, 50);

    // every RU or CN place reaches pyong; KP places hold both ends
    EXPECT_NE(refusal(net, query("KP", "rajin")).find("rajin"), std::string::npos);
}

TEST(Flow, CommodityFilter) {
    const Network net = NetBuilder()
                            .place("a")
                            .place("m")
                            .place("b")
                            .route("coal_line", "a", "b", 10, {Mode::rail, false, {"coal"}})
                            .route("a_m", "a", "m", 20, {Mode::road, false, {"cargo", "coal"}})
                            .route("m_b", "m", "b", 20, {Mode::road, false, {"cargo"}})
                            .build();
    FlowQuery q = query("a", "b");
    EXPECT_EQ(solve(net, q).throughput, 30);
    q.commodity = "coal";
    FlowResult r = solve(net, q);
    EXPECT_EQ(r.throughput, 10) << "m_b does not list coal";
    EXPECT_EQ(r.route_flow, (std::vector<Flow>{10, 0, 0}));
    EXPECT_EQ(cut_routes(net, r), (std::vector<std::string>{"coal_line"}));
    q.commodity = "cargo";
    r = solve(net, q);
    EXPECT_EQ(r.throughput, 20);
    EXPECT_EQ(r.route_flow[0], 0) << "the coal line does not list cargo";

    // a scenario may change a route's list
    q.commodities[2] = {"coal"};
    q.commodity = "coal";
    EXPECT_EQ(solve(net, q).throughput, 30);
}

TEST(Flow, ModeFilter) {
    const Network net = NetBuilder()
                            .place("a")
                            .place("b")
                            .route("rail", "a", "b", 10, {Mode::rail, false, {"cargo"}})
                            .route("road", "a", "b", 5, {Mode::road, false, {"cargo"}})
                            .route("ferry", "a", "b", 3, {Mode::ferry, false, {"cargo"}})
                            .build();
    FlowQuery q = query("a", "b");
    q.modes = {Mode::rail};
    EXPECT_EQ(solve(net, q).throughput, 10);
    q.modes = {Mode::road, Mode::ferry};
    EXPECT_EQ(solve(net, q).throughput, 8);
    q.modes = {Mode::pipeline};
    const std::string msg = refusal(net, q);
    EXPECT_NE(msg.find("no path"), std::string::npos) << msg;
    EXPECT_NE(msg.find("pipeline"), std::string::npos) << msg;
}

TEST(Flow, CrudeOilOnlyByPipelineOrTanker) {
    const Network net = NetBuilder()
                            .place("a")
                            .place("b")
                            .route("rail", "a", "b", 50, {Mode::rail, false, {"crude_oil", "cargo"}})
                            .route("pipe", "a", "b", 7, {Mode::pipeline, false, {"crude_oil"}})
                            .route("ship", "a", "b", 4, {Mode::tanker, false, {"crude_oil"}})
                            .route("truck", "a", "b", 9, {Mode::road, false, {"crude_oil"}})
                            .build();
    FlowQuery q = query("a", "b");
    q.commodity = "crude_oil";
    const FlowResult r = solve(net, q);
    EXPECT_EQ(r.throughput, 11);
    EXPECT_EQ(r.route_flow, (std::vector<Flow>{0, 7, 4, 0}));
    EXPECT_EQ(cut_routes(net, r), (std::vector<std::string>{"pipe", "ship"}));

    const MonthlyCapacity c = monthly_capacity(net.routes[0].figures);
    EXPECT_FALSE(carries(net.routes[0], c, "crude_oil"));
    EXPECT_TRUE(carries(net.routes[0], c, "cargo"));
    EXPECT_TRUE(carries(net.routes[1], monthly_capacity(net.routes[1].figures), "crude_oil"));
    EXPECT_TRUE(carries(net.routes[2], monthly_capacity(net.routes[2].figures), "crude_oil"));
    EXPECT_FALSE(carries(net.routes[3], monthly_capacity(net.routes[3].figures), "crude_oil"));

    // only a rail line listing crude oil: nothing carries it
    const Network rail_only =
        NetBuilder().place("a").place("b").route("rail", "a", "b", 50, {Mode::rail, false, {"crude_oil"}}).build();
    EXPECT_NE(refusal(rail_only, q).find("crude_oil"), std::string::npos);
}

TEST(Flow, PassengersUsePaxFigures) {
    Figures ferry;
    ferry.payload_t = 1000;
    ferry.trips_mo = 6;
    ferry.pax_trip = 200;
    Figures bus;
    bus.pax_trip = 40;
    bus.trips_mo = 10;
    bus.capacity = 5;  // tonnes: must not count
    Figures freight;
    freight.capacity = 9000;
    const Network net = NetBuilder()
                            .place("vlad")
                            .place("rajin", "KP")
                            .route("ferry", "vlad", "rajin", ferry, {Mode::ferry, true, {"cargo", "passengers"}})
                            .route("bus", "vlad", "rajin", bus, {Mode::road, false, {"passengers"}})
                            // lists passengers but has no pax figures: carries none
                            .route("freight", "vlad", "rajin", freight, {Mode::rail, false, {"cargo", "passengers"}})
                            .build();
    FlowQuery q = query("vlad", "rajin");
    q.commodity = "passengers";
    const FlowResult r = solve(net, q);
    EXPECT_TRUE(r.passengers);
    EXPECT_EQ(r.throughput, 1200 + 400);
    EXPECT_EQ(r.route_flow, (std::vector<Flow>{1200, 400, 0}));
    EXPECT_EQ(cut_sum(r), 1600);

    q.commodity = "cargo";
    const FlowResult t = solve(net, q);
    EXPECT_FALSE(t.passengers);
    EXPECT_EQ(t.throughput, 6000 + 9000);

    q.from = "rajin";
    q.to = "vlad";
    q.commodity = "passengers";
    EXPECT_EQ(solve(net, q).throughput, 1200) << "only the ferry runs both ways";
}

TEST(Flow, ScenarioCapacitiesReplaceTheFigures) {
    const Network net = diamond();
    FlowQuery q = query("s", "t");
    for (const Route& r : net.routes) q.capacities.push_back(monthly_capacity(r.figures));
    q.capacities[3].tonnes.value = 0;  // a_t closed
    const FlowResult r = solve(net, q);
    EXPECT_EQ(r.throughput, 10);
    EXPECT_EQ(r.route_flow[3], 0);
    EXPECT_EQ(cut_routes(net, r), (std::vector<std::string>{"b_t"}));
}

TEST(Flow, GraphIsReusableAcrossQueries) {
    const Network net = diamond();
    NetworkGraph ng = build_graph(net);
    EXPECT_EQ(max_flow(ng, net, query("s", "t")).throughput, 14);
    EXPECT_THROW(max_flow(ng, net, query("t", "s")), infeasible_error);
    EXPECT_EQ(max_flow(ng, net, query("a", "t")).throughput, 14);
    EXPECT_EQ(max_flow(ng, net, query("s", "b")).throughput, 15);
    EXPECT_EQ(max_flow(ng, net, query("s", "t")).throughput, 14);
}

// ---------------------------------------------------------------------------------------------
// Errors.

TEST(FlowErrors, UnknownPlaceOrCountry) {
    const Network net = diamond();
    std::string msg = refusal(net, query("nowhere", "t"));
    EXPECT_NE(msg.find("nowhere"), std::string::npos) << msg;
    msg = refusal(net, query("s", "elsewhere"));
    EXPECT_NE(msg.find("elsewhere"), std::string::npos) << msg;
    msg = refusal(net, query("XX", "t"));
    EXPECT_NE(msg.find("XX"), std::string::npos) << msg;
    EXPECT_THROW(resolve_endpoint(net, "CN"), infeasible_error);
    EXPECT_THROW(resolve_endpoint(net, ""), infeasible_error);
}

TEST(FlowErrors, CommodityNoRouteCarries) {
    const Network net = diamond();
    FlowQuery q = query("s", "t");
    q.commodity = "unobtainium";
    const std::string msg = refusal(net, q);
    EXPECT_NE(msg.find("unobtainium"), std::string::npos) << msg;
}

TEST(FlowErrors, DisconnectedPlaces) {
    const Network net = NetBuilder()
                            .place("a")
                            .place("b")
                            .place("c")
                            .place("d")
                            .route("ab", "a", "b", 10)
                            .route("cd", "c", "d", 10)
                            .build();
    const std::string msg = refusal(net, query("a", "d"));
    EXPECT_NE(msg.find("no path"), std::string::npos) << msg;
}

TEST(FlowErrors, ZeroCapacityIsNoPath) {
    const Network net = NetBuilder().place("a").place("b").route("ab", "a", "b", 0).build();
    const std::string msg = refusal(net, query("a", "b"));
    EXPECT_NE(msg.find("no path"), std::string::npos) << msg;
}

TEST(FlowErrors, OriginIsDestination) {
    const Network net = diamond();
    EXPECT_THROW(solve(net, query("s", "s")), infeasible_error);
    const std::string msg = refusal(net, query("RU", "a"));  // a is an RU place
    EXPECT_NE(msg.find("place a "), std::string::npos) << msg;
}

// Capacities each within bounds whose sum the solver cannot count are refused, never
// answered with a wrapped-around number.
TEST(FlowErrors, CapacitiesTooLargeToAddUpAreRefused) {
    NetBuilder b;
    b.place("a").place("b");
    for (int i = 0; i < 3000; ++i) b.route(fmt::format("r{}", i), "a", "b", 1e18);  // each held at 10^15
    const Network net = b.build();
    try {
        solve(net, query("a", "b"));
        ADD_FAILURE() << "no error";
    } catch (const infeasible_error& e) {
        ADD_FAILURE() << "not infeasible, too large: " << e.what();
    } catch (const error& e) {
        EXPECT_NE(std::string(e.what()).find("capacities too large"), std::string::npos) << e.what();
    }
    NetBuilder small;  // 1,000 of them add up within range: answered exactly
    small.place("a").place("b");
    for (int i = 0; i < 1000; ++i) small.route(fmt::format("r{}", i), "a", "b", 1e18);
    EXPECT_EQ(solve(small.build(), query("a", "b")).throughput, 1000 * kMaxCapacity);
}

// The message of the error max_flow throws for a query outside a graph's terminals: a
// corridor::error, never an infeasible_error (which reads as "no flow") or a zero.
std::string outside_terminals(NetworkGraph& ng, const Network& net, const FlowQuery& q) {
    try {
        const FlowResult r = max_flow(ng, net, q);
        ADD_FAILURE() << "expected an error for " << q.from << " -> " << q.to << ", got throughput " << r.throughput;
    } catch (const infeasible_error& e) {
        ADD_FAILURE() << "expected a plain error, got infeasible_error: " << e.what();
    } catch (const error& e) {
        return e.what();
    }
    return {};
}

TEST(FlowTerminals, QueryOutsideTheTerminalsIsAnError) {
    const Network net = diamond();
    NetworkGraph ng = build_graph(net, query_terminals(net, "s", "t"));
    EXPECT_EQ(max_flow(ng, net, query("s", "t")).throughput, 14);
    std::string msg = outside_terminals(ng, net, query("a", "t"));  // a has no source arc
    EXPECT_NE(msg.find("source arc for place a "), std::string::npos) << msg;
    msg = outside_terminals(ng, net, query("s", "b"));  // b has no sink arc
    EXPECT_NE(msg.find("sink arc for place b "), std::string::npos) << msg;
    msg = outside_terminals(ng, net, query("t", "s"));  // the reverse query: t has a (closed) source arc, s no sink arc
    EXPECT_NE(msg.find("sink arc for place s "), std::string::npos) << msg;
    // the graph still answers its own query after the refusals
    EXPECT_EQ(max_flow(ng, net, query("s", "t")).throughput, 14);

    // a country's places all need their arcs: s alone is not RU
    Network two = NetBuilder()
                      .place("s", "RU")
                      .place("r", "RU")
                      .place("t", "KP")
                      .route("s_t", "s", "t", 5)
                      .route("r_t", "r", "t", 7)
                      .build();
    NetworkGraph only_s = build_graph(two, query_terminals(two, "s", "KP"));
    msg = outside_terminals(only_s, two, query("RU", "KP"));
    EXPECT_NE(msg.find("source arc for place r "), std::string::npos) << msg;
    NetworkGraph ru = build_graph(two, query_terminals(two, "RU", "KP"));
    EXPECT_EQ(max_flow(ru, two, query("RU", "KP")).throughput, 12);
    EXPECT_EQ(max_flow(ru, two, query("r", "t")).throughput, 7) << "a subset of the terminals is fine";

    // no terminals at all
    NetworkGraph none = build_graph(net, Terminals{});
    msg = outside_terminals(none, net, query("s", "t"));
    EXPECT_NE(msg.find("source arc for place s "), std::string::npos) << msg;
    // unknown endpoints are still infeasible, before any graph is built
    EXPECT_THROW(query_terminals(net, "nowhere", "t"), infeasible_error);
    EXPECT_THROW(query_terminals(net, "s", "XX"), infeasible_error);
}

// ---------------------------------------------------------------------------------------------
// Properties on random graphs.

unsigned long long test_seed() {
    if (const char* s = std::getenv("CORRIDOR_TEST_SEED"); s != nullptr && *s != '\0')
        return std::strtoull(s, nullptr, 10);
    return 20240611ULL;
}

struct RandomCase {
    Network net;
    FlowQuery q;
    std::vector<Flow> cap;  // per route
};

RandomCase random_case(std::mt19937_64& rng) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const char* countries[] = {"AA", "BB", "CC"};
    RandomCase c;
    NetBuilder b;
    const int n = pick(5, 30);
    std::vector<std::string> country(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        country[static_cast<std::size_t>(i)] = countries[pick(0, 2)];
        std::optional<double> cap;
        if (pick(0, 4) == 0) cap = pick(0, 100);
        b.place(fmt::format("p{}", i), country[static_cast<std::size_t>(i)], cap);
    }
    const int m = pick(0, 3 * n);
    for (int k = 0; k < m; ++k) {
        const int from = pick(0, n - 1);
        int to = pick(0, n - 2);
        if (to >= from) ++to;
        const Flow cap = pick(0, 100);
        c.cap.push_back(cap);
        b.route(fmt::format("r{}", k), fmt::format("p{}", from), fmt::format("p{}", to), static_cast<double>(cap),
                {Mode::rail, pick(0, 1) == 1, {"cargo"}});
    }
    c.net = b.build();

    // endpoints: place -> place mostly, sometimes countries
    const int kind = pick(0, 9);
    const int o = pick(0, n - 1);
    int d = pick(0, n - 2);
    if (d >= o) ++d;
    c.q.from = "p" + std::to_string(o);
    c.q.to = "p" + std::to_string(d);
    const std::string& co = country[static_cast<std::size_t>(o)];
    const std::string& cd = country[static_cast<std::size_t>(d)];
    if (kind == 0 && co != cd) {
        c.q.from = co;
        c.q.to = cd;
    } else if (kind == 1 && co != cd) {
        c.q.from = co;
    } else if (kind == 2 && co != cd) {
        c.q.to = cd;
    }
    return c;
}

// Independent reachability: from any origin to any destination over routes with capacity > 0
// (both ways when two-way), through places whose own capacity (if any) is > 0. Routes and
// places flagged in `removed` are left out.
bool connected(const Network& net, const std::vector<Flow>& cap, const std::vector<std::size_t>& from,
               const std::vector<std::size_t>& to, const std::vector<bool>& removed_route = {},
               const std::vector<bool>& removed_place = {}) {
    const std::size_t n = net.places.size();
    auto passable = [&](std::size_t i) {
        if (!removed_place.empty() && removed_place[i]) return false;
        return !net.places[i].capacity || *net.places[i].capacity > 0;
    };
    std::vector<std::vector<std::size_t>> adj(n);
    for (std::size_t r = 0; r < net.routes.size(); ++r) {
        if (cap[r] <= 0 || (!removed_route.empty() && removed_route[r])) continue;
        const std::size_t a = *net.place_index(net.routes[r].from_id);
        const std::size_t b = *net.place_index(net.routes[r].to_id);
        adj[a].push_back(b);
        if (net.routes[r].two_way) adj[b].push_back(a);
    }
    std::vector<bool> seen(n, false);  // reached and passed through
    std::deque<std::size_t> queue;
    for (std::size_t i : from)
        if (passable(i) && !seen[i]) {
            seen[i] = true;
            queue.push_back(i);
        }
    while (!queue.empty()) {
        const std::size_t u = queue.front();
        queue.pop_front();
        for (std::size_t v : adj[u])
            if (!seen[v] && passable(v)) {
                seen[v] = true;
                queue.push_back(v);
            }
    }
    return std::any_of(to.begin(), to.end(), [&](std::size_t i) { return seen[i]; });
}

bool contains(const std::vector<std::size_t>& v, std::size_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// Checks every property of one solved random case.
void check_result(const RandomCase& c, const FlowResult& r) {
    const Network& net = c.net;
    const auto from = resolve_endpoint(net, c.q.from);
    const auto to = resolve_endpoint(net, c.q.to);
    ASSERT_EQ(r.route_flow.size(), net.routes.size());
    ASSERT_EQ(r.route_backward.size(), net.routes.size());
    ASSERT_EQ(r.place_in.size(), net.places.size());
    ASSERT_EQ(r.place_out.size(), net.places.size());
    EXPECT_GT(r.throughput, 0);
    EXPECT_FALSE(r.passengers);

    // the cut's capacity equals the flow
    EXPECT_EQ(cut_sum(r), r.throughput);
    // and it is a cut: without its routes and places no origin reaches a destination
    std::vector<bool> removed_route(net.routes.size(), false), removed_place(net.places.size(), false);
    for (const CutItem& ci : r.min_cut) {
        if (ci.is_place) {
            ASSERT_LT(ci.index, net.places.size());
            ASSERT_TRUE(net.places[ci.index].capacity.has_value());
            EXPECT_EQ(ci.capacity, static_cast<Flow>(*net.places[ci.index].capacity));
            removed_place[ci.index] = true;
        } else {
            ASSERT_LT(ci.index, net.routes.size());
            EXPECT_EQ(ci.capacity, c.cap[ci.index]);
            removed_route[ci.index] = true;
        }
        EXPECT_GT(ci.capacity, 0);
    }
    EXPECT_FALSE(connected(net, c.cap, from, to, removed_route, removed_place)) << "the min cut does not cut";

    // capacities hold
    for (std::size_t k = 0; k < net.routes.size(); ++k) {
        EXPECT_GE(r.route_flow[k], 0);
        EXPECT_LE(r.route_flow[k], c.cap[k]) << net.routes[k].id;
        if (r.route_backward[k]) {
            EXPECT_TRUE(net.routes[k].two_way) << net.routes[k].id << " runs backwards one-way";
        }
    }
    // conservation at transit places; what origins send and destinations receive is the throughput
    Flow sent = 0, received = 0;
    for (std::size_t i = 0; i < net.places.size(); ++i) {
        const bool origin = contains(from, i), dest = contains(to, i);
        if (origin) sent += r.place_out[i] - r.place_in[i];
        if (dest) received += r.place_in[i] - r.place_out[i];
        if (!origin && !dest) {
            EXPECT_EQ(r.place_in[i], r.place_out[i]) << "conservation at " << net.places[i].id;
            if (net.places[i].capacity) {
                EXPECT_LE(static_cast<double>(r.place_in[i]), *net.places[i].capacity);
            }
        }
    }
    EXPECT_EQ(sent, r.throughput);
    EXPECT_EQ(received, r.throughput);

    // paths: sum to the throughput, run from an origin to a destination along joined routes
    EXPECT_EQ(path_sum(r), r.throughput);
    std::vector<Flow> on_route(net.routes.size(), 0);
    for (std::size_t p = 0; p < r.paths.size(); ++p) {
        const PathFlow& path = r.paths[p];
        SCOPED_TRACE("path " + std::to_string(p));
        EXPECT_GT(path.flow, 0);
        if (p > 0) {
            EXPECT_GE(r.paths[p - 1].flow, path.flow) << "largest first";
        }
        ASSERT_FALSE(path.routes.empty());
        std::optional<std::size_t> at;
        for (std::size_t k : path.routes) {
            ASSERT_LT(k, net.routes.size());
            on_route[k] += path.flow;
            std::size_t a = *net.place_index(net.routes[k].from_id), b = *net.place_index(net.routes[k].to_id);
            if (r.route_backward[k]) std::swap(a, b);
            if (at) {
                EXPECT_EQ(*at, a) << "route " << net.routes[k].id << " does not start where the last ended";
            } else {
                EXPECT_TRUE(contains(from, a)) << "path starts at " << net.places[a].id << ", not an origin";
            }
            at = b;
        }
        EXPECT_TRUE(contains(to, *at)) << "path ends at " << net.places[*at].id << ", not a destination";
    }
    for (std::size_t k = 0; k < net.routes.size(); ++k)
        EXPECT_LE(on_route[k], r.route_flow[k]) << "paths overload " << net.routes[k].id;
}

TEST(FlowProperties, RandomGraphs) {
    const unsigned long long seed = test_seed();
    SCOPED_TRACE("CORRIDOR_TEST_SEED=" + std::to_string(seed));
    std::mt19937_64 rng(seed);
    int feasible = 0, infeasible = 0;
    for (int t = 0; t < 300; ++t) {
        RandomCase c = random_case(rng);
        SCOPED_TRACE("graph " + std::to_string(t) + ": " + std::to_string(c.net.places.size()) + " places, " +
                     std::to_string(c.net.routes.size()) + " routes, " + c.q.from + " -> " + c.q.to);
        NetworkGraph ng = build_graph(c.net);
        const bool expect_path =
            connected(c.net, c.cap, resolve_endpoint(c.net, c.q.from), resolve_endpoint(c.net, c.q.to));
        std::optional<Flow> first;
        for (FlowAlgorithm a :
             {FlowAlgorithm::push_relabel, FlowAlgorithm::boykov_kolmogorov, FlowAlgorithm::edmonds_karp}) {
            SCOPED_TRACE("algorithm " + std::to_string(static_cast<int>(a)));
            c.q.algorithm = a;
            if (!expect_path) {
                try {
                    max_flow(ng, c.net, c.q);
                    ADD_FAILURE() << "expected infeasible_error: no path in the test's BFS";
                } catch (const infeasible_error& e) {
                    EXPECT_NE(std::string(e.what()).find("no path"), std::string::npos) << e.what();
                }
                continue;
            }
            FlowResult r;
            try {
                r = max_flow(ng, c.net, c.q);
            } catch (const infeasible_error& e) {
                ADD_FAILURE() << "unexpected infeasible_error: " << e.what();
                continue;
            }
            if (first) {
                EXPECT_EQ(r.throughput, *first) << "algorithms disagree";
            } else {
                first = r.throughput;
            }
            check_result(c, r);
        }
        (expect_path ? feasible : infeasible)++;
        if (HasFailure()) break;  // one graph's report is enough
    }
    if (!HasFailure()) {
        EXPECT_GT(feasible, 50);
        EXPECT_GT(infeasible, 5);
    }
}

// Two results of the same query are the same in every part: throughput, cut, flows, paths.
void expect_same(const FlowResult& a, const FlowResult& b) {
    EXPECT_EQ(a.throughput, b.throughput);
    EXPECT_EQ(a.passengers, b.passengers);
    ASSERT_EQ(a.min_cut.size(), b.min_cut.size());
    for (std::size_t k = 0; k < a.min_cut.size(); ++k) {
        EXPECT_EQ(a.min_cut[k].is_place, b.min_cut[k].is_place);
        EXPECT_EQ(a.min_cut[k].index, b.min_cut[k].index);
        EXPECT_EQ(a.min_cut[k].capacity, b.min_cut[k].capacity);
    }
    EXPECT_EQ(a.route_flow, b.route_flow);
    EXPECT_EQ(a.route_backward, b.route_backward);
    EXPECT_EQ(a.place_in, b.place_in);
    EXPECT_EQ(a.place_out, b.place_out);
    ASSERT_EQ(a.paths.size(), b.paths.size());
    for (std::size_t k = 0; k < a.paths.size(); ++k) {
        EXPECT_EQ(a.paths[k].flow, b.paths[k].flow) << "path " << k;
        EXPECT_EQ(a.paths[k].routes, b.paths[k].routes) << "path " << k;
    }
}

// The result of a query, or the message of its infeasible_error.
struct Outcome {
    std::optional<FlowResult> result;
    std::string refusal;
};
Outcome outcome(NetworkGraph& ng, const Network& net, const FlowQuery& q) {
    try {
        return {max_flow(ng, net, q), ""};
    } catch (const infeasible_error& e) {
        return {std::nullopt, e.what()};
    }
}

void expect_same(const Outcome& a, const Outcome& b, FlowAlgorithm algorithm) {
    ASSERT_EQ(a.result.has_value(), b.result.has_value()) << a.refusal << b.refusal;
    EXPECT_EQ(a.refusal, b.refusal);
    if (!a.result) return;
    if (algorithm != FlowAlgorithm::push_relabel) return expect_same(*a.result, *b.result);
    EXPECT_EQ(a.result->throughput, b.result->throughput);
    ASSERT_EQ(a.result->min_cut.size(), b.result->min_cut.size());
    for (std::size_t k = 0; k < a.result->min_cut.size(); ++k) {
        EXPECT_EQ(a.result->min_cut[k].is_place, b.result->min_cut[k].is_place);
        EXPECT_EQ(a.result->min_cut[k].index, b.result->min_cut[k].index);
        EXPECT_EQ(a.result->min_cut[k].capacity, b.result->min_cut[k].capacity);
    }
}

// A graph with the query's terminals only gives the same answers as one with every place's,
// and again after a scenario closes routes (one graph, several queries): the same in every
// part with Boykov-Kolmogorov (what the CLI runs) and Edmonds-Karp; with push-relabel, which
// times its global relabelling by the number of arcs, the same throughput and cut and a
// valid flow, whose paths may differ.
TEST(FlowTerminals, LeanGraphAnswersLikeTheFullGraph) {
    const unsigned long long seed = test_seed();
    SCOPED_TRACE("CORRIDOR_TEST_SEED=" + std::to_string(seed));
    std::mt19937_64 rng(seed + 1);
    int feasible = 0;
    for (int t = 0; t < 300; ++t) {
        RandomCase c = random_case(rng);
        SCOPED_TRACE("graph " + std::to_string(t) + ": " + std::to_string(c.net.places.size()) + " places, " +
                     std::to_string(c.net.routes.size()) + " routes, " + c.q.from + " -> " + c.q.to);
        NetworkGraph full = build_graph(c.net);
        NetworkGraph lean = build_graph(c.net, query_terminals(c.net, c.q.from, c.q.to));
        EXPECT_LT(boost::num_edges(lean.g), boost::num_edges(full.g));
        for (FlowAlgorithm a :
             {FlowAlgorithm::push_relabel, FlowAlgorithm::boykov_kolmogorov, FlowAlgorithm::edmonds_karp}) {
            SCOPED_TRACE("algorithm " + std::to_string(static_cast<int>(a)));
            FlowQuery q = c.q;
            q.algorithm = a;
            const Outcome want = outcome(full, c.net, q);
            const Outcome got = outcome(lean, c.net, q);
            expect_same(got, want, a);
            if (got.result) check_result(c, *got.result);
            feasible += want.result ? 1 : 0;
            // a scenario: every third route closed
            for (const Route& r : c.net.routes) q.capacities.push_back(monthly_capacity(r.figures));
            for (std::size_t k = 0; k < q.capacities.size(); k += 3) q.capacities[k].tonnes.value = 0;
            expect_same(outcome(lean, c.net, q), outcome(full, c.net, q), a);
        }
        if (HasFailure()) break;
    }
    EXPECT_GT(feasible, 150);
}

// ---------------------------------------------------------------------------------------------
// The seed network.

class FlowSeed : public ::testing::Test {
protected:
    static void SetUpTestSuite() { net_ = new Network(load_network(default_files(test::geodata_dir()))); }
    static void TearDownTestSuite() {
        delete net_;
        net_ = nullptr;
    }
    static Network* net_;
};
Network* FlowSeed::net_ = nullptr;

TEST_F(FlowSeed, FerryAloneCarriesSixThousandTonnes) {
    FlowQuery q = query("vladivostok", "rajin");
    q.modes = {Mode::ferry};
    const FlowResult r = solve(*net_, q);
    EXPECT_EQ(r.throughput, 6000);
    ASSERT_EQ(r.min_cut.size(), 1u);
    EXPECT_EQ(net_->routes[r.min_cut[0].index].id, "mangyongbong_ferry");
}

TEST_F(FlowSeed, PassengersVladivostokToRajin) {
    FlowQuery q = query("vladivostok", "rajin");
    q.commodity = "passengers";
    const FlowResult r = solve(*net_, q);
    EXPECT_TRUE(r.passengers);
    EXPECT_EQ(r.throughput, 1200);
}

TEST_F(FlowSeed, RussiaToPyongyangEqualsItsCut) {
    NetworkGraph ng = build_graph(*net_);
    std::optional<Flow> first;
    for (FlowAlgorithm a :
         {FlowAlgorithm::push_relabel, FlowAlgorithm::boykov_kolmogorov, FlowAlgorithm::edmonds_karp}) {
        FlowQuery q = query("RU", "pyongyang");
        q.algorithm = a;
        const FlowResult r = max_flow(ng, *net_, q);
        EXPECT_GT(r.throughput, 0);
        EXPECT_EQ(cut_sum(r), r.throughput);
        EXPECT_EQ(path_sum(r), r.throughput);
        if (first) {
            EXPECT_EQ(r.throughput, *first);
        } else {
            first = r.throughput;
        }
    }
}

TEST_F(FlowSeed, LeanGraphAnswersLikeTheFullGraph) {
    NetworkGraph full = build_graph(*net_);
    std::vector<FlowQuery> queries{query("RU", "pyongyang"), query("vladivostok", "rajin"),
                                   query("RU", "KP"),        query("CN", "KP"),
                                   query("KP", "RU"),        query("pyongyang", "vladivostok")};
    FlowQuery ferry = query("vladivostok", "rajin");
    ferry.modes = {Mode::ferry};
    queries.push_back(ferry);
    FlowQuery pax = query("vladivostok", "rajin");
    pax.commodity = "passengers";
    queries.push_back(pax);
    int feasible = 0;
    for (FlowQuery q : queries) {
        SCOPED_TRACE(q.from + " -> " + q.to);
        NetworkGraph lean = build_graph(*net_, query_terminals(*net_, q.from, q.to));
        EXPECT_LT(boost::num_edges(lean.g), boost::num_edges(full.g));
        for (FlowAlgorithm a :
             {FlowAlgorithm::push_relabel, FlowAlgorithm::boykov_kolmogorov, FlowAlgorithm::edmonds_karp}) {
            SCOPED_TRACE("algorithm " + std::to_string(static_cast<int>(a)));
            q.algorithm = a;
            const Outcome want = outcome(full, *net_, q);
            feasible += want.result ? 1 : 0;
            expect_same(outcome(lean, *net_, q), want, a);
        }
    }
    EXPECT_GE(feasible, 3 * 5);
}

}  // namespace
}  // namespace corridor
