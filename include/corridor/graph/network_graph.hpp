// The directed Boost.Graph of a network, built once; queries change only arc capacities.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/property_map/property_map.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "corridor/model/capacity.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

// Integer tonnes (or passengers) per month inside the solver, so cuts are exact.
using Flow = std::int64_t;
inline constexpr Flow kUnlimited = std::numeric_limits<Flow>::max() / 4;  // "no limit" outside the solver
inline constexpr Flow kMaxCapacity = 1'000'000'000'000'000;               // 10^15 per arc inside it
static_assert(static_cast<double>(kMaxCapacity) == kMaxMonthlyCapacity,
              "the loader refuses what the solver cannot hold");

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

// What an arc stands for, in 4 bytes; its capacity, residual and twin live in NetworkGraph's
// arrays indexed by edge index (Boost's max-flow algorithms take them as property maps).
inline constexpr std::size_t kMaxItems = std::size_t{1} << 28;  // routes, and places, in a graph
struct Arc {
    ArcKind kind : 3 = ArcKind::reverse;
    bool backward : 1 = false;    // a route arc running to_id -> from_id
    std::uint32_t item : 28 = 0;  // route or place index
};
static_assert(sizeof(Arc) == 4);

// A compressed sparse row graph: arcs stored contiguously by source, fixed once built;
// queries change only capacities. With its arrays, 28 bytes an arc: target 4, Arc 4,
// twin 4, capacity 8, residual 8.
using FlowGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Arc, boost::no_property,
                                                     Vertex, std::uint32_t>;

// The places that get an arc from the super-source (sources) and to the super-sink (sinks).
// A query can only use places that have them. A graph built for one query's endpoints has
// four arcs fewer per other place (its source and sink arcs with their twins) than one
// built for every place: 3.4 instead of 5.4 million arcs at 1M routes and 500k places.
struct Terminals {
    std::vector<std::size_t> sources;  // place indices, any order; duplicates are ignored
    std::vector<std::size_t> sinks;
};

// The source (or sink) arcs of a graph: one per terminal place, by place index.
struct TerminalArcs {
    std::vector<std::uint32_t> places;  // ascending place indices
    std::vector<Edge> arcs;             // arcs[k] is the arc of places[k]

    std::size_t size() const { return places.size(); }
    // The arc of a place, or nullptr when the graph was built without one.
    const Edge* find(std::size_t place) const;
};

// The reverse-edge map Boost's max-flow algorithms take: the twin of arc u -> v is the arc
// v -> u at edge index twin[e.idx] (so only the 32-bit index is stored).
struct TwinMap {
    using key_type = Edge;
    using value_type = Edge;
    using reference = Edge;
    using category = boost::readable_property_map_tag;
    const FlowGraph* g = nullptr;
    const std::uint32_t* twin = nullptr;
};
inline Edge get(const TwinMap& m, const Edge& e) { return Edge(boost::target(e, *m.g), m.twin[e.idx]); }

// The graph with its vertices: a place is one vertex, or an in and an out vertex
// joined by a place arc when it has a capacity of its own; one super-source and
// one super-sink joined to the terminal places by arcs that stay closed until a query opens them.
struct NetworkGraph {
    FlowGraph g;
    std::vector<Flow> capacity;       // by edge index (e.idx)
    std::vector<Flow> residual;       // by edge index, filled by the solver
    std::vector<std::uint32_t> twin;  // by edge index: the edge index of the residual twin
    Vertex source = 0;
    Vertex sink = 0;
    std::vector<Vertex> place_in;
    std::vector<Vertex> place_out;
    std::vector<Edge> route_arcs;  // forward arcs of route i: route_first[i] .. route_first[i+1]
    std::vector<std::uint32_t> route_first;
    TerminalArcs source_arcs;      // super-source -> place_in, for the terminal places only
    TerminalArcs sink_arcs;        // place_out -> super-sink, for the terminal places only
    std::vector<Edge> place_arcs;  // by place (only for places with a capacity), else default
    std::vector<bool> place_split;

    Edge twin_of(Edge e) const { return get(twin_map(), e); }
    TwinMap twin_map() const { return TwinMap{&g, twin.data()}; }
};

// Builds the graph with source and sink arcs for every place, for callers that run queries
// between many different endpoints; capacities are left at zero (see flow.hpp for how a
// query sets them).
NetworkGraph build_graph(const Network& net);

// Builds the graph with source arcs only for terminals.sources and sink arcs only for
// terminals.sinks (see query_terminals in flow.hpp); a query between other places is refused.
NetworkGraph build_graph(const Network& net, const Terminals& terminals);

}  // namespace corridor
