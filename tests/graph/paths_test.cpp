// Best single paths: shortest, fastest and widest; parallel routes, direction, closed routes, countries.
#include "corridor/graph/paths.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "corridor/graph/flow.hpp"
#include "corridor/graph/multicommodity.hpp"
#include "corridor/graph/network_graph.hpp"
#include "corridor/model/load.hpp"
#include "support/fixtures.hpp"

namespace corridor {
namespace {

// A network built in memory, with measures and capacities given by hand.
struct Fixture {
    Network net;
    std::vector<RouteMeasure> measures;
    std::vector<MonthlyCapacity> caps;

    void place(const std::string& id, const std::string& country, double lon, double lat) {
        net.places.push_back(
            Place{id, id, "", country, "city", "test", LonLat{lon, lat}, std::nullopt, "", {}, {}, {}, {}, {}, {}});
    }
    // A route with its length (km), hours and capacity (t/month).
    std::size_t route(const std::string& id, Mode mode, const std::string& from, const std::string& to, bool two_way,
                      double km, double hours, double tonnes) {
        Route r;
        r.id = id;
        r.name = id;
        r.mode = mode;
        r.from_id = from;
        r.to_id = to;
        r.two_way = two_way;
        r.commodities = {"cargo"};
        r.figures.capacity = tonnes;
        r.line = {LonLat{0.0, 0.0}, LonLat{0.1, 0.1}};
        net.routes.push_back(r);
        RouteMeasure m;
        m.length = Km{km};
        m.hours = Hours{hours};
        m.capacity = monthly_capacity(r.figures);
        measures.push_back(m);
        caps.push_back(m.capacity);
        return net.routes.size() - 1;
    }
    PathResult best(const std::string& from, const std::string& to, PathCriterion c) {
        net.build_index();
        const NetworkGraph g = build_graph(net);
        return best_path(g, net, measures, caps, from, to, c);
    }
    std::vector<std::string> ids(const PathResult& p) const {
        std::vector<std::string> out;
        for (auto i : p.routes) out.push_back(net.routes[i].id);
        return out;
    }
};

using Ids = std::vector<std::string>;

// From a to d:
//   short:  a -> d                 100 km, 10 h,  1,000 t  (short but slow rail)
//   fast:   a -> b -> d       80 + 80 km, 1 + 1 h, 2,000 t  (long but fast road)
//   wide:   a -> c -> d     200 + 200 km, 5 + 6 h, 50,000 / 40,000 t
Fixture three_ways() {
    Fixture f;
    f.place("a", "RU", 131.0, 43.0);
    f.place("b", "KP", 130.5, 42.5);
    f.place("c", "KP", 130.0, 42.0);
    f.place("d", "KP", 129.5, 41.5);
    f.route("short", Mode::rail, "a", "d", false, 100, 10, 1000);
    f.route("fast1", Mode::road, "a", "b", false, 80, 1, 2000);
    f.route("fast2", Mode::road, "b", "d", false, 80, 1, 2500);
    f.route("wide1", Mode::rail, "a", "c", false, 200, 5, 50000);
    f.route("wide2", Mode::rail, "c", "d", false, 200, 6, 40000);
    return f;
}

TEST(Path, ShortestFastestAndWidestDiffer) {
    Fixture f = three_ways();

    const PathResult by_km = f.best("a", "d", PathCriterion::distance);
    EXPECT_EQ(f.ids(by_km), (Ids{"short"}));
    EXPECT_DOUBLE_EQ(by_km.length.value, 100.0);
    EXPECT_DOUBLE_EQ(by_km.hours.value, 10.0);
    EXPECT_EQ(by_km.bottleneck, 1000);
    EXPECT_EQ(by_km.backward, (std::vector<bool>{false}));

    const PathResult by_time = f.best("a", "d", PathCriterion::time);
    EXPECT_EQ(f.ids(by_time), (Ids{"fast1", "fast2"}));
    EXPECT_DOUBLE_EQ(by_time.length.value, 160.0);
    EXPECT_DOUBLE_EQ(by_time.hours.value, 2.0);
    EXPECT_EQ(by_time.bottleneck, 2000);
    EXPECT_EQ(by_time.backward, (std::vector<bool>{false, false}));

    const PathResult by_cap = f.best("a", "d", PathCriterion::capacity);
    EXPECT_EQ(f.ids(by_cap), (Ids{"wide1", "wide2"}));
    EXPECT_DOUBLE_EQ(by_cap.length.value, 400.0);
    EXPECT_DOUBLE_EQ(by_cap.hours.value, 11.0);
    EXPECT_EQ(by_cap.bottleneck, 40000);  // the smaller of 50,000 and 40,000
}

TEST(Path, MeasuredLengthsAndSpeeds) {
    // Lengths from the geometry, hours from a speed table: a straight slow rail
    // against a fast road around two sides of a triangle.
    Network net;
    auto place = [&](const std::string& id, LonLat p) {
        net.places.push_back(Place{id, id, "", "KP", "city", "test", p, std::nullopt, "", {}, {}, {}, {}, {}, {}});
    };
    place("p", {127.0, 40.0});
    place("q", {128.0, 40.0});
    place("m", {127.5, 40.5});
    auto route = [&](const std::string& id, Mode mode, const std::string& from, const std::string& to, Polyline line,
                     double cap) {
        Route r;
        r.id = id;
        r.mode = mode;
        r.from_id = from;
        r.to_id = to;
        r.two_way = true;
        r.commodities = {"cargo"};
        r.figures.capacity = cap;
        r.line = std::move(line);
        net.routes.push_back(r);
    };
    route("rail", Mode::rail, "p", "q", {{127.0, 40.0}, {128.0, 40.0}}, 100);
    route("road1", Mode::road, "p", "m", {{127.0, 40.0}, {127.5, 40.5}}, 300);
    route("road2", Mode::road, "m", "q", {{127.5, 40.5}, {128.0, 40.0}}, 200);
    net.build_index();
    SpeedTable speeds = SpeedTable::defaults();
    speeds.kmh[Mode::rail] = 10;
    speeds.kmh[Mode::road] = 100;
    const auto measures = measure_routes(net, speeds);
    std::vector<MonthlyCapacity> caps;
    for (const auto& m : measures) caps.push_back(m.capacity);
    const NetworkGraph g = build_graph(net);

    const PathResult by_km = best_path(g, net, measures, caps, "p", "q", PathCriterion::distance);
    ASSERT_EQ(by_km.routes, (std::vector<std::size_t>{0}));
    EXPECT_DOUBLE_EQ(by_km.length.value, measures[0].length.value);
    EXPECT_NEAR(by_km.hours.value, measures[0].length.value / 10, 1e-9);
    EXPECT_EQ(by_km.bottleneck, 100);

    const PathResult by_time = best_path(g, net, measures, caps, "p", "q", PathCriterion::time);
    ASSERT_EQ(by_time.routes, (std::vector<std::size_t>{1, 2}));
    EXPECT_NEAR(by_time.length.value, measures[1].length.value + measures[2].length.value, 1e-9);
    EXPECT_GT(by_time.length.value, by_km.length.value);
    EXPECT_LT(by_time.hours.value, by_km.hours.value);
    EXPECT_EQ(by_time.bottleneck, 200);

    // Backwards, q to p, on the same two-way routes.
    const PathResult back = best_path(g, net, measures, caps, "q", "p", PathCriterion::capacity);
    ASSERT_EQ(back.routes, (std::vector<std::size_t>{2, 1}));
    EXPECT_EQ(back.backward, (std::vector<bool>{true, true}));
    EXPECT_EQ(back.bottleneck, 200);
}

TEST(Path, ParallelRoutesPickTheRightOne) {
    Fixture f;
    f.place("p", "KP", 127.0, 40.0);
    f.place("q", "KP", 128.0, 40.0);
    // distance picks "mid" (30 km), time picks "first" (1 h), capacity picks "last" (300 t).
    f.route("first", Mode::rail, "p", "q", false, 50, 1, 100);
    f.route("mid", Mode::rail, "p", "q", false, 30, 2, 200);
    f.route("last", Mode::rail, "p", "q", false, 40, 3, 300);

    const PathResult d = f.best("p", "q", PathCriterion::distance);
    EXPECT_EQ(f.ids(d), (Ids{"mid"}));
    EXPECT_DOUBLE_EQ(d.length.value, 30.0);
    EXPECT_EQ(d.bottleneck, 200);

    const PathResult t = f.best("p", "q", PathCriterion::time);
    EXPECT_EQ(f.ids(t), (Ids{"first"}));
    EXPECT_DOUBLE_EQ(t.hours.value, 1.0);
    EXPECT_EQ(t.bottleneck, 100);

    const PathResult c = f.best("p", "q", PathCriterion::capacity);
    EXPECT_EQ(f.ids(c), (Ids{"last"}));
    EXPECT_DOUBLE_EQ(c.length.value, 40.0);
    EXPECT_EQ(c.bottleneck, 300);
}

TEST(Path, ParallelRoutesInTheMiddleOfAPath) {
    Fixture f;
    f.place("p", "KP", 127.0, 40.0);
    f.place("q", "KP", 128.0, 40.0);
    f.place("r", "KP", 129.0, 40.0);
    f.route("pq", Mode::rail, "p", "q", false, 10, 1, 5000);
    f.route("qr_narrow_short", Mode::rail, "q", "r", false, 10, 1, 100);
    f.route("qr_wide_long", Mode::rail, "q", "r", false, 20, 2, 4000);
    EXPECT_EQ(f.ids(f.best("p", "r", PathCriterion::distance)), (Ids{"pq", "qr_narrow_short"}));
    const PathResult c = f.best("p", "r", PathCriterion::capacity);
    EXPECT_EQ(f.ids(c), (Ids{"pq", "qr_wide_long"}));
    EXPECT_EQ(c.bottleneck, 4000);
    EXPECT_DOUBLE_EQ(c.length.value, 30.0);
}

TEST(Path, TwoWayRoutesTraversedBackwards) {
    Fixture f;
    f.place("p", "KP", 127.0, 40.0);
    f.place("q", "KP", 128.0, 40.0);
    f.place("r", "KP", 129.0, 40.0);
    f.route("qp", Mode::rail, "q", "p", true, 10, 1, 500);  // drawn q -> p
    f.route("qr", Mode::rail, "q", "r", true, 10, 1, 700);  // drawn q -> r
    const PathResult path = f.best("p", "r", PathCriterion::distance);
    EXPECT_EQ(f.ids(path), (Ids{"qp", "qr"}));
    EXPECT_EQ(path.backward, (std::vector<bool>{true, false}));
    EXPECT_EQ(path.bottleneck, 500);

    const PathResult rev = f.best("r", "p", PathCriterion::time);
    EXPECT_EQ(f.ids(rev), (Ids{"qr", "qp"}));
    EXPECT_EQ(rev.backward, (std::vector<bool>{true, false}));
}

TEST(Path, OneWayRoutesAreNotTraversedBackwards) {
    Fixture f;
    f.place("p", "KP", 127.0, 40.0);
    f.place("q", "KP", 128.0, 40.0);
    f.route("qp", Mode::tanker, "q", "p", false, 10, 1, 500);
    EXPECT_EQ(f.ids(f.best("q", "p", PathCriterion::distance)), (Ids{"qp"}));
    EXPECT_THROW(f.best("p", "q", PathCriterion::distance), infeasible_error);
    EXPECT_THROW(f.best("p", "q", PathCriterion::capacity), infeasible_error);
}

TEST(Path, ClosedRoutesAreNotUsed) {
    Fixture f = three_ways();
    f.caps[0].tonnes.value = 0;  // close "short"
    const PathResult by_km = f.best("a", "d", PathCriterion::distance);
    EXPECT_EQ(f.ids(by_km), (Ids{"fast1", "fast2"}));
    EXPECT_DOUBLE_EQ(by_km.length.value, 160.0);

    f.caps[3].tonnes.value = 0;  // close "wide1"
    const PathResult by_cap = f.best("a", "d", PathCriterion::capacity);
    EXPECT_EQ(f.ids(by_cap), (Ids{"fast1", "fast2"}));
    EXPECT_EQ(by_cap.bottleneck, 2000);

    f.caps[1].tonnes.value = 0;  // close "fast1": nothing leaves a
    for (auto c : {PathCriterion::distance, PathCriterion::time, PathCriterion::capacity})
        EXPECT_THROW(f.best("a", "d", c), infeasible_error);
    // d can still be reached from c.
    EXPECT_EQ(f.ids(f.best("c", "d", PathCriterion::distance)), (Ids{"wide2"}));
}

TEST(Path, BadEndpointsAreInfeasible) {
    Fixture f = three_ways();
    EXPECT_THROW(f.best("nowhere", "d", PathCriterion::distance), infeasible_error);
    EXPECT_THROW(f.best("a", "ZZ", PathCriterion::distance), infeasible_error);
    EXPECT_THROW(f.best("a", "a", PathCriterion::distance), infeasible_error);
    EXPECT_THROW(f.best("b", "KP", PathCriterion::distance), infeasible_error);  // b is in KP
}

TEST(Path, CountryCodeEndpoints) {
    Fixture f = three_ways();
    f.place("e", "RU", 131.5, 43.5);
    f.route("e_d", Mode::rail, "e", "d", false, 20, 20, 300);
    // From any Russian place (a or e): e's own route is shortest, and narrowest.
    const PathResult by_km = f.best("RU", "d", PathCriterion::distance);
    EXPECT_EQ(f.ids(by_km), (Ids{"e_d"}));
    EXPECT_DOUBLE_EQ(by_km.length.value, 20.0);
    const PathResult by_time = f.best("RU", "d", PathCriterion::time);
    EXPECT_EQ(f.ids(by_time), (Ids{"fast1", "fast2"}));
    const PathResult by_cap = f.best("RU", "d", PathCriterion::capacity);
    EXPECT_EQ(f.ids(by_cap), (Ids{"wide1", "wide2"}));
    // To a country: the nearest KP place from a is b.
    const PathResult to_kp = f.best("a", "KP", PathCriterion::distance);
    EXPECT_EQ(f.ids(to_kp), (Ids{"fast1"}));
    EXPECT_DOUBLE_EQ(to_kp.length.value, 80.0);
}

TEST(Path, PlaceWithACapacityOfItsOwnLimitsTheBottleneck) {
    Fixture f = three_ways();
    f.net.places[2].capacity = 1500;  // c, on the wide path
    const PathResult by_cap = f.best("a", "d", PathCriterion::capacity);
    EXPECT_EQ(f.ids(by_cap), (Ids{"fast1", "fast2"}));  // 2,000 beats 1,500 through c
    EXPECT_EQ(by_cap.bottleneck, 2000);
    f.net.places[2].capacity = 10000;
    const PathResult wide = f.best("a", "d", PathCriterion::capacity);
    EXPECT_EQ(f.ids(wide), (Ids{"wide1", "wide2"}));
    EXPECT_EQ(wide.bottleneck, 10000);
}

TEST(Path, AmongTheWidestPathsTheShortest) {
    // Two paths of the same width (100 t/month) from a to d: the long one added first, and a
    // wider first leg on it (so a widest-path search alone may settle on it).
    Fixture f;
    f.place("a", "RU", 131.0, 43.0);
    f.place("b", "KP", 130.5, 42.5);
    f.place("c", "KP", 130.0, 42.0);
    f.place("d", "KP", 129.5, 41.5);
    f.route("long1", Mode::rail, "a", "c", false, 300, 3, 5000);
    f.route("long2", Mode::rail, "c", "d", false, 300, 3, 100);
    f.route("short1", Mode::rail, "a", "b", false, 20, 1, 100);
    f.route("short2", Mode::rail, "b", "d", false, 20, 1, 200);
    const PathResult p = f.best("a", "d", PathCriterion::capacity);
    EXPECT_EQ(p.bottleneck, 100);
    EXPECT_EQ(f.ids(p), (Ids{"short1", "short2"}));
}

// A rail chain a - b - c, 1520 mm from a to b and 1435 mm from b to c (each 1,000 t/month),
// and a dual-gauge branch b - d: flow changes gauge only at a transfer place.
Fixture gauge_chain(bool b_transfers) {
    Fixture f;
    f.place("a", "RU", 131.0, 43.0);
    f.place("b", "KP", 130.5, 42.5);
    f.place("c", "KP", 130.0, 42.0);
    f.place("d", "KP", 130.2, 42.2);
    if (b_transfers) {
        f.net.places[1].transfer = "gauge";
        f.net.places[1].capacity = 400.0;  // what it can change, t/month
    }
    f.route("a_b", Mode::rail, "a", "b", true, 10, 1, 1000);
    f.route("b_c", Mode::rail, "b", "c", true, 20, 1, 1000);
    f.route("b_d", Mode::rail, "b", "d", true, 5, 1, 700);
    f.net.routes[0].gauge = 1520;
    f.net.routes[1].gauge = 1435;
    f.net.routes[2].gauge = kDualGauge;
    return f;
}

TEST(Path, RailChangesGaugeOnlyAtATransferPlace) {
    Fixture no_transfer = gauge_chain(false);
    for (auto c : {PathCriterion::distance, PathCriterion::time, PathCriterion::capacity}) {
        try {
            no_transfer.best("a", "c", c);
            ADD_FAILURE() << "a path from a to c changes gauge at b";
        } catch (const infeasible_error& e) {
            EXPECT_NE(std::string(e.what()).find("changes rail gauge only at a transfer place"), std::string::npos);
        }
    }
    no_transfer.place("e", "KP", 129.0, 41.0);  // no route at all: the plain "no open path"
    try {
        no_transfer.best("a", "e", PathCriterion::distance);
        ADD_FAILURE() << "a path to e, which no route reaches";
    } catch (const infeasible_error& e) {
        EXPECT_EQ(std::string(e.what()), "no open path from a to e");
    }
    // Dual-gauge track carries either gauge: no change needed from a to d, nor from c to d.
    EXPECT_EQ(no_transfer.ids(no_transfer.best("a", "d", PathCriterion::distance)), (Ids{"a_b", "b_d"}));
    EXPECT_TRUE(no_transfer.best("c", "d", PathCriterion::distance).gauge_changes.empty());

    Fixture transfer = gauge_chain(true);
    for (auto c : {PathCriterion::distance, PathCriterion::time, PathCriterion::capacity}) {
        const PathResult p = transfer.best("a", "c", c);
        EXPECT_EQ(transfer.ids(p), (Ids{"a_b", "b_c"}));
        ASSERT_EQ(p.gauge_changes.size(), 1u);
        EXPECT_EQ(transfer.net.places[p.gauge_changes[0]].id, "b");
        EXPECT_EQ(p.bottleneck, 400);  // the transfer's capacity, below both routes'
        EXPECT_DOUBLE_EQ(p.length.value, 30.0);
    }
    // Passing b on the dual-gauge branch changes no gauge, so b's capacity does not bound it.
    const PathResult to_d = transfer.best("a", "d", PathCriterion::capacity);
    EXPECT_TRUE(to_d.gauge_changes.empty());
    EXPECT_EQ(to_d.bottleneck, 700);
}

TEST(Path, AGaugePathsBottleneckIsTheJointFlowsMaximumOnAChain) {
    // On a chain the most a month can carry is the widest path's bottleneck: the LP of the
    // joint flow (CLP), with the same gauge rule, is an independent solver of it.
    Fixture f = gauge_chain(true);
    const PathResult p = f.best("a", "c", PathCriterion::capacity);
    FlowQuery q;
    q.from = "a";
    q.to = "c";
    q.capacities = f.caps;
    EXPECT_NEAR(joint_max_flow(f.net, q).throughput, static_cast<double>(p.bottleneck), 1e-6);
}

TEST(Path, LeanGraphFindsTheSamePaths) {
    Fixture f = three_ways();
    f.place("e", "RU", 131.5, 43.5);
    f.route("e_d", Mode::rail, "e", "d", false, 20, 20, 300);
    f.route("b_c", Mode::road, "b", "c", true, 10, 1, 900);
    f.net.places[2].capacity = 1500;
    f.net.build_index();
    const NetworkGraph full = build_graph(f.net);
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"a", "d"}, {"RU", "d"}, {"a", "KP"}, {"RU", "KP"}, {"c", "b"}, {"e", "c"}}) {
        const NetworkGraph lean = build_graph(f.net, query_terminals(f.net, from, to));
        for (auto c : {PathCriterion::distance, PathCriterion::time, PathCriterion::capacity}) {
            SCOPED_TRACE(from + " -> " + to + " by " + std::to_string(static_cast<int>(c)));
            std::optional<PathResult> want, got;
            try {
                want = best_path(full, f.net, f.measures, f.caps, from, to, c);
            } catch (const infeasible_error&) {}
            try {
                got = best_path(lean, f.net, f.measures, f.caps, from, to, c);
            } catch (const infeasible_error&) {}
            ASSERT_EQ(got.has_value(), want.has_value());
            if (!want) continue;
            EXPECT_EQ(got->routes, want->routes);
            EXPECT_EQ(got->backward, want->backward);
            EXPECT_EQ(got->bottleneck, want->bottleneck);
            EXPECT_DOUBLE_EQ(got->length.value, want->length.value);
        }
    }
}

TEST(Path, OutsideTheTerminalsIsAnError) {
    Fixture f = three_ways();
    f.net.build_index();
    const NetworkGraph lean = build_graph(f.net, query_terminals(f.net, "a", "d"));
    EXPECT_EQ(best_path(lean, f.net, f.measures, f.caps, "a", "d", PathCriterion::distance).routes.size(), 1u);
    for (const auto& [from, to, what] :
         std::vector<std::tuple<std::string, std::string, std::string>>{{"b", "d", "source arc for place b "},
                                                                        {"a", "c", "sink arc for place c "},
                                                                        {"a", "KP", "sink arc for place b "}}) {
        try {
            best_path(lean, f.net, f.measures, f.caps, from, to, PathCriterion::distance);
            ADD_FAILURE() << "expected an error for " << from << " -> " << to;
        } catch (const infeasible_error& e) {
            ADD_FAILURE() << "expected a plain error, got infeasible_error: " << e.what();
        } catch (const error& e) {
            EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
        }
    }
}

class PathDefaultNetwork : public ::testing::Test {
protected:
    Network net = load_network(default_files(test::geodata_dir()));
    std::vector<RouteMeasure> measures = measure_routes(net, SpeedTable::defaults());
    std::vector<MonthlyCapacity> caps = [this] {
        std::vector<MonthlyCapacity> out;
        for (const auto& r : net.routes) out.push_back(monthly_capacity(r.figures));
        return out;
    }();
    NetworkGraph graph = build_graph(net);

    // Checks that the path is a chain of routes from `from` to `to`.
    void expect_chain(const PathResult& p, const std::string& from, const std::string& to) {
        ASSERT_FALSE(p.routes.empty());
        ASSERT_EQ(p.backward.size(), p.routes.size());
        std::string at = from;
        double km = 0;
        for (std::size_t k = 0; k < p.routes.size(); ++k) {
            const Route& r = net.routes[p.routes[k]];
            const std::string& start = p.backward[k] ? r.to_id : r.from_id;
            const std::string& end = p.backward[k] ? r.from_id : r.to_id;
            EXPECT_EQ(start, at) << "route " << r.id;
            if (p.backward[k]) {
                EXPECT_TRUE(r.two_way) << r.id;
            }
            at = end;
            km += measures[p.routes[k]].length.value;
        }
        EXPECT_EQ(at, to);
        EXPECT_NEAR(p.length.value, km, 1e-6);
    }
};

TEST_F(PathDefaultNetwork, VladivostokToPyongyang) {
    const PathResult by_km = best_path(graph, net, measures, caps, "vladivostok", "pyongyang", PathCriterion::distance);
    expect_chain(by_km, "vladivostok", "pyongyang");
    EXPECT_GT(by_km.length.value, 500.0);
    EXPECT_GT(by_km.bottleneck, 0);

    const PathResult by_cap =
        best_path(graph, net, measures, caps, "vladivostok", "pyongyang", PathCriterion::capacity);
    expect_chain(by_cap, "vladivostok", "pyongyang");
    EXPECT_GE(by_cap.bottleneck, by_km.bottleneck);
    // By rail over Khasan: the 1520 mm track meets the 1435 mm network beyond Hongui, so the
    // cargo changes gauge at Tumangang, whose assumed transfer capacity (1 Mt/yr, 83,333
    // t/month, places.geojson) is the narrowest link, wider than any sea lane.
    ASSERT_EQ(by_cap.gauge_changes.size(), 1u);
    EXPECT_EQ(net.places[by_cap.gauge_changes[0]].id, "tumangang");
    EXPECT_EQ(by_cap.bottleneck, 83333);

    const PathResult by_time = best_path(graph, net, measures, caps, "vladivostok", "pyongyang", PathCriterion::time);
    expect_chain(by_time, "vladivostok", "pyongyang");
    EXPECT_LE(by_time.hours.value, by_km.hours.value + 1e-9);
    EXPECT_GE(by_time.length.value, by_km.length.value - 1e-9);
}

TEST_F(PathDefaultNetwork, RussiaToPyongyangByCountry) {
    const PathResult p = best_path(graph, net, measures, caps, "RU", "pyongyang", PathCriterion::distance);
    ASSERT_FALSE(p.routes.empty());
    const Route& first = net.routes[p.routes.front()];
    const std::string& start = p.backward.front() ? first.to_id : first.from_id;
    EXPECT_EQ(net.place(start).country, "RU");
    // Not the Friendship Bridge, the Russian place nearest by rail: rail freight is only
    // crossing there, never loaded.
    EXPECT_EQ(start, "khasan");
    // No Russian place is closer by road and rail than the chosen one.
    const PathResult from_vladivostok =
        best_path(graph, net, measures, caps, "vladivostok", "pyongyang", PathCriterion::distance);
    EXPECT_LE(p.length.value, from_vladivostok.length.value + 1e-9);
}

}  // namespace
}  // namespace corridor
