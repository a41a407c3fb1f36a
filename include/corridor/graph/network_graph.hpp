// The directed Boost.Graph of a network, built once; queries change only arc capacities.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "corridor/model/measure.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

// Integer tonnes (or passengers) per month inside the solver, so cuts are exact.
using Flow = std::int64_t;
inline constexpr Flow kUnlimited = std::numeric_limits<Flow>::max() / 4;

enum class ArcKind : std::uint8_t {
    route,    // a route in its direction of travel (two per two-way route)
    place,    // in-node to out-node of a place with a capacity of its own
    source,   // super-source to a place (opened per query)
    sink,     // a place to the super-sink (opened per query)
    reverse,  // the residual twin of any of the above (capacity 0)
};

namespace graph_detail {
using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
}

struct Arc {
    Flow capacity = 0;
    Flow residual = 0;
    graph_detail::Traits::edge_descriptor twin;
    ArcKind kind = ArcKind::reverse;
    bool backward = false;        // a route arc running to_id -> from_id
    std::uint32_t item = 0;       // route or place index
};

using FlowGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, Arc>;
using Vertex = boost::graph_traits<FlowGraph>::vertex_descriptor;
using Edge = boost::graph_traits<FlowGraph>::edge_descriptor;

// The graph with its vertices: a place is one vertex, or an in and an out vertex
// joined by a place arc when it has a capacity of its own; one super-source and
// one super-sink joined to every place by arcs that stay closed until a query opens them.
struct NetworkGraph {
    FlowGraph g;
    Vertex source = 0;
    Vertex sink = 0;
    std::vector<Vertex> place_in;
    std::vector<Vertex> place_out;
    std::vector<Edge> route_arcs;     // forward arcs of route i: route_first[i] .. route_first[i+1]
    std::vector<std::size_t> route_first;
    std::vector<Edge> source_arcs;    // by place
    std::vector<Edge> sink_arcs;      // by place
    std::vector<Edge> place_arcs;     // by place (only for places with a capacity), else default
    std::vector<bool> place_split;
};

// Builds the graph; capacities are left at zero (see flow.hpp for how a query sets them).
NetworkGraph build_graph(const Network& net);

}  // namespace corridor
