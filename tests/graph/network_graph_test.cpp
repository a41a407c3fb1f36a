// The flow graph's shape: route arcs per direction, residual twins, split places, source and sink arcs.
#include "corridor/graph/network_graph.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

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
        const Edge t = ng.twin[e->idx];
        EXPECT_EQ(boost::source(t, g), boost::target(*e, g));
        EXPECT_EQ(boost::target(t, g), boost::source(*e, g));
        EXPECT_EQ(ng.twin[t.idx], *e) << "the twin's twin is the arc itself";
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
    EXPECT_EQ(g[ng.twin[pa.idx]].kind, ArcKind::reverse);

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
        const Edge s = ng.source_arcs[i];
        EXPECT_EQ(g[s].kind, ArcKind::source);
        EXPECT_EQ(g[s].item, i);
        EXPECT_EQ(boost::source(s, g), ng.source);
        EXPECT_EQ(boost::target(s, g), ng.place_in[i]);
        const Edge t = ng.sink_arcs[i];
        EXPECT_EQ(g[t].kind, ArcKind::sink);
        EXPECT_EQ(g[t].item, i);
        EXPECT_EQ(boost::source(t, g), ng.place_out[i]);
        EXPECT_EQ(boost::target(t, g), ng.sink);
    }
}

TEST(NetworkGraph, VertexCountCountsSplitPlaces) {
    Network net;
    for (int i = 0; i < 7; ++i)
        net.places.push_back(make_place(fmt::format("p{}", i), 130.0 + i,
                                        i % 3 == 0 ? std::optional<double>(10.0 * i) : std::nullopt));
    net.build_index();
    for (int i = 0; i + 1 < 7; ++i)
        net.routes.push_back(make_route(net, fmt::format("r{}", i), fmt::format("p{}", i),
                                        fmt::format("p{}", i + 1), i % 2 == 0));
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
