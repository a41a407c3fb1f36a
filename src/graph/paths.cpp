#include "corridor/graph/paths.hpp"

#include <fmt/format.h>

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <functional>
#include <limits>

#include "corridor/graph/flow.hpp"

namespace corridor {

PathResult best_path(const NetworkGraph& ng, const Network& net, const std::vector<RouteMeasure>& measures,
                     const std::vector<MonthlyCapacity>& caps, const std::string& from, const std::string& to,
                     PathCriterion criterion) {
    const auto origins = resolve_endpoint(net, from);
    const auto destinations = resolve_endpoint(net, to);
    std::vector<bool> is_origin(net.places.size()), is_destination(net.places.size());
    for (auto i : origins) is_origin[i] = true;
    for (auto i : destinations) is_destination[i] = true;
    for (auto i : origins)
        if (is_destination[i])
            throw infeasible_error("place " + net.places[i].id + " is both an origin and a destination");
    // A graph built for other terminals would find no path, or the wrong one: refuse it.
    auto require = [&](const TerminalArcs& arcs, const std::vector<std::size_t>& places, const char* kind) {
        for (auto i : places)
            if (arcs.find(i) == nullptr)
                throw error(
                    fmt::format("the graph has no {} arc for place {} ({} -> {}): it was built for other "
                                "endpoints; build it with query_terminals for this query, or for every place",
                                kind, net.places[i].id, from, to));
    };
    require(ng.source_arcs, origins, "source");
    require(ng.sink_arcs, destinations, "sink");

    const FlowGraph& g = ng.g;
    // The arcs a path may use: open routes, places, and the query's source and sink arcs.
    auto usable = [&](const Edge& e) {
        const Arc& a = g[e];
        switch (a.kind) {
            case ArcKind::route:
                return caps[a.item].tonnes.value > 0;
            case ArcKind::place:
                return true;
            case ArcKind::source:
                return static_cast<bool>(is_origin[a.item]);
            case ArcKind::sink:
                return static_cast<bool>(is_destination[a.item]);
            case ArcKind::reverse:
                return false;
        }
        return false;
    };
    const boost::filtered_graph<FlowGraph, std::function<bool(const Edge&)>> fg(g, usable);

    const double inf = std::numeric_limits<double>::infinity();
    auto weight = boost::make_function_property_map<Edge, double>([&](const Edge& e) -> double {
        const Arc& a = g[e];
        if (criterion == PathCriterion::capacity) {
            if (a.kind == ArcKind::route) return caps[a.item].tonnes.value;
            if (a.kind == ArcKind::place) return *net.places[a.item].capacity;
            return inf;
        }
        if (a.kind != ArcKind::route) return 0.0;
        return criterion == PathCriterion::distance ? measures[a.item].length.value : measures[a.item].hours.value;
    });

    const std::size_t n = boost::num_vertices(g);
    std::vector<double> dist(n);
    std::vector<Vertex> pred(n);     // Boost wants it; parallel routes need the edge below
    std::vector<Edge> pred_edge(n);  // the arc that last improved each vertex
    std::vector<bool> has_pred(n, false);
    struct Recorder : boost::default_dijkstra_visitor {
        std::vector<Edge>* edges;
        std::vector<bool>* seen;
        void edge_relaxed(const Edge& e, const boost::filtered_graph<FlowGraph, std::function<bool(const Edge&)>>& gg) {
            (*edges)[boost::target(e, gg)] = e;
            (*seen)[boost::target(e, gg)] = true;
        }
    } visitor;
    visitor.edges = &pred_edge;
    visitor.seen = &has_pred;

    auto index = boost::get(boost::vertex_index, g);
    if (criterion == PathCriterion::capacity) {
        // Widest path: a path's value is its smallest capacity; larger is better.
        boost::dijkstra_shortest_paths(fg, ng.source,
                                       boost::weight_map(weight)
                                           .distance_map(boost::make_iterator_property_map(dist.begin(), index))
                                           .predecessor_map(boost::make_iterator_property_map(pred.begin(), index))
                                           .vertex_index_map(index)
                                           .visitor(visitor)
                                           .distance_compare(std::greater<double>())
                                           .distance_combine([](double a, double b) { return std::min(a, b); })
                                           .distance_inf(-1.0)
                                           .distance_zero(inf));
    } else {
        boost::dijkstra_shortest_paths(fg, ng.source,
                                       boost::weight_map(weight)
                                           .distance_map(boost::make_iterator_property_map(dist.begin(), index))
                                           .predecessor_map(boost::make_iterator_property_map(pred.begin(), index))
                                           .vertex_index_map(index)
                                           .visitor(visitor));
    }
    if (!has_pred[ng.sink]) throw infeasible_error("no open path from " + from + " to " + to);

    PathResult out;
    out.bottleneck = kUnlimited;
    for (Vertex v = ng.sink; v != ng.source;) {
        const Edge e = pred_edge[v];
        const Arc& a = g[e];
        if (a.kind == ArcKind::route) {
            out.routes.push_back(a.item);
            out.backward.push_back(a.backward);
            out.length = out.length + measures[a.item].length;
            out.hours = out.hours + measures[a.item].hours;
            out.bottleneck = std::min(out.bottleneck, static_cast<Flow>(std::floor(caps[a.item].tonnes.value + 1e-6)));
        } else if (a.kind == ArcKind::place) {
            out.bottleneck =
                std::min(out.bottleneck, static_cast<Flow>(std::floor(*net.places[a.item].capacity + 1e-6)));
        }
        v = boost::source(e, g);
    }
    std::reverse(out.routes.begin(), out.routes.end());
    std::reverse(out.backward.begin(), out.backward.end());
    return out;
}

}  // namespace corridor
