#include "corridor/graph/paths.hpp"

#include <fmt/format.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <functional>
#include <limits>
#include <optional>

#include "corridor/graph/flow.hpp"
#include "lp_layout.hpp"

namespace corridor {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Dijkstra (Boost.Graph) from `source`: the arcs of the best path to `sink` in travel order,
// or nullopt when none reaches it. The widest path's value is its smallest weight (a
// capacity), larger is better: min as the combine, > as the compare.
template <class Graph, class Weight>
std::optional<std::vector<typename boost::graph_traits<Graph>::edge_descriptor>> dijkstra_arcs(
    const Graph& g, std::size_t vertices, std::size_t source, std::size_t sink, Weight weight, bool widest) {
    using GEdge = typename boost::graph_traits<Graph>::edge_descriptor;
    using GVertex = typename boost::graph_traits<Graph>::vertex_descriptor;
    std::vector<double> dist(vertices);
    std::vector<GVertex> pred(vertices);     // Boost wants it; parallel routes need the edge below
    std::vector<GEdge> pred_edge(vertices);  // the arc that last improved each vertex
    std::vector<bool> reached(vertices, false);
    struct Recorder : boost::default_dijkstra_visitor {
        std::vector<GEdge>* edges;
        std::vector<bool>* seen;
        void edge_relaxed(const GEdge& e, const Graph& gg) {
            (*edges)[boost::target(e, gg)] = e;
            (*seen)[boost::target(e, gg)] = true;
        }
    } visitor;
    visitor.edges = &pred_edge;
    visitor.seen = &reached;
    auto index = boost::get(boost::vertex_index, g);
    auto params = boost::weight_map(weight)
                      .distance_map(boost::make_iterator_property_map(dist.begin(), index))
                      .predecessor_map(boost::make_iterator_property_map(pred.begin(), index))
                      .vertex_index_map(index)
                      .visitor(visitor);
    const auto s = static_cast<GVertex>(source);
    if (widest) {
        boost::dijkstra_shortest_paths(g, s,
                                       params.distance_compare(std::greater<double>())
                                           .distance_combine([](double a, double b) { return std::min(a, b); })
                                           .distance_inf(-1.0)
                                           .distance_zero(kInf));
    } else {
        boost::dijkstra_shortest_paths(g, s, params);
    }
    if (!reached[sink]) return std::nullopt;
    std::vector<GEdge> arcs;
    for (auto v = static_cast<GVertex>(sink); v != s;) {
        arcs.push_back(pred_edge[v]);
        v = boost::source(pred_edge[v], g);
    }
    std::reverse(arcs.begin(), arcs.end());
    return arcs;
}

// The best path's arcs: the shortest or fastest by `cost`; or, by capacity, the widest (the
// largest smallest `cap`) and among the widest the shortest by `km` (a second Dijkstra over
// the arcs at least that wide: a lexicographic widest-then-shortest order is not isotone, so
// one Dijkstra cannot rank both).
template <class Graph, class Cap, class Cost, class Km>
std::optional<std::vector<typename boost::graph_traits<Graph>::edge_descriptor>> best_arcs(
    const Graph& g, std::size_t vertices, std::size_t source, std::size_t sink, PathCriterion criterion, Cap cap,
    Cost cost, Km km) {
    using GEdge = typename boost::graph_traits<Graph>::edge_descriptor;
    if (criterion != PathCriterion::capacity)
        return dijkstra_arcs(g, vertices, source, sink, boost::make_function_property_map<GEdge, double>(cost), false);
    const auto widest =
        dijkstra_arcs(g, vertices, source, sink, boost::make_function_property_map<GEdge, double>(cap), true);
    if (!widest) return widest;
    double width = kInf;
    for (const GEdge& e : *widest) width = std::min(width, cap(e));
    const auto shortest_wide = [&](const GEdge& e) { return cap(e) >= width ? km(e) : kInf; };
    auto found = dijkstra_arcs(g, vertices, source, sink,
                               boost::make_function_property_map<GEdge, double>(shortest_wide), false);
    return found ? found : widest;
}

void add_route(PathResult& out, const std::vector<RouteMeasure>& measures, const std::vector<MonthlyCapacity>& caps,
               std::size_t r, bool backward) {
    out.routes.push_back(r);
    out.backward.push_back(backward);
    out.length = out.length + measures[r].length;
    out.hours = out.hours + measures[r].hours;
    out.bottleneck = std::min(out.bottleneck, static_cast<Flow>(std::floor(caps[r].tonnes.value + 1e-6)));
}

void add_place_bound(PathResult& out, const Place& p) {
    out.bottleneck = std::min(out.bottleneck, static_cast<Flow>(std::floor(*p.capacity + 1e-6)));
}

// Per place, whether it is an origin (or a destination) of the query. Throws when one is both.
struct Ends {
    std::vector<std::size_t> origins, destinations;
    std::vector<bool> is_origin, is_destination;
};

Ends ends_of(const Network& net, const std::string& from, const std::string& to) {
    Ends e{resolve_endpoint(net, from), resolve_endpoint(net, to), std::vector<bool>(net.places.size()),
           std::vector<bool>(net.places.size())};
    for (auto i : e.origins) e.is_origin[i] = true;
    for (auto i : e.destinations) e.is_destination[i] = true;
    for (auto i : e.origins)
        if (e.is_destination[i])
            throw infeasible_error("place " + net.places[i].id + " is both an origin and a destination");
    return e;
}

// The path on the network graph: a place is one node, or two joined by its capacity arc.
PathResult plain_path(const NetworkGraph& ng, const Network& net, const std::vector<RouteMeasure>& measures,
                      const std::vector<MonthlyCapacity>& caps, const Ends& e, const std::string& from,
                      const std::string& to, PathCriterion criterion) {
    // A graph built for other terminals would find no path, or the wrong one: refuse it.
    auto require = [&](const TerminalArcs& arcs, const std::vector<std::size_t>& places, const char* kind) {
        for (auto i : places)
            if (arcs.find(i) == nullptr)
                throw error(
                    fmt::format("the graph has no {} arc for place {} ({} -> {}): it was built for other "
                                "endpoints; build it with query_terminals for this query, or for every place",
                                kind, net.places[i].id, from, to));
    };
    require(ng.source_arcs, e.origins, "source");
    require(ng.sink_arcs, e.destinations, "sink");

    const FlowGraph& g = ng.g;
    // The arcs a path may use: open routes, places, and the query's source and sink arcs.
    auto usable = [&](const Edge& edge) {
        const Arc& a = g[edge];
        switch (a.kind) {
            case ArcKind::route:
                return caps[a.item].tonnes.value > 0;
            case ArcKind::place:
                return true;
            case ArcKind::source:
                return static_cast<bool>(e.is_origin[a.item]);
            case ArcKind::sink:
                return static_cast<bool>(e.is_destination[a.item]);
            case ArcKind::reverse:
                return false;
        }
        return false;
    };
    const boost::filtered_graph<FlowGraph, std::function<bool(const Edge&)>> fg(g, usable);
    auto cap = [&](const Edge& edge) -> double {
        const Arc& a = g[edge];
        if (a.kind == ArcKind::route) return caps[a.item].tonnes.value;
        if (a.kind == ArcKind::place) return *net.places[a.item].capacity;
        return kInf;
    };
    auto cost_by = [&](PathCriterion c) {
        return [&g, &measures, c](const Edge& edge) -> double {
            const Arc& a = g[edge];
            if (a.kind != ArcKind::route) return 0.0;
            return c == PathCriterion::time ? measures[a.item].hours.value : measures[a.item].length.value;
        };
    };
    const auto arcs = best_arcs(fg, boost::num_vertices(g), ng.source, ng.sink, criterion, cap, cost_by(criterion),
                                cost_by(PathCriterion::distance));
    if (!arcs) throw infeasible_error("no open path from " + from + " to " + to);
    PathResult out;
    out.bottleneck = kUnlimited;
    for (const Edge& edge : *arcs) {
        const Arc& a = g[edge];
        if (a.kind == ArcKind::route) add_route(out, measures, caps, a.item, a.backward);
        if (a.kind == ArcKind::place) add_place_bound(out, net.places[a.item]);
    }
    return out;
}

// An arc of the gauge-layered graph: a route's direction, a link inside a place, a gauge
// change at a transfer place, or the query's source or sink arc.
enum class StepKind : std::uint8_t { route, link, transfer, source, sink };
struct Step {
    StepKind kind = StepKind::link;
    std::uint32_t item = 0;  // route index; place index otherwise
    bool backward = false;
};
using LayeredGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, Step>;

// The path with the joint flow's gauge rule (lp_layout.hpp): a place is a node per gauge
// besides its in and out nodes, and rail flow changes gauge only at a transfer place, whose
// capacity bounds what it transfers. A place whose capacity bounds everything passing is
// passed at that capacity.
// The layered graph of the open routes, the links inside places and the query's terminals.
struct Layered {
    lp::Layout layout;
    std::size_t source, sink;
    LayeredGraph g;

    Layered(const Network& net, const std::vector<MonthlyCapacity>& caps, std::vector<Gauge> gauges, const Ends& e)
        : layout(std::move(gauges)), source(static_cast<std::size_t>(layout.layers) * net.places.size()),
          sink(source + 1), g(source + 2) {
        std::vector<lp::LpArc> arcs = lp::route_arcs(net, layout);
        lp::add_links(net, layout, arcs);
        for (const lp::LpArc& a : arcs) {
            if (a.role == lp::ArcRole::route && !(caps[a.item].tonnes.value > 0)) continue;
            const StepKind kind = a.role == lp::ArcRole::route      ? StepKind::route
                                  : a.role == lp::ArcRole::transfer ? StepKind::transfer
                                                                    : StepKind::link;
            boost::add_edge(a.tail, a.head, Step{kind, a.item, a.backward}, g);
        }
        for (auto p : e.origins)
            boost::add_edge(source, layout.in(p), Step{StepKind::source, static_cast<std::uint32_t>(p)}, g);
        for (auto p : e.destinations)
            boost::add_edge(layout.out(p), sink, Step{StepKind::sink, static_cast<std::uint32_t>(p)}, g);
    }
};

// A capacity on everything passing the place, or only on what it transfers or converts.
bool bounds_passing(const Place& p) { return p.capacity && !p.capacity_bounds_handling(); }
bool bounds_handling(const Place& p) { return p.capacity && p.capacity_bounds_handling(); }

PathResult gauge_path(const NetworkGraph& ng, const Network& net, const std::vector<RouteMeasure>& measures,
                      const std::vector<MonthlyCapacity>& caps, std::vector<Gauge> gauges, const Ends& e,
                      const std::string& from, const std::string& to, PathCriterion criterion) {
    const Layered l(net, caps, std::move(gauges), e);
    const LayeredGraph& g = l.g;
    using LEdge = boost::graph_traits<LayeredGraph>::edge_descriptor;
    auto head_of = [&](const LEdge& edge) {
        return l.layout.place_of(static_cast<std::uint32_t>(boost::target(edge, g)));
    };
    auto cost_by = [&](PathCriterion c) {
        return [&g, &measures, c](const LEdge& edge) -> double {
            const Step& s = g[edge];
            if (s.kind != StepKind::route) return 0.0;
            return c == PathCriterion::time ? measures[s.item].hours.value : measures[s.item].length.value;
        };
    };
    auto cap = [&](const LEdge& edge) -> double {
        const Step& s = g[edge];
        if (s.kind == StepKind::route) {
            const Place& head = net.places[head_of(edge)];
            return bounds_passing(head) ? std::min(caps[s.item].tonnes.value, *head.capacity)
                                        : caps[s.item].tonnes.value;
        }
        const Place* at = s.kind == StepKind::transfer ? &net.places[s.item]
                          : s.kind == StepKind::source ? &net.places[s.item]
                                                       : nullptr;
        if (s.kind == StepKind::transfer && bounds_handling(*at)) return *at->capacity;
        if (s.kind == StepKind::source && bounds_passing(*at)) return *at->capacity;
        return kInf;
    };
    const auto found = best_arcs(g, boost::num_vertices(g), l.source, l.sink, criterion, cap, cost_by(criterion),
                                 cost_by(PathCriterion::distance));
    if (!found) {  // say why: no path at all, or none that keeps the gauge rule
        plain_path(ng, net, measures, caps, e, from, to, criterion);
        throw infeasible_error("no open path from " + from + " to " + to +
                               " that changes rail gauge only at a transfer place");
    }
    PathResult out;
    out.bottleneck = kUnlimited;
    for (const LEdge& edge : *found) {
        const Step& s = g[edge];
        if (s.kind == StepKind::route) {
            add_route(out, measures, caps, s.item, s.backward);
            if (bounds_passing(net.places[head_of(edge)])) add_place_bound(out, net.places[head_of(edge)]);
        } else if (s.kind == StepKind::source && bounds_passing(net.places[s.item])) {
            add_place_bound(out, net.places[s.item]);
        } else if (s.kind == StepKind::transfer) {
            out.gauge_changes.push_back(s.item);
            if (bounds_handling(net.places[s.item])) add_place_bound(out, net.places[s.item]);
        }
    }
    return out;
}

}  // namespace

PathResult best_path(const NetworkGraph& ng, const Network& net, const std::vector<RouteMeasure>& measures,
                     const std::vector<MonthlyCapacity>& caps, const std::string& from, const std::string& to,
                     PathCriterion criterion) {
    const Ends e = ends_of(net, from, to);
    auto gauges = lp::gauges_of(net, FlowQuery{}, caps);
    if (!gauges.empty()) return gauge_path(ng, net, measures, caps, std::move(gauges), e, from, to, criterion);
    return plain_path(ng, net, measures, caps, e, from, to, criterion);
}

}  // namespace corridor
