// Best single paths on the network graph: shortest (km), fastest (hours) or widest (largest bottleneck).
#pragma once

#include <string>
#include <vector>

#include "corridor/graph/network_graph.hpp"
#include "corridor/model/measure.hpp"

namespace corridor {

enum class PathCriterion { distance, time, capacity };

struct PathResult {
    std::vector<std::size_t> routes;  // route indices in travel order
    std::vector<bool> backward;       // travelled to_id -> from_id
    Km length;
    Hours hours;
    Flow bottleneck = 0;                     // smallest capacity on the path (routes, places, gauge changes), t/month
    std::vector<std::size_t> gauge_changes;  // transfer places where the path changes gauge, in travel order
};

// Dijkstra (Boost.Graph) over open routes (capacity > 0); the widest path uses
// Dijkstra with min as the combine and > as the compare. from/to are place ids or
// country codes. Where the open routes have two or more rail gauges, the path keeps the
// joint flow's gauge rule (rail changes gauge only at a transfer place, whose capacity then
// bounds it) on a graph of its own; `graph` serves networks without gauge changes. Throws
// infeasible_error when no open path joins them.
PathResult best_path(const NetworkGraph& graph, const Network& net, const std::vector<RouteMeasure>& measures,
                     const std::vector<MonthlyCapacity>& capacities, const std::string& from, const std::string& to,
                     PathCriterion criterion);

}  // namespace corridor
