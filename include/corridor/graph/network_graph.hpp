// The directed Boost.Graph of a network, built once; queries change only arc capacities.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "corridor/model/measure.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

// Integer tonnes (or passengers) per month inside the solver, so cuts are exact.
using Flow = std::int64_t;
inline constexpr Flow kUnlimited = std::numeric_limits<Flow>::max() / 4;  // "no limit" outside the solver
inline constexpr Flow kMaxCapacity = 1'000'000'000'000'000;               // 10^15 per arc inside it

enum class ArcKind : std::uint8_t {
    route,    // a route in its direction of travel (two per two-way route)
    place,    // in-node to out-node of a place with a capacity of its own
    source,   // super-source to a place (opened per query)
    sink,     // a place to the super-sink (opened per query)
    reverse,  // the residual twin of any of the above (capacity 0)
};

// 32-bit vertex and edge indices: up to 4 billion arcs, half the memory of 64-bit ones.
using Vertex = std::uint32_t;
using Edge = boost::detail::csr_edge_descriptor<Vertex, std::uint32_t>;

// What an arc stands for; its capacity, residual and twin live in NetworkGraph's
// arrays indexed by edge index (Boost's max-flow algorithms take them as property maps).
struct Arc {
    ArcKind kind = ArcKind::reverse;
    bool backward = false;        // a route arc running to_id -> from_id
    std::uint32_t item = 0;       // route or place index
};

// A compressed sparse row graph: arcs stored contiguously by source (about 40 bytes an
// arc with its twin's share), fixed once built; queries change only capacities.
using FlowGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Arc, boost::no_property,
                                                     Vertex, std::uint32_t>;

// The graph with its vertices: a place is one vertex, or an in and an out vertex
// joined by a place arc when it has a capacity of its own; one super-source and
// one super-sink joined to every place by arcs that stay closed until a query opens them.
struct NetworkGraph {
    FlowGraph g;
    std::vector<Flow> capacity;  // by edge index (e.idx)
    std::vector<Flow> residual;  // by edge index, filled by the solver
    std::vector<Edge> twin;      // by edge index: the residual twin
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
