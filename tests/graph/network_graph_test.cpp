// The flow graph's shape: route arcs per direction, residual twins, split places, source and sink arcs.
#include "corridor/graph/network_graph.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "corridor/error.hpp"

namespace corridor {
namespace {

Place make_place(const std::string& id, double lon, std::optional<double> capacity = std::nullopt) {
    Place p;
    p.id = id;
    p.name = id;
    p.country = "RU";
    p.kind = "city";
    p.pos = {lon, 40.0};
    p.capacity = capacity;
    return p;
}

Route make_route(const Network& net, const std::string& id, const std::string& from, const std::string& to,
                 bool two_way) {
    Route r;
    r.id = id;
    r.mode = Mode::rail;
    r.from_id = from;
    r.to_id = to;
    r.two_way = two_way;
    r.commodities = {"cargo"};
    r.figures.capacity = 100;
    r.line = {net.place(from).pos, net.place(to).pos};
    return r;
}

// a -- b (two-way), b -> c (one-way), c has a capacity of its own.
Network small_network() {
    Network net;
    net.places = {make_place("a", 130.0), make_place("b", 130.5), make_place("c", 131.0, 50.0)};
    net.build_index();
    net.routes.push_back(make_route(net, "ab", "a", "b", true));
    net.routes.push_back(make_route(net, "bc", "b", "c", false));
    return net;
}

TEST(NetworkGraph, RouteArcsPerDirection) {
    const Network net = small_network();
    const NetworkGraph ng = build_graph(net);
    ASSERT_EQ(ng.route_first.size(), net.routes.size() + 1);
    EXPECT_EQ(ng.route_first[0], 0u);
    EXPECT_EQ(ng.route_first[1] - ng.route_first[0], 2u) << "two-way route: two forward arcs";
    EXPECT_EQ(ng.route_first[2] - ng.route_first[1], 1u) << "one-way route: one forward arc";
    EXPECT_EQ(ng.route_arcs.size(), 3u);
    EXPECT_EQ(ng.route_first.back(), ng.route_arcs.size());

    const auto& g = ng.g;
    // two-way "ab": a -> b forward, b -> a backward
    const Edge ab = ng.route_arcs[0];
    const Edge ba = ng.route_arcs[1];
    EXPECT_EQ(g[ab].kind, ArcKind::route);
    EXPECT_EQ(g[ba].kind, ArcKind::route);
    EXPECT_EQ(g[ab].item, 0u);
    EXPECT_EQ(g[ba].item, 0u);
    EXPECT_FALSE(g[ab].backward);
    EXPECT_TRUE(g[ba].backward);
    EXPECT_EQ(boost::source(ab, g), ng.place_out[0]);
    EXPECT_EQ(boost::target(ab, g), ng.place_in[1]);
    EXPECT_EQ(boost::source(ba, g), ng.place_out[1]);
    EXPECT_EQ(boost::target(ba, g), ng.place_in[0]);
    // one-way "bc" enters the in-vertex of split c
    const Edge bc = ng.route_arcs[2];
    EXPECT_EQ(g[bc].item, 1u);
    EXPECT_FALSE(g[bc].backward);
    EXPECT_EQ(boost::source(bc, g), ng.place_out[1]);
    EXPECT_EQ(boost::target(bc, g), ng.place_in[2]);
}

TEST(NetworkGraph, EveryForwardArcHasAReverseTwin) {
    const Network net = small_network();
    const NetworkGraph ng = build_graph(net);
    const auto& g = ng.g;
    std::size_t forward = 0, reverse = 0;
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        const Arc& a = g[*e];
        EXPECT_EQ(ng.capacity[e->idx], 0) << "capacities are left at zero";
        const Edge t = ng.twin_of(*e);
        EXPECT_EQ(boost::source(t, g), boost::target(*e, g));
        EXPECT_EQ(boost::target(t, g), boost::source(*e, g));
        EXPECT_EQ(ng.twin_of(t), *e) << "the twin's twin is the arc itself";
        EXPECT_EQ(g[t].item, a.item);
        if (a.kind == ArcKind::reverse) {
            ++reverse;
            EXPECT_NE(g[t].kind, ArcKind::reverse);
        } else {
            ++forward;
            EXPECT_EQ(g[t].kind, ArcKind::reverse);
        }
    }
    EXPECT_EQ(forward, reverse);
    // 3 route arcs + 1 place arc + 3 source + 3 sink
    EXPECT_EQ(forward, 10u);
    EXPECT_EQ(boost::num_edges(g), 20u);
}

TEST(NetworkGraph, PlaceWithCapacityIsSplit) {
    const Network net = small_network();
    const NetworkGraph ng = build_graph(net);
    const auto& g = ng.g;
    ASSERT_EQ(ng.place_split.size(), 3u);
    EXPECT_FALSE(ng.place_split[0]);
    EXPECT_FALSE(ng.place_split[1]);
    EXPECT_TRUE(ng.place_split[2]);
    EXPECT_EQ(ng.place_in[0], ng.place_out[0]);
    EXPECT_EQ(ng.place_in[1], ng.place_out[1]);
    EXPECT_NE(ng.place_in[2], ng.place_out[2]);

    const Edge pa = ng.place_arcs[2];
    EXPECT_EQ(g[pa].kind, ArcKind::place);
    EXPECT_EQ(g[pa].item, 2u);
    EXPECT_EQ(boost::source(pa, g), ng.place_in[2]);
    EXPECT_EQ(boost::target(pa, g), ng.place_out[2]);
    EXPECT_EQ(g[ng.twin_of(pa)].kind, ArcKind::reverse);

    // places + split places + super-source + super-sink
    EXPECT_EQ(boost::num_vertices(g), 3u + 1u + 2u);
}

TEST(NetworkGraph, SourceAndSinkArcsForEveryPlace) {
    const Network net = small_network();
    const NetworkGraph ng = build_graph(net);
    const auto& g = ng.g;
    ASSERT_EQ(ng.source_arcs.size(), net.places.size());
    ASSERT_EQ(ng.sink_arcs.size(), net.places.size());
    EXPECT_NE(ng.source, ng.sink);
    for (std::size_t i = 0; i < net.places.size(); ++i) {
        SCOPED_TRACE(net.places[i].id);
        EXPECT_NE(ng.place_in[i], ng.source);
        EXPECT_NE(ng.place_out[i], ng.sink);
        ASSERT_NE(ng.source_arcs.find(i), nullptr);
        ASSERT_NE(ng.sink_arcs.find(i), nullptr);
        EXPECT_EQ(ng.source_arcs.places[i], i);
        EXPECT_EQ(ng.sink_arcs.places[i], i);
        const Edge s = *ng.source_arcs.find(i);
        EXPECT_EQ(g[s].kind, ArcKind::source);
        EXPECT_EQ(g[s].item, i);
        EXPECT_EQ(boost::source(s, g), ng.source);
        EXPECT_EQ(boost::target(s, g), ng.place_in[i]);
        const Edge t = *ng.sink_arcs.find(i);
        EXPECT_EQ(g[t].kind, ArcKind::sink);
        EXPECT_EQ(g[t].item, i);
        EXPECT_EQ(boost::source(t, g), ng.place_out[i]);
        EXPECT_EQ(boost::target(t, g), ng.sink);
    }
}

TEST(NetworkGraph, VertexCountCountsSplitPlaces) {
    Network net;
    for (int i = 0; i < 7; ++i)
        net.places.push_back(
            make_place(fmt::format("p{}", i), 130.0 + i, i % 3 == 0 ? std::optional<double>(10.0 * i) : std::nullopt));
    net.build_index();
    for (int i = 0; i + 1 < 7; ++i)
        net.routes.push_back(
            make_route(net, fmt::format("r{}", i), fmt::format("p{}", i), fmt::format("p{}", i + 1), i % 2 == 0));
    const NetworkGraph ng = build_graph(net);
    // p0, p3, p6 are split (a capacity of 0 still counts as a capacity of its own)
    EXPECT_EQ(boost::num_vertices(ng.g), 7u + 3u + 2u);
    std::size_t split = 0;
    for (bool s : ng.place_split) split += s ? 1 : 0;
    EXPECT_EQ(split, 3u);
    // two-way r0, r2, r4: 2 arcs each; r1, r3, r5: 1 each
    EXPECT_EQ(ng.route_arcs.size(), 9u);
    // forward arcs: 9 route + 3 place + 7 source + 7 sink, each with a twin
    EXPECT_EQ(boost::num_edges(ng.g), 2u * (9u + 3u + 7u + 7u));
}

TEST(NetworkGraph, ArcsOfAVertexKeepTheOrderTheyAreMadeIn) {
    // The solvers' flows (and so the paths) depend on the order of each vertex's arcs:
    // place arcs, then routes in order (each arc, then its twin), then per place its
    // source arc and its sink arc.
    const Network net = small_network();
    const NetworkGraph ng = build_graph(net);
    const auto& g = ng.g;
    std::vector<std::tuple<ArcKind, std::uint32_t, bool, Vertex>> a;
    for (auto [e, end] = boost::out_edges(ng.place_in[0], g); e != end; ++e)
        a.emplace_back(g[*e].kind, std::uint32_t{g[*e].item}, bool{g[*e].backward}, boost::target(*e, g));
    using T = std::tuple<ArcKind, std::uint32_t, bool, Vertex>;
    EXPECT_EQ(a, (std::vector<T>{{ArcKind::route, 0, false, ng.place_in[1]},     // ab
                                 {ArcKind::reverse, 0, false, ng.place_out[1]},  // twin of ab backwards
                                 {ArcKind::reverse, 0, false, ng.source},        // twin of a's source arc
                                 {ArcKind::sink, 0, false, ng.sink}}));
    a.clear();
    for (auto [e, end] = boost::out_edges(ng.place_in[2], g); e != end; ++e)
        a.emplace_back(g[*e].kind, std::uint32_t{g[*e].item}, bool{g[*e].backward}, boost::target(*e, g));
    EXPECT_EQ(a, (std::vector<T>{{ArcKind::place, 2, false, ng.place_out[2]},
                                 {ArcKind::reverse, 1, false, ng.place_out[1]},  // twin of bc
                                 {ArcKind::reverse, 2, false, ng.source}}));
}

TEST(NetworkGraph, TerminalsOnlyWhereAsked) {
    const Network net = small_network();
    // duplicates and order do not matter
    const NetworkGraph ng = build_graph(net, Terminals{{2, 0, 2}, {1}});
    const auto& g = ng.g;
    EXPECT_EQ(ng.source_arcs.places, (std::vector<std::uint32_t>{0, 2}));
    EXPECT_EQ(ng.sink_arcs.places, (std::vector<std::uint32_t>{1}));
    EXPECT_EQ(ng.source_arcs.find(1), nullptr);
    EXPECT_EQ(ng.sink_arcs.find(0), nullptr);
    EXPECT_EQ(ng.sink_arcs.find(2), nullptr);
    EXPECT_EQ(ng.sink_arcs.find(7), nullptr);
    for (std::size_t i : {0u, 2u}) {
        ASSERT_NE(ng.source_arcs.find(i), nullptr);
        const Edge s = *ng.source_arcs.find(i);
        EXPECT_EQ(g[s].kind, ArcKind::source);
        EXPECT_EQ(g[s].item, i);
        EXPECT_EQ(boost::source(s, g), ng.source);
        EXPECT_EQ(boost::target(s, g), ng.place_in[i]);
    }
    ASSERT_NE(ng.sink_arcs.find(1), nullptr);
    const Edge t = *ng.sink_arcs.find(1);
    EXPECT_EQ(g[t].kind, ArcKind::sink);
    EXPECT_EQ(boost::source(t, g), ng.place_out[1]);
    EXPECT_EQ(boost::target(t, g), ng.sink);
    // same vertices; 3 route arcs + 1 place arc + 2 source + 1 sink, each with a twin
    EXPECT_EQ(boost::num_vertices(g), 6u);
    EXPECT_EQ(boost::num_edges(g), 2u * 7u);
    EXPECT_EQ(ng.capacity.size(), boost::num_edges(g));
    EXPECT_EQ(ng.residual.size(), boost::num_edges(g));
    EXPECT_EQ(ng.twin.size(), boost::num_edges(g));
    for (auto [e, end] = boost::edges(g); e != end; ++e) {
        const Edge tw = ng.twin_of(*e);
        EXPECT_EQ(boost::source(tw, g), boost::target(*e, g));
        EXPECT_EQ(boost::target(tw, g), boost::source(*e, g));
        EXPECT_EQ(ng.twin_of(tw), *e);
    }

    const NetworkGraph none = build_graph(net, Terminals{});
    EXPECT_EQ(none.source_arcs.size(), 0u);
    EXPECT_EQ(none.sink_arcs.size(), 0u);
    EXPECT_EQ(boost::num_edges(none.g), 2u * 4u);
    EXPECT_THROW(build_graph(net, Terminals{{3}, {}}), error) << "no place 3";
}

// A lean graph is the full graph without the other places' source and sink arcs: every
// vertex keeps the rest of its arcs in the same order (what the solvers see is the same).
TEST(NetworkGraph, LeanGraphIsTheFullGraphWithoutOtherTerminals) {
    std::mt19937_64 rng(7);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    for (int t = 0; t < 50; ++t) {
        Network net;
        const int n = pick(1, 25);
        for (int i = 0; i < n; ++i)
            net.places.push_back(make_place("p" + std::to_string(i), 130.0 + 0.01 * i,
                                            pick(0, 3) == 0 ? std::optional<double>(pick(0, 50)) : std::nullopt));
        net.build_index();
        const int m = pick(0, 3 * n);
        for (int k = 0; k < m; ++k)
            net.routes.push_back(make_route(net, "r" + std::to_string(k), "p" + std::to_string(pick(0, n - 1)),
                                            "p" + std::to_string(pick(0, n - 1)), pick(0, 1) == 1));
        Terminals terminals;
        for (int i = 0; i < n; ++i) {
            if (pick(0, 3) == 0) terminals.sources.push_back(static_cast<std::size_t>(i));
            if (pick(0, 3) == 0) terminals.sinks.push_back(static_cast<std::size_t>(i));
        }
        SCOPED_TRACE("network " + std::to_string(t));
        const NetworkGraph full = build_graph(net);
        const NetworkGraph lean = build_graph(net, terminals);
        ASSERT_EQ(boost::num_vertices(lean.g), boost::num_vertices(full.g));
        EXPECT_EQ(lean.place_in, full.place_in);
        EXPECT_EQ(lean.place_out, full.place_out);
        EXPECT_EQ(lean.route_first, full.route_first);
        EXPECT_EQ(
            boost::num_edges(lean.g),
            boost::num_edges(full.g) - 2 * (2 * net.places.size() - terminals.sources.size() - terminals.sinks.size()));
        auto kept = [&](const Arc& a) {
            if (a.kind == ArcKind::source) return lean.source_arcs.find(a.item) != nullptr;
            if (a.kind == ArcKind::sink) return lean.sink_arcs.find(a.item) != nullptr;
            return true;
        };
        using Out = std::vector<std::tuple<ArcKind, std::uint32_t, bool, Vertex>>;
        for (Vertex v = 0; v < boost::num_vertices(full.g); ++v) {
            Out want, got;
            for (auto [e, end] = boost::out_edges(v, full.g); e != end; ++e) {
                const Arc& a = full.g[*e];
                // a reverse arc goes with its forward twin
                const Arc& fwd = a.kind == ArcKind::reverse ? full.g[full.twin_of(*e)] : a;
                if (kept(fwd))
                    want.emplace_back(a.kind, std::uint32_t{a.item}, bool{a.backward}, boost::target(*e, full.g));
            }
            for (auto [e, end] = boost::out_edges(v, lean.g); e != end; ++e) {
                const Arc& a = lean.g[*e];
                got.emplace_back(a.kind, std::uint32_t{a.item}, bool{a.backward}, boost::target(*e, lean.g));
                const Edge tw = lean.twin_of(*e);
                EXPECT_EQ(boost::source(tw, lean.g), boost::target(*e, lean.g));
                EXPECT_EQ(boost::target(tw, lean.g), v);
                EXPECT_EQ(lean.twin_of(tw), *e);
                EXPECT_NE(a.kind == ArcKind::reverse, lean.g[tw].kind == ArcKind::reverse);
            }
            EXPECT_EQ(got, want) << "vertex " << v;
        }
        // the lists point at the right arcs
        for (std::size_t k = 0; k < lean.route_arcs.size(); ++k) {
            EXPECT_EQ(lean.g[lean.route_arcs[k]].kind, ArcKind::route);
            EXPECT_EQ(boost::source(lean.route_arcs[k], lean.g), boost::source(full.route_arcs[k], full.g));
            EXPECT_EQ(boost::target(lean.route_arcs[k], lean.g), boost::target(full.route_arcs[k], full.g));
        }
        for (std::size_t i = 0; i < net.places.size(); ++i)
            if (lean.place_split[i]) {
                EXPECT_EQ(lean.g[lean.place_arcs[i]].kind, ArcKind::place);
            }
        if (HasFailure()) break;
    }
}

TEST(NetworkGraph, EmptyNetwork) {
    Network net;
    net.build_index();
    const NetworkGraph ng = build_graph(net);
    EXPECT_EQ(boost::num_vertices(ng.g), 2u);
    EXPECT_EQ(boost::num_edges(ng.g), 0u);
    ASSERT_EQ(ng.route_first.size(), 1u);
    EXPECT_EQ(ng.route_first[0], 0u);
}

}  // namespace
}  // namespace corridor
