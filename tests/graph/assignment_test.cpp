// Minimum-cost assignment: hand-checked networks, priorities, binding routes, unservable
// demands; one demand against Boost's successive shortest paths on random graphs (both the
// LP and LEMON's network simplex); several demands and commodities against an independent
// arc-flow LP solved lexicographically by GLPK.
#include "corridor/graph/assignment.hpp"

#include <fmt/format.h>
#include <glpk.h>
#include <gtest/gtest.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>

// After the algorithm's header: Boost 1.74's find_flow_cost.hpp does not include what it uses.
#include <boost/graph/find_flow_cost.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <random>
#include <set>

#include "support/fixtures.hpp"
#include "support/network_builder.hpp"

namespace corridor {
namespace {

using test::NetBuilder;
using test::RouteSpec;

Demand demand(const std::string& from, const std::string& to, const std::string& k, double t, int priority = 1) {
    static int n = 0;
    return {std::to_string(++n), from, to, k, t, priority};
}

AssignmentQuery query_for(const Network& net, std::vector<Demand> demands, std::vector<double> costs = {}) {
    AssignmentQuery q;
    q.demands = std::move(demands);
    q.route_cost = costs.empty() ? std::vector<double>(net.routes.size(), 1.0) : std::move(costs);
    return q;
}

// Equal up to the solvers' tolerances: relative, and 10^-4 t absolute (GLPK's noise on a zero).
bool near(double a, double b, double tol = 1e-5) { return std::abs(a - b) <= 1e-4 + tol * std::abs(b); }

// ---- hand-made networks ------------------------------------------------------------------

TEST(Assignment, CheapRouteFirstThenTheDearOne) {
    // a -> b twice: cheap (cost 1, 100 t) and dear (cost 3, 200 t); 250 t asked.
    const Network net =
        NetBuilder().place("a").place("b").route("cheap", "a", "b", 100).route("dear", "a", "b", 200).build();
    for (auto solver : {AssignSolver::lp, AssignSolver::network_simplex, AssignSolver::automatic}) {
        auto q = query_for(net, {demand("a", "b", "cargo", 250)}, {1, 3});
        q.solver = solver;
        const auto r = assign(net, q);
        ASSERT_EQ(r.demands.size(), 1u);
        EXPECT_NEAR(r.demands[0].met_t_mo, 250, 1e-5);
        EXPECT_NEAR(r.demands[0].unmet_t_mo, 0, 1e-5);
        EXPECT_NEAR(r.route_load[0], 100, 1e-5);
        EXPECT_NEAR(r.route_load[1], 150, 1e-5);
        EXPECT_NEAR(r.total_cost, 100 * 1 + 150 * 3, 1e-5);
        EXPECT_NEAR(r.route_capacity[1], 200, 0);
        ASSERT_EQ(r.demands[0].paths.size(), 2u);
        EXPECT_EQ(r.demands[0].paths[0].routes, std::vector<std::size_t>{1});  // largest first
    }
    EXPECT_TRUE(network_simplex_applies(net, query_for(net, {demand("a", "b", "cargo", 1)}, {1, 3})));
}

TEST(Assignment, TransitLimitsHoldPerDemand) {
    // a -> b twice: cheap (cost 1) and dear (cost 3), 100 t each. The first demand may not
    // take the cheap route (a transit limit with no commodity), the second may take it for
    // cargo only, the third has no limit.
    const Network net =
        NetBuilder().place("a").place("b").route("cheap", "a", "b", 100).route("dear", "a", "b", 100).build();
    auto q = query_for(
        net, {demand("a", "b", "cargo", 30), demand("a", "b", "cargo", 20), demand("a", "b", "cargo", 10)}, {1, 3});
    q.transit_limits = {{{0, {}}}, {{0, {"cargo"}}}};
    q.demand_transit = {0, 1, std::nullopt};
    const auto r = assign(net, q);
    ASSERT_EQ(r.demands.size(), 3u);
    for (std::size_t d = 0; d < 3; ++d) EXPECT_NEAR(r.demands[d].unmet_t_mo, 0, 1e-5) << d;
    ASSERT_EQ(r.demands[0].paths.size(), 1u);
    EXPECT_EQ(r.demands[0].paths[0].routes, std::vector<std::size_t>{1});
    EXPECT_EQ(r.demands[1].paths[0].routes, std::vector<std::size_t>{0});
    EXPECT_EQ(r.demands[2].paths[0].routes, std::vector<std::size_t>{0});
    EXPECT_NEAR(r.route_load[0], 30, 1e-5);
    EXPECT_NEAR(r.route_load[1], 30, 1e-5);
    // one demand: the network simplex keeps the limit too, and only the dear route's 100 t move
    for (auto solver : {AssignSolver::lp, AssignSolver::network_simplex}) {
        auto one = query_for(net, {demand("a", "b", "cargo", 150)}, {1, 3});
        one.transit_limits = {{{0, {"coal"}}}};
        one.demand_transit = {0};
        one.solver = solver;
        const auto o = assign(net, one);
        EXPECT_NEAR(o.demands[0].met_t_mo, 100, 1e-5);
        EXPECT_NEAR(o.route_load[0], 0, 1e-5);
        ASSERT_EQ(o.demands[0].binding.size(), 1u);
        EXPECT_EQ(o.demands[0].binding[0].index, 1u);
    }
    // both routes closed: the demand cannot be served, and the reason names the transit rules
    auto closed = query_for(net, {demand("a", "b", "cargo", 5)}, {1, 3});
    closed.transit_limits = {{{0, {}}, {1, {}}}};
    closed.demand_transit = {0};
    const auto c = assign(net, closed);
    EXPECT_NE(c.demands[0].cannot_serve.find("no transit rule opens"), std::string::npos) << c.demands[0].cannot_serve;
    // limits for some demands only, or limits that are not there, are refused
    auto bad = query_for(net, {demand("a", "b", "cargo", 5), demand("a", "b", "cargo", 5)});
    bad.transit_limits = {{{0, {}}}};
    bad.demand_transit = {0};
    EXPECT_THROW(assign(net, bad), error);
    bad.demand_transit = {0, 1};
    EXPECT_THROW(assign(net, bad), error);
}

TEST(Assignment, PriorityOneFirstAndTheBindingRoute) {
    // Both demands need a -> b (100 t); priority 1 asks 80, priority 2 asks 50.
    const Network net =
        NetBuilder().place("a").place("b").place("c").route("ab", "a", "b", 100).route("bc", "b", "c", 1000).build();
    const auto r = assign(net, query_for(net, {demand("a", "c", "cargo", 50, 2), demand("a", "b", "cargo", 80, 1)}));
    EXPECT_NEAR(r.demands[1].met_t_mo, 80, 1e-5);
    EXPECT_NEAR(r.demands[0].met_t_mo, 20, 1e-5);
    EXPECT_NEAR(r.demands[0].unmet_t_mo, 30, 1e-5);
    ASSERT_EQ(r.demands[0].binding.size(), 1u);
    EXPECT_FALSE(r.demands[0].binding[0].is_place);
    EXPECT_EQ(r.demands[0].binding[0].index, 0u);  // ab
    EXPECT_TRUE(r.demands[1].binding.empty());
    EXPECT_EQ(r.solver, std::string("clp"));
}

TEST(Assignment, WithinAPriorityTheCheaperDemandIsMet) {
    // One shared route of 100 t; two demands of priority 1 (60 each); b's tail is dearer, so
    // 60 go to c (cost 1 + 1) and 40 to b2 (cost 1 + 5).
    const Network net = NetBuilder()
                            .place("a")
                            .place("b")
                            .place("c")
                            .place("b2")
                            .route("ab", "a", "b", 100)
                            .route("bc", "b", "c", 1000)
                            .route("bb2", "b", "b2", 1000)
                            .build();
    const auto r =
        assign(net, query_for(net, {demand("a", "c", "cargo", 60), demand("a", "b2", "cargo", 60)}, {1, 1, 5}));
    EXPECT_NEAR(r.met_t_mo, 100, 1e-5);
    EXPECT_NEAR(r.demands[0].met_t_mo, 60, 1e-5);
    EXPECT_NEAR(r.demands[1].met_t_mo, 40, 1e-5);
    EXPECT_NEAR(r.total_cost, 60 * 2 + 40 * 6, 1e-5);
}

TEST(Assignment, EachCommodityOnItsOwnRoutesSharingCapacity) {
    // crude only by pipeline (a -> b), cargo by rail a -> b or the long way a -> c -> b;
    // the shared rail a -> b (100 t) takes both coal and cargo.
    const Network net = NetBuilder()
                            .place("a")
                            .place("b")
                            .place("c")
                            .route("pipe", "a", "b", 500, {Mode::pipeline, false, {"crude_oil"}})
                            .route("rail", "a", "b", 100, {Mode::rail, false, {"coal", "cargo", "crude_oil"}})
                            .route("ac", "a", "c", 100, {Mode::road, false, {"cargo"}})
                            .route("cb", "c", "b", 100, {Mode::road, false, {"cargo"}})
                            .build();
    const auto r = assign(
        net, query_for(
                 net, {demand("a", "b", "crude_oil", 300), demand("a", "b", "coal", 70), demand("a", "b", "cargo", 80)},
                 {5, 1, 1, 1}));
    EXPECT_NEAR(r.demands[0].met_t_mo, 300, 1e-5);  // all by pipeline: rail cannot carry crude
    EXPECT_NEAR(r.demands[1].met_t_mo, 70, 1e-5);
    EXPECT_NEAR(r.demands[2].met_t_mo, 80, 1e-5);
    // rail: 70 coal + 30 cargo (cost 1 each); the other 50 cargo by road (cost 2)
    EXPECT_NEAR(r.total_cost, 300 * 5 + 70 + 30 + 50 * 2, 1e-5);
    ASSERT_EQ(r.commodities, (std::vector<std::string>{"cargo", "coal", "crude_oil"}));
    EXPECT_NEAR(r.route_by_commodity[1][1], 70, 1e-5);
    EXPECT_NEAR(r.route_by_commodity[2][1], 0, 1e-5);
}

TEST(Assignment, ADemandNoRouteCanServeSaysSo) {
    const Network net = NetBuilder()
                            .place("a")
                            .place("b")
                            .place("c")
                            .route("ab", "a", "b", 100, {Mode::rail, false, {"cargo"}})
                            .route("cb", "c", "b", 100, {Mode::rail, false, {"coal"}})
                            .build();
    const auto r = assign(net, query_for(net, {demand("a", "b", "coal", 10), demand("c", "a", "coal", 5),
                                               demand("a", "b", "cargo", 10)}));
    EXPECT_EQ(r.demands[0].cannot_serve, "cannot be served: no route carries coal from a");
    EXPECT_NEAR(r.demands[0].unmet_t_mo, 10, 0);
    EXPECT_EQ(r.demands[1].cannot_serve, "cannot be served: no chain of open routes carrying coal leads from c to a");
    EXPECT_TRUE(r.demands[2].cannot_serve.empty());
    EXPECT_NEAR(r.demands[2].met_t_mo, 10, 1e-5);
}

TEST(Assignment, APlaceCapacityAndANationalCapBind) {
    NetBuilder b;
    b.place("a", "AA").place("m", "AA", 60.0).place("z", "BB");
    b.route("am", "a", "m", 100).route("mz", "m", "z", 100).route("az", "a", "z", 30);
    const Network net = b.build();
    auto q = query_for(net, {demand("a", "z", "cargo", 200)});
    auto r = assign(net, q);
    EXPECT_NEAR(r.demands[0].met_t_mo, 90, 1e-5);  // 60 through m, 30 direct
    std::set<std::pair<bool, std::size_t>> binding;
    for (const auto& item : r.demands[0].binding) binding.insert({item.is_place, item.index});
    EXPECT_EQ(binding, (std::set<std::pair<bool, std::size_t>>{{true, 1}, {false, 2}}));
    q.limits.push_back({"national cap AA -> BB cargo", {0}, 50});
    r = assign(net, q);
    EXPECT_NEAR(r.demands[0].met_t_mo, 50, 1e-5);
    EXPECT_EQ(r.demands[0].binding_limits, std::vector<std::size_t>{0});
}

TEST(Assignment, ModeChangesCostAtThePlaceWhereTheyHappen) {
    // a -> b by rail then b -> c by road (cost 1 + 1 + change 10), or a -> c by tanker (cost 5).
    const Network net = NetBuilder()
                            .place("a")
                            .place("b")
                            .place("c")
                            .route("ab", "a", "b", 100, {Mode::rail, false, {"cargo"}})
                            .route("bc", "b", "c", 100, {Mode::road, false, {"cargo"}})
                            .route("ac", "a", "c", 100, {Mode::tanker, false, {"cargo"}})
                            .build();
    auto q = query_for(net, {demand("a", "c", "cargo", 10)}, {1, 1, 5});
    EXPECT_NEAR(assign(net, q).total_cost, 20, 1e-5);
    q.change_cost.assign(7, 0);
    q.change_cost[static_cast<std::size_t>(Mode::road)] = 10;
    const auto r = assign(net, q);
    EXPECT_NEAR(r.total_cost, 50, 1e-5);
    EXPECT_EQ(r.demands[0].paths[0].routes, std::vector<std::size_t>{2});
    EXPECT_FALSE(network_simplex_applies(net, q));
}

TEST(Assignment, ARefineryTurnsCrudeIntoProductsOnTheWay) {
    NetBuilder b;
    b.place("a").place("ref").place("z");
    b.route("pipe", "a", "ref", 100, {Mode::pipeline, false, {"crude_oil"}});
    b.route("rz", "ref", "z", 100, {Mode::rail, false, {"oil_products"}});
    Network net = b.build();
    net.places[1].converts_from = Text("crude_oil");
    net.places[1].converts_to = Text("oil_products");
    net.places[1].capacity = 40;
    const auto r = assign(net, query_for(net, {demand("a", "z", "oil_products", 70)}));
    EXPECT_NEAR(r.demands[0].met_t_mo, 40, 1e-5);
    ASSERT_EQ(r.demands[0].paths.size(), 1u);
    EXPECT_EQ(r.demands[0].paths[0].carried, (std::vector<std::string>{"crude_oil", "oil_products"}));
    ASSERT_EQ(r.demands[0].binding.size(), 1u);
    EXPECT_TRUE(r.demands[0].binding[0].is_place);
}

// ---- one demand against Boost's min-cost max-flow ------------------------------------------

// Costs are doubles (whole numbers, exact): Boost 1.74's successive_shortest_path adds an
// unreached vertex's distance (the weight type's maximum) to its previous one, a signed
// overflow for integer weights that UBSan stops on; in double it is infinity.
struct BoostMcf {
    using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
    using Graph = boost::adjacency_list<
        boost::vecS, boost::vecS, boost::directedS, boost::no_property,
        boost::property<boost::edge_capacity_t, long,
                        boost::property<boost::edge_residual_capacity_t, long,
                                        boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                                        boost::property<boost::edge_weight_t, double>>>>>;
    Graph g;
    explicit BoostMcf(std::size_t n) : g(n) {}
    void arc(std::size_t u, std::size_t v, long cap, long cost) {
        auto e = boost::add_edge(u, v, g).first;
        auto back = boost::add_edge(v, u, g).first;
        boost::put(boost::edge_capacity, g, e, cap);
        boost::put(boost::edge_capacity, g, back, 0);
        boost::put(boost::edge_weight, g, e, cost);
        boost::put(boost::edge_weight, g, back, -cost);
        boost::put(boost::edge_reverse, g, e, back);
        boost::put(boost::edge_reverse, g, back, e);
    }
    // (flow, cost) of the min-cost maximum flow from s to t.
    std::pair<long, long> solve(std::size_t s, std::size_t t) {
        boost::successive_shortest_path_nonnegative_weights(g, s, t);
        long flow = 0;
        auto cap = boost::get(boost::edge_capacity, g);
        auto res = boost::get(boost::edge_residual_capacity, g);
        for (auto [e, end] = boost::out_edges(s, g); e != end; ++e) flow += cap[*e] - res[*e];
        return {flow, std::llround(boost::find_flow_cost(g))};
    }
};

TEST(Assignment, OneDemandAgreesWithBoostOnRandomGraphs) {
    std::mt19937_64 rng(17);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    int partial = 0;
    for (int round = 0; round < 150; ++round) {
        NetBuilder b;
        const int n = pick(3, 30);
        for (int i = 0; i < n; ++i) b.place(fmt::format("p{}", i));
        const int m = pick(n, 5 * n);
        std::vector<double> costs;
        std::vector<std::tuple<int, int, int, bool>> arcs;
        for (int r = 0; r < m; ++r) {
            const int u = pick(0, n - 1);
            int v = pick(0, n - 2);
            if (v >= u) ++v;
            const int cap = pick(0, 100);
            const bool two = pick(0, 1) == 1;
            b.route(fmt::format("r{}", r), fmt::format("p{}", u), fmt::format("p{}", v), cap,
                    {Mode::rail, two, {"cargo"}});
            costs.push_back(pick(1, 20));
            arcs.emplace_back(u, v, cap, two);
        }
        const Network net = b.build();
        const long asked = pick(1, 400);
        // Boost: a super-source n -> p0 of the tonnes asked, to p(n-1).
        BoostMcf mcf(static_cast<std::size_t>(n + 1));
        for (std::size_t r = 0; r < arcs.size(); ++r) {
            const auto [u, v, cap, two] = arcs[r];
            mcf.arc(static_cast<std::size_t>(u), static_cast<std::size_t>(v), cap, static_cast<long>(costs[r]));
            if (two)
                mcf.arc(static_cast<std::size_t>(v), static_cast<std::size_t>(u), cap, static_cast<long>(costs[r]));
        }
        mcf.arc(static_cast<std::size_t>(n), 0, asked, 0);
        const auto [flow, cost] = mcf.solve(static_cast<std::size_t>(n), static_cast<std::size_t>(n - 1));
        if (flow < asked) ++partial;
        for (auto solver : {AssignSolver::lp, AssignSolver::network_simplex}) {
            auto q =
                query_for(net, {demand("p0", fmt::format("p{}", n - 1), "cargo", static_cast<double>(asked))}, costs);
            q.solver = solver;
            const auto r = assign(net, q);
            SCOPED_TRACE(fmt::format("round {} solver {}", round, r.solver));
            EXPECT_TRUE(near(r.met_t_mo, static_cast<double>(flow)));
            EXPECT_TRUE(near(r.total_cost, static_cast<double>(cost))) << r.total_cost << " vs " << cost;
            double by_paths = 0;
            for (const auto& p : r.demands[0].paths) by_paths += p.t_mo;
            EXPECT_TRUE(near(by_paths, r.met_t_mo));
            for (std::size_t i = 0; i < net.routes.size(); ++i) EXPECT_LE(r.route_load[i], r.route_capacity[i] + 1e-6);
        }
    }
    EXPECT_GT(partial, 20);  // the cases hold both met and unmet demands
}

// ---- one demand against NetworkX's max_flow_min_cost (when python3 has networkx) --------------

// Runs NetworkX on the cases in `file` (one line each: s t asked, then u v cap cost per arc,
// ";"-separated) and returns one "flow cost" line per case.
std::vector<std::pair<double, double>> networkx_answers(const std::filesystem::path& file) {
    const std::string script =
        "import sys, networkx as nx\n"
        "for line in open(sys.argv[1]):\n"
        "    head, *arcs = line.strip().split(';')\n"
        "    s, t, asked = head.split()\n"
        "    g = nx.DiGraph()\n"
        "    g.add_edge('src', s, capacity=int(asked), weight=0)\n"
        "    for a in arcs:\n"
        "        u, v, cap, cost = a.split()\n"
        "        g.add_edge(u, v, capacity=int(cap), weight=int(cost))\n"
        "    if t not in g: print(0, 0); continue\n"
        "    flow = nx.max_flow_min_cost(g, 'src', t)\n"
        "    print(sum(flow['src'].values()), nx.cost_of_flow(g, flow))\n";
    const std::string cmd = "python3 -c \"" + script + "\" " + file.string() + " 2>/dev/null";
    std::vector<std::pair<double, double>> out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        double f = 0, c = 0;
        while (std::fscanf(p, "%lf %lf", &f, &c) == 2) out.emplace_back(f, c);
        ::pclose(p);
    }
    return out;
}

TEST(Assignment, OneDemandAgreesWithNetworkX) {
    if (std::system("python3 -c 'import networkx' >/dev/null 2>&1") != 0) GTEST_SKIP() << "python3 has no networkx";
    test::TempDir tmp;
    std::mt19937_64 rng(4242);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    std::vector<AssignmentResult> ours;
    std::ofstream cases(tmp / "cases.txt");
    for (int round = 0; round < 40; ++round) {
        NetBuilder b;
        const int n = pick(3, 25);
        for (int i = 0; i < n; ++i) b.place(fmt::format("p{}", i));
        std::set<std::pair<int, int>> seen;  // a DiGraph holds one arc per pair
        std::vector<double> costs;
        std::string arcs;
        for (int r = 0; r < 4 * n; ++r) {
            const int u = pick(0, n - 1);
            int v = pick(0, n - 2);
            if (v >= u) ++v;
            if (!seen.insert({u, v}).second || seen.count({v, u})) continue;
            const int cap = pick(0, 100), cost = pick(1, 20);
            b.route(fmt::format("r{}", r), fmt::format("p{}", u), fmt::format("p{}", v), cap);
            costs.push_back(cost);
            arcs += fmt::format(";p{} p{} {} {}", u, v, cap, cost);
        }
        const Network net = b.build();
        const int asked = pick(1, 300);
        cases << fmt::format("p0 p{} {}", n - 1, asked) << arcs << "\n";
        ours.push_back(assign(net, query_for(net, {demand("p0", fmt::format("p{}", n - 1), "cargo", asked)}, costs)));
    }
    cases.close();
    const auto theirs = networkx_answers(tmp / "cases.txt");
    ASSERT_EQ(theirs.size(), ours.size());
    for (std::size_t i = 0; i < ours.size(); ++i) {
        EXPECT_TRUE(near(ours[i].met_t_mo, theirs[i].first))
            << i << ": " << ours[i].met_t_mo << " vs " << theirs[i].first;
        EXPECT_TRUE(near(ours[i].total_cost, theirs[i].second))
            << i << ": " << ours[i].total_cost << " vs " << theirs[i].second;
    }
}

// ---- several demands against GLPK ------------------------------------------------------------
// The arc-flow formulation, one flow per demand: x[d,a] per route direction carrying d's
// commodity, conservation per demand and place, a met column per demand (<= its tonnes),
// route rows over every demand and direction, place rows over what enters a place (and starts
// there). Solved once per priority (maximise its met tonnes, then hold them) and once for cost.

struct GlpDeleter {
    void operator()(glp_prob* p) const { glp_delete_prob(p); }
};

struct GlpkAnswer {
    std::map<int, double> met;  // per priority
    double cost = 0;
};

GlpkAnswer glpk_assign(const Network& net, const AssignmentQuery& q) {
    std::unique_ptr<glp_prob, GlpDeleter> lp(glp_create_prob());
    std::vector<int> ia{0}, ja{0};
    std::vector<double> ar{0};
    auto row = [&](int type, double lo, double hi) {
        const int i = glp_add_rows(lp.get(), 1);
        glp_set_row_bnds(lp.get(), i, type, lo, hi);
        return i;
    };
    auto col = [&](double hi) {
        const int j = glp_add_cols(lp.get(), 1);
        glp_set_col_bnds(lp.get(), j, hi < 0 ? GLP_LO : GLP_DB, 0.0, hi < 0 ? 0.0 : hi);
        return j;
    };
    auto entry = [&](int i, int j, double v) {
        ia.push_back(i);
        ja.push_back(j);
        ar.push_back(v);
    };
    std::vector<int> route_row, place_row(net.places.size(), 0);
    for (const Route& r : net.routes) route_row.push_back(row(GLP_UP, 0, std::floor(*r.figures.capacity)));
    for (std::size_t v = 0; v < net.places.size(); ++v)
        if (net.places[v].capacity) place_row[v] = row(GLP_UP, 0, *net.places[v].capacity);
    std::vector<std::pair<int, double>> cost_cols;  // column, cost
    std::vector<std::pair<int, int>> met_cols;      // column, priority
    for (const Demand& d : q.demands) {
        std::vector<int> node(net.places.size());
        for (auto& i : node) i = row(GLP_FX, 0, 0);
        const int met = col(d.t_mo);
        met_cols.emplace_back(met, d.priority);
        const int source = row(GLP_FX, 0, 0);
        entry(source, met, -1);
        for (std::size_t v : resolve_endpoint(net, d.from)) {
            const int s = col(-1);
            entry(source, s, 1);
            entry(node[v], s, 1);
            if (place_row[v]) entry(place_row[v], s, 1);
        }
        const int sink = row(GLP_FX, 0, 0);
        entry(sink, met, 1);
        for (std::size_t v : resolve_endpoint(net, d.to)) {
            const int t = col(-1);
            entry(node[v], t, -1);
            entry(sink, t, -1);
        }
        for (std::size_t r = 0; r < net.routes.size(); ++r) {
            const Route& route = net.routes[r];
            if (!carries(route, monthly_capacity(route.figures), d.commodity)) continue;
            const std::size_t a = *net.place_index(route.from_id), b = *net.place_index(route.to_id);
            for (int dir = 0; dir < (route.two_way ? 2 : 1); ++dir) {
                const std::size_t u = dir == 0 ? a : b, v = dir == 0 ? b : a;
                const int x = col(-1);
                entry(node[u], x, -1);
                entry(node[v], x, 1);
                entry(route_row[r], x, 1);
                if (place_row[v]) entry(place_row[v], x, 1);
                cost_cols.emplace_back(x, q.route_cost[r]);
            }
        }
    }
    glp_load_matrix(lp.get(), static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    auto solve = [&] {
        EXPECT_EQ(glp_simplex(lp.get(), &parm), 0);
        EXPECT_EQ(glp_get_status(lp.get()), GLP_OPT);
        return glp_get_obj_val(lp.get());
    };
    auto clear = [&] {
        for (int j = 1; j <= glp_get_num_cols(lp.get()); ++j) glp_set_obj_coef(lp.get(), j, 0);
    };
    GlpkAnswer out;
    std::set<int> priorities;
    for (const auto& d : q.demands) priorities.insert(d.priority);
    for (int p : priorities) {
        clear();
        glp_set_obj_dir(lp.get(), GLP_MAX);
        std::vector<int> cols{0};
        std::vector<double> ones{0};
        for (const auto& [j, prio] : met_cols)
            if (prio == p) {
                glp_set_obj_coef(lp.get(), j, 1);
                cols.push_back(j);
                ones.push_back(1);
            }
        const double best = solve();
        out.met[p] = best;
        const int hold = row(GLP_LO, best - 1e-7 * std::max(1.0, best), 0);
        glp_set_mat_row(lp.get(), hold, static_cast<int>(cols.size()) - 1, cols.data(), ones.data());
    }
    clear();
    glp_set_obj_dir(lp.get(), GLP_MIN);
    for (const auto& [j, c] : cost_cols) glp_set_obj_coef(lp.get(), j, c);
    out.cost = solve();
    return out;
}

TEST(Assignment, SeveralDemandsAgreeWithGlpkOnRandomGraphs) {
    std::mt19937_64 rng(1717);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const std::vector<std::string> goods{"cargo", "coal", "crude_oil"};
    const Mode modes[] = {Mode::rail, Mode::road, Mode::pipeline};
    int some_unmet = 0;
    for (int round = 0; round < 120; ++round) {
        NetBuilder b;
        const int n = pick(4, 20);
        for (int i = 0; i < n; ++i) {
            std::optional<double> cap;
            if (pick(0, 5) == 0) cap = pick(0, 150);
            b.place(fmt::format("p{}", i), i % 2 ? "AA" : "BB", cap);
        }
        const int m = pick(n, 4 * n);
        std::vector<double> costs;
        for (int r = 0; r < m; ++r) {
            const int u = pick(0, n - 1);
            int v = pick(0, n - 2);
            if (v >= u) ++v;
            std::vector<std::string> list;
            for (const auto& k : goods)
                if (pick(0, 1)) list.push_back(k);
            if (list.empty()) list.push_back("cargo");
            b.route(fmt::format("r{}", r), fmt::format("p{}", u), fmt::format("p{}", v), pick(0, 100),
                    {modes[pick(0, 2)], pick(0, 1) == 1, list});
            costs.push_back(pick(1, 30) / 3.0);
        }
        const Network net = b.build();
        std::vector<Demand> demands;
        const int nd = pick(1, 6);
        for (int i = 0; i < nd; ++i) {
            const int u = pick(0, n - 1);
            int v = pick(0, n - 2);
            if (v >= u) ++v;
            demands.push_back(demand(pick(0, 5) == 0 ? (u % 2 ? "AA" : "BB") : fmt::format("p{}", u),
                                     fmt::format("p{}", v), goods[static_cast<std::size_t>(pick(0, 2))], pick(1, 150),
                                     pick(1, 3)));
            if (demands.back().from == "AA" && v % 2 == 1) demands.back().from = fmt::format("p{}", u);
            if (demands.back().from == "BB" && v % 2 == 0) demands.back().from = fmt::format("p{}", u);
        }
        const auto q = query_for(net, demands, costs);
        const auto ours = assign(net, q);
        const auto theirs = glpk_assign(net, q);
        SCOPED_TRACE(fmt::format("round {}", round));
        std::map<int, double> met;
        for (std::size_t d = 0; d < demands.size(); ++d) met[demands[d].priority] += ours.demands[d].met_t_mo;
        for (const auto& [p, t] : theirs.met)
            EXPECT_TRUE(near(met[p], t, 1e-5)) << "priority " << p << ": " << met[p] << " vs " << t;
        EXPECT_TRUE(near(ours.total_cost, theirs.cost, 1e-5)) << ours.total_cost << " vs " << theirs.cost;
        if (ours.unmet_t_mo > 0) ++some_unmet;
        for (std::size_t i = 0; i < net.routes.size(); ++i)
            EXPECT_LE(ours.route_load[i], ours.route_capacity[i] + 1e-6);
        for (std::size_t d = 0; d < demands.size(); ++d) {
            if (ours.demands[d].unmet_t_mo <= 0 || !ours.demands[d].cannot_serve.empty()) continue;
            EXPECT_FALSE(ours.demands[d].binding.empty() && ours.demands[d].binding_limits.empty()) << "demand " << d;
        }
    }
    EXPECT_GT(some_unmet, 20);
}

}  // namespace
}  // namespace corridor
