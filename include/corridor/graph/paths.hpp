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
    Flow bottleneck = 0;  // smallest capacity on the path, t/month
};

// Dijkstra (Boost.Graph) over open routes (capacity > 0); the widest path uses
// Dijkstra with min as the combine and > as the compare. from/to are place ids or
// country codes. Throws infeasible_error when no open path joins them.
PathResult best_path(const NetworkGraph& graph, const Network& net, const std::vector<RouteMeasure>& measures,
                     const std::vector<MonthlyCapacity>& capacities, const std::string& from, const std::string& to,
                     PathCriterion criterion);

}  // namespace corridor
