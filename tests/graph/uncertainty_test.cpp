// Monte Carlo throughput: percentiles, reproducibility, collapsed ranges, cut probability, sensitivity.
#include "corridor/graph/uncertainty.hpp"

#include "corridor/graph/multicommodity.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "support/network_builder.hpp"

namespace corridor {
namespace {

using test::NetBuilder;

Figures ranged(double value, std::optional<double> low, std::optional<double> high) {
    Figures f;
    f.capacity = value;
    FigureBounds b;
    b.capacity.low = low;
    b.capacity.high = high;
    f.bounds = b;
    return f;
}

FlowQuery query(const std::string& from, const std::string& to) {
    FlowQuery q;
    q.from = from;
    q.to = to;
    return q;
}

UncertaintyResult run(const Network& net, std::size_t draws = 2000, std::uint64_t seed = 7, std::size_t threads = 0) {
    UncertaintyOptions o;
    o.draws = draws;
    o.seed = seed;
    o.threads = threads;
    return flow_uncertainty(net, query("a", "c"), o);
}

// a -> b -> c: the bottleneck a -> b (1,000 t/month within the given bounds), then b -> c
// (5,000, 4,000 to 6,000), never the limit.
Network chain(std::optional<double> low, std::optional<double> high) {
    return NetBuilder()
        .place("a")
        .place("b")
        .place("c")
        .route("ab", "a", "b", ranged(1000, low, high), {})
        .route("bc", "b", "c", ranged(5000, 4000, 6000), {})
        .build();
}

// a -> port -> c where the port (1,000 t/month, within the given bounds) is the only
// bottleneck: the routes carry 4,000 at the least.
Network port_chain(std::optional<double> low, std::optional<double> high) {
    Network net = NetBuilder()
                      .place("a")
                      .place("port", "RU", 1000)
                      .place("c")
                      .route("ap", "a", "port", ranged(5000, 4000, 6000), {})
                      .route("pc", "port", "c", ranged(5000, 4500, 5500), {})
                      .build();
    net.places[1].cap_low = low;
    net.places[1].cap_high = high;
    return net;
}

TEST(Uncertainty, TriangularQuantileCoversTheRange) {
    EXPECT_DOUBLE_EQ(triangular_quantile(10, 20, 40, 0.0), 10);
    EXPECT_DOUBLE_EQ(triangular_quantile(10, 20, 40, 1.0 / 3), 20);  // the CDF at the mode is 1/3
    EXPECT_NEAR(triangular_quantile(10, 20, 40, 1 - 1e-12), 40, 1e-3);
    EXPECT_DOUBLE_EQ(triangular_quantile(5, 5, 5, 0.7), 5);
    // An "up to" figure: the mode at the high end, CDF (x / 100)^2, so the median is 100 sqrt(0.5).
    EXPECT_NEAR(triangular_quantile(0, 100, 100, 0.99), 100 * std::sqrt(0.99), 1e-9);
    EXPECT_NEAR(triangular_quantile(0, 100, 100, 0.5), 100 * std::sqrt(0.5), 1e-9);
    // An "at least" figure: the mode at the low end, the median 100 (1 - sqrt(0.5)).
    EXPECT_NEAR(triangular_quantile(0, 0, 100, 0.5), 100 * (1 - std::sqrt(0.5)), 1e-9);
}

TEST(Uncertainty, PercentileIsNearestRank) {
    const std::vector<Flow> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    EXPECT_EQ(percentile(v, 10), 1);
    EXPECT_EQ(percentile(v, 50), 5);
    EXPECT_EQ(percentile(v, 90), 9);
    EXPECT_EQ(percentile(v, 100), 10);
    EXPECT_EQ(percentile(std::vector<Flow>{42}, 10), 42);
}

TEST(Uncertainty, CollapsedRangesGiveTheDeterministicAnswer) {
    // No bounds at all, and bounds equal to the value: nothing is drawn.
    for (const Network& net : {chain(std::nullopt, std::nullopt), chain(1000, 1000)}) {
        Network fixed = net;
        for (auto& r : fixed.routes) r.figures = ranged(*r.figures.capacity, std::nullopt, std::nullopt);
        const auto u = run(fixed, 100);
        EXPECT_TRUE(u.figures.empty());
        EXPECT_EQ(u.deterministic, 1000);
        EXPECT_EQ(u.p10, 1000);
        EXPECT_EQ(u.p50, 1000);
        EXPECT_EQ(u.p90, 1000);
        EXPECT_DOUBLE_EQ(u.cut_probability[0], 1.0);
        EXPECT_DOUBLE_EQ(u.cut_probability[1], 0.0);
        EXPECT_TRUE(u.sensitivity.empty());
    }
    // A ranged route that never limits the flow leaves the percentiles at the answer.
    const auto u = run(chain(1000, 1000));
    EXPECT_EQ(u.figures.size(), 1u);
    EXPECT_EQ(u.p10, 1000);
    EXPECT_EQ(u.p90, 1000);
}

TEST(Uncertainty, PercentilesAreOrdered) {
    const auto u = run(chain(500, 1500));
    EXPECT_LE(u.min, u.p10);
    EXPECT_LE(u.p10, u.p50);
    EXPECT_LE(u.p50, u.p90);
    EXPECT_LE(u.p90, u.max);
    EXPECT_LT(u.p10, u.p90);  // a real spread
    EXPECT_GE(u.min, 500);
    EXPECT_LE(u.max, 1500);
    // A symmetric triangular range: the median near the value, P10 and P90 near
    // 1000 -+ 500 (1 - sqrt(0.2)) = 724 and 1276.
    EXPECT_NEAR(static_cast<double>(u.p50), 1000, 25);
    EXPECT_NEAR(static_cast<double>(u.p10), 724, 25);
    EXPECT_NEAR(static_cast<double>(u.p90), 1276, 25);
}

TEST(Uncertainty, ARangeWidensOrNarrowsThePercentiles) {
    const auto narrow = run(chain(900, 1100));
    const auto wide = run(chain(500, 1500));
    EXPECT_LT(wide.p10, narrow.p10);
    EXPECT_GT(wide.p90, narrow.p90);
    EXPECT_GT(wide.p90 - wide.p10, 3 * (narrow.p90 - narrow.p10));
    // "up to 1,000": every draw at or below the value, the median below it.
    const auto up_to = run(chain(500, std::nullopt));
    EXPECT_LE(up_to.max, 1000);
    EXPECT_LT(up_to.p50, 1000);
    // "at least 1,000": every draw at or above it.
    const auto at_least = run(chain(std::nullopt, 1500));
    EXPECT_GE(at_least.min, 1000);
    EXPECT_GT(at_least.p50, 1000);
}

TEST(Uncertainty, TheSameSeedGivesTheSameNumbers) {
    const Network net = chain(500, 1500);
    const auto a = run(net, 500, 11, 1);
    const auto b = run(net, 500, 11, 2);  // other threads, same numbers
    const auto c = run(net, 500, 11, 3);
    for (const auto* x : {&b, &c}) {
        EXPECT_EQ(a.p10, x->p10);
        EXPECT_EQ(a.p50, x->p50);
        EXPECT_EQ(a.p90, x->p90);
        EXPECT_EQ(a.mean, x->mean);
        EXPECT_EQ(a.cut_probability, x->cut_probability);
    }
    const auto other = run(net, 500, 12, 2);
    EXPECT_NE(a.mean, other.mean);
}

TEST(Uncertainty, CutProbabilityFollowsTheRanges) {
    // ab: 1,000 (500 to 1,500); bc: 1,200 (900 to 1,300): either can be the limit.
    const Network net = NetBuilder()
                            .place("a")
                            .place("b")
                            .place("c")
                            .route("ab", "a", "b", ranged(1000, 500, 1500), {})
                            .route("bc", "b", "c", ranged(1200, 900, 1300), {})
                            .build();
    const auto u = run(net);
    EXPECT_GT(u.cut_probability[0], 0.5);
    EXPECT_GT(u.cut_probability[1], 0.05);
    EXPECT_LT(u.cut_probability[1], 0.5);
    EXPECT_LE(u.cut_probability[0] + u.cut_probability[1], 1.0 + 1e-9);  // one cut per draw on a chain
    const auto sure = run(chain(500, 1500));
    EXPECT_DOUBLE_EQ(sure.cut_probability[0], 1.0);
    EXPECT_DOUBLE_EQ(sure.cut_probability[1], 0.0);
}

TEST(Uncertainty, TheFigureOnTheOnlyBottleneckRanksFirst) {
    // Two branches into b that together exceed ab's successor; bc is the only bottleneck.
    Figures pay;
    pay.payload_t = 100;
    pay.trips_mo = 10;
    FigureBounds b;
    b.payload_t.low = 50;
    b.payload_t.high = 150;
    b.trips_mo.low = 9;
    b.trips_mo.high = 11;
    pay.bounds = b;
    const Network net = NetBuilder()
                            .place("a")
                            .place("b")
                            .place("c")
                            .route("ab1", "a", "b", ranged(3000, 1000, 6000), {})
                            .route("ab2", "a", "b", ranged(3000, 2000, 4000), {})
                            .route("bc", "b", "c", pay, {})
                            .build();
    const auto u = run(net, 200);
    ASSERT_EQ(u.sensitivity.size(), 4u);
    EXPECT_EQ(u.sensitivity[0].ref.index, 2u);
    EXPECT_EQ(u.sensitivity[0].ref.figure, RangedFigure::payload_t);
    EXPECT_EQ(u.sensitivity[0].low, 500);
    EXPECT_EQ(u.sensitivity[0].high, 1500);
    EXPECT_EQ(u.sensitivity[1].ref.figure, RangedFigure::trips_mo);
    EXPECT_EQ(u.sensitivity[1].low, 900);
    EXPECT_EQ(u.sensitivity[1].high, 1100);
    for (std::size_t i = 2; i < 4; ++i) EXPECT_EQ(u.sensitivity[i].swing(), 0);
    for (std::size_t i = 1; i < 4; ++i) EXPECT_GE(u.sensitivity[i - 1].swing(), u.sensitivity[i].swing());
}

TEST(Uncertainty, SensitivityMatchesFullSolves) {
    // The skipped solves (known answers) agree with solving: a network where a low
    // bound falls below the flow a route carries off the cut.
    const Network net = NetBuilder()
                            .place("a")
                            .place("b")
                            .place("c")
                            .route("ab1", "a", "b", ranged(600, 100, 700), {})
                            .route("ab2", "a", "b", ranged(600, 500, 2000), {})
                            .route("bc", "b", "c", ranged(1000, 800, 1500), {})
                            .build();
    const auto u = run(net, 10);
    EXPECT_EQ(u.deterministic, 1000);
    for (const auto& s : u.sensitivity) {
        for (int e = 0; e < 2; ++e) {
            Network n = net;
            n.routes[s.ref.index].figures.capacity = e == 0 ? s.ref.range.low : s.ref.range.high;
            NetworkGraph g = build_graph(n);
            EXPECT_EQ(max_flow(g, n, query("a", "c")).throughput, e == 0 ? s.low : s.high)
                << n.routes[s.ref.index].id << (e == 0 ? " low" : " high");
        }
    }
}

TEST(Uncertainty, AClosedRouteStaysClosed) {
    const Network net = NetBuilder()
                            .place("a")
                            .place("b")
                            .route("x", "a", "b", ranged(1000, 500, 1500), {})
                            .route("y", "a", "b", ranged(1000, 500, 1500), {})
                            .build();
    FlowQuery q = query("a", "b");
    for (const auto& r : net.routes) q.capacities.push_back(monthly_capacity(r.figures));
    q.capacities[1].tonnes.value = 0;  // a scenario closed y
    UncertaintyOptions o;
    o.draws = 300;
    const auto u = flow_uncertainty(net, q, o);
    EXPECT_EQ(u.deterministic, 1000);
    EXPECT_LE(u.max, 1500);
    EXPECT_DOUBLE_EQ(u.cut_probability[0], 1.0);
}

TEST(Uncertainty, APlaceCapacityRangeIsDrawn) {
    const auto fixed = run(port_chain(std::nullopt, std::nullopt), 300);
    EXPECT_EQ(fixed.figures.size(), 2u);  // the routes' only
    EXPECT_EQ(fixed.deterministic, 1000);
    EXPECT_EQ(fixed.p10, 1000);
    EXPECT_EQ(fixed.p90, 1000);
    EXPECT_DOUBLE_EQ(fixed.place_cut_probability[1], 1.0);

    const auto u = run(port_chain(500, 1500));
    ASSERT_EQ(u.figures.size(), 3u);
    EXPECT_TRUE(u.figures[2].is_place);  // drawn after the routes' figures
    EXPECT_EQ(u.figures[2].index, 1u);
    EXPECT_EQ(u.deterministic, 1000);
    EXPECT_LT(u.p10, 850);  // triangular (500, 1,000, 1,500): P10 about 724, P90 about 1,276
    EXPECT_GT(u.p90, 1150);
    EXPECT_GE(u.min, 500);
    EXPECT_LE(u.max, 1500);
    EXPECT_DOUBLE_EQ(u.place_cut_probability[1], 1.0);
    EXPECT_DOUBLE_EQ(u.cut_probability[0], 0.0);
    EXPECT_DOUBLE_EQ(u.place_cut_probability[0], 0.0);  // no capacity: never on a cut
    // the place's capacity ranks first in the sensitivity, the routes' move nothing
    ASSERT_EQ(u.sensitivity.size(), 3u);
    EXPECT_TRUE(u.sensitivity[0].ref.is_place);
    EXPECT_EQ(u.sensitivity[0].low, 500);
    EXPECT_EQ(u.sensitivity[0].high, 1500);
    EXPECT_EQ(u.sensitivity[1].swing(), 0);
    EXPECT_EQ(u.sensitivity[2].swing(), 0);
    // the threads do not change the numbers
    const auto one = run(port_chain(500, 1500), 2000, 7, 1);
    EXPECT_EQ(one.p10, u.p10);
    EXPECT_EQ(one.p50, u.p50);
    EXPECT_EQ(one.p90, u.p90);
    EXPECT_DOUBLE_EQ(one.mean, u.mean);
}

TEST(Uncertainty, ACollapsedPlaceRangeGivesTheDeterministicAnswer) {
    const auto u = run(port_chain(1000, 1000), 300);
    EXPECT_EQ(u.figures.size(), 2u);
    EXPECT_EQ(u.p10, 1000);
    EXPECT_EQ(u.p50, 1000);
    EXPECT_EQ(u.p90, 1000);
    EXPECT_EQ(u.min, u.max);
}

TEST(Uncertainty, APlaceRangeOffTheCutMovesNothing) {
    // The port ranges 3,000 to 9,000 but the routes (at most 2,000 on the way in) limit.
    Network net = port_chain(3000, 9000);
    net.places[1].capacity = 6000;
    net.routes[0].figures = ranged(1500, 1000, 2000);
    const auto u = run(net, 500);
    EXPECT_DOUBLE_EQ(u.place_cut_probability[1], 0.0);
    EXPECT_DOUBLE_EQ(u.cut_probability[0], 1.0);
    for (const auto& s : u.sensitivity)
        if (s.ref.is_place) {
            EXPECT_EQ(s.swing(), 0);
        }
}

TEST(Uncertainty, QueryCapacityRangeMovesTheQuerysCapacity) {
    const Figures f = ranged(1000, 500, 1500);
    MonthlyCapacity q = monthly_capacity(f);
    CapacityRange r = query_capacity_range(q, f);
    EXPECT_DOUBLE_EQ(r.low.tonnes.value, 500);
    EXPECT_DOUBLE_EQ(r.high.tonnes.value, 1500);
    q.tonnes.value = 2000;  // --set doubled it: the range doubles too
    r = query_capacity_range(q, f);
    EXPECT_DOUBLE_EQ(r.low.tonnes.value, 1000);
    EXPECT_DOUBLE_EQ(r.high.tonnes.value, 3000);
    Figures plain;
    plain.capacity = 700;
    r = query_capacity_range(monthly_capacity(plain), plain);
    EXPECT_DOUBLE_EQ(r.low.tonnes.value, 700);
    EXPECT_DOUBLE_EQ(r.high.tonnes.value, 700);
    Figures pay;  // payload 50 to 150 t, 9 to 11 trips a month
    pay.payload_t = 100;
    pay.trips_mo = 10;
    FigureBounds b;
    b.payload_t.low = 50;
    b.payload_t.high = 150;
    b.trips_mo.low = 9;
    b.trips_mo.high = 11;
    pay.bounds = b;
    r = query_capacity_range(monthly_capacity(pay), pay);
    EXPECT_DOUBLE_EQ(r.low.tonnes.value, 450);
    EXPECT_DOUBLE_EQ(r.high.tonnes.value, 1650);
}

// Crude oil off a pipeline where only a cargo railway goes on: the joint flow is the bridge's
// drawn capacity in every draw (the union max-flow would add the pipeline's 100 t/month).
TEST(Uncertainty, AJointFlowQueryDrawsTheJointFlow) {
    const Network net = NetBuilder()
                            .place("a", "CN")
                            .place("b", "KP")
                            .place("c", "KP")
                            .route("pipe", "a", "b", ranged(100, 50, 150), {Mode::pipeline, false, {"crude_oil"}})
                            .route("bridge", "a", "b", ranged(200, 100, 300), {Mode::bridge, true, {"cargo", "coal"}})
                            .route("rail", "b", "c", 1000, {Mode::rail, true, {"cargo", "coal"}})
                            .build();
    const FlowQuery q = query("CN", "c");
    ASSERT_TRUE(needs_joint_flow(net, q));
    UncertaintyOptions o;
    o.draws = 500;
    o.seed = 3;
    const UncertaintyResult u = flow_uncertainty(net, q, o);
    EXPECT_EQ(u.deterministic, 200) << "the joint flow, not the union's 300";
    EXPECT_GE(u.min, 100);
    EXPECT_LE(u.max, 300);
    EXPECT_LT(u.min, u.p50);
    EXPECT_LT(u.p50, u.max);
    EXPECT_DOUBLE_EQ(u.cut_probability[1], 1.0) << "the bridge binds in every draw";
    EXPECT_DOUBLE_EQ(u.cut_probability[0], 0.0);
    ASSERT_EQ(u.sensitivity.size(), 2u);
    EXPECT_EQ(u.sensitivity[0].ref.index, 1u);
    EXPECT_EQ(u.sensitivity[0].low, 100);
    EXPECT_EQ(u.sensitivity[0].high, 300);
    EXPECT_EQ(u.sensitivity[1].swing(), 0) << "the pipeline's crude goes nowhere";
    // the same numbers again, whatever the threads
    o.threads = 1;
    const UncertaintyResult again = flow_uncertainty(net, q, o);
    EXPECT_EQ(again.p10, u.p10);
    EXPECT_EQ(again.p90, u.p90);
    EXPECT_DOUBLE_EQ(again.mean, u.mean);

    // a list of one commodity is max_flow's commodity: the pipeline alone to b
    FlowQuery crude = query("CN", "b");
    crude.commodity_list = {"crude_oil"};
    ASSERT_FALSE(needs_joint_flow(net, crude));
    o.sensitivity = false;
    const UncertaintyResult c = flow_uncertainty(net, crude, o);
    EXPECT_EQ(c.deterministic, 100);
    EXPECT_LE(c.max, 150);
}

}  // namespace
}  // namespace corridor
