// Minimum-cost multi-commodity assignment of demands: which routes carry given tonnes a month
// from where to where at the least cost, within the shared capacities, and what does not fit.
//
// Method (a path-flow LP solved by COIN-OR CLP with column generation; Ahuja, Magnanti and
// Orlin, "Network Flows", ch. 17.5, and Desrosiers and Lübbecke, "A primer in column
// generation", 2005). One column per path a demand may use, one "unmet" column per demand:
//   demand row d:   sum of d's path columns + unmet_d = t_mo_d
//   route row r:    sum of the columns of paths through r (either direction)   <= cap_r
//   place row v:    paths entering v (or starting there) for a place whose capacity bounds
//                   what passes; paths changing gauge or converting there for a place whose
//                   capacity bounds what it handles                              <= cap_v
//   limit row l:    the paths of the demands a national cap applies to         <= its t_mo
// The paths are those of the joint flow's layout (graph/multicommodity.hpp): each commodity
// only on routes that carry it (carries()), gauges kept between transfer places, a refinery
// turning crude into products tonne for tonne (a product demand may start as crude at its
// origin), a bridge only crossed.
//
// Priorities, lexicographically: phase p maximises the tonnes met of priority p (objective -1
// per tonne on its paths) with the met totals of priorities 1 .. p-1 held at their optimum (a
// row each over their paths, >= the optimum less 10^-7 t and 10^-9 of it); the last phase
// minimises the cost with every priority's met total held. So within a priority the tonnes
// met may move between demands when that is cheaper.
// Each phase adds columns until no path has a negative reduced cost: per demand group (one
// origin and commodity) one Dijkstra over the layout with arc weights cost - duals (>= 0:
// the duals of <= rows are <= 0 when minimising), ties broken by cost.
//
// One demand with nothing that needs the LP (no gauges, conversions, place capacities,
// limits or mode-change costs) is a single-commodity min-cost flow: LEMON's network simplex
// answers it with an s -> t bypass arc costing more than any path, so the met tonnes are
// maximal and their cost minimal, exactly the LP's answer. AssignSolver::automatic uses it up
// to 300,000 arcs, where it was measured faster (bench/: BM_AssignSingle, 2x at 100k
// routes); above, the LP's column generation is faster (at 1M routes, 20 s against 24-30 s).
// Units: tonnes per month; capacities whole tonnes as in max_flow; costs per tonne in the
// caller's unit (km, hours, or a tariff's money).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "corridor/graph/flow.hpp"
#include "corridor/graph/multicommodity.hpp"
#include "corridor/model/capacity.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

// One demand: t_mo of a commodity from `from` to `to` (each a place id or a country code).
struct Demand {
    std::string id;  // for messages and outputs ("3", or the file's own id)
    std::string from;
    std::string to;
    std::string commodity;
    double t_mo = 0;
    int priority = 1;  // 1 first; higher numbers are met from what is left
};

// The routes a transit rule limits for a demand, each with the commodities it may carry for it
// (an empty list closes the route to the demand).
using TransitLimits = std::map<std::size_t, std::vector<std::string>>;

// A national cap on the demands it applies to: their paths carry at most t_mo in total.
struct AssignLimit {
    std::string label;                 // "national cap KP -> CN coal", for reports
    std::vector<std::size_t> demands;  // indices into AssignmentQuery::demands
    double t_mo = 0;
};

enum class AssignSolver { automatic, lp, network_simplex };

struct AssignmentQuery {
    std::vector<Demand> demands;
    std::vector<MonthlyCapacity> capacities;                      // per route; empty: the figures'
    std::map<std::size_t, std::vector<std::string>> commodities;  // per-route lists a scenario changed
    std::vector<double> route_cost;  // per route: cost per tonne carried over it (required)
    // Per mode (index Mode): cost per tonne loaded onto a route of that mode from a route of
    // another mode, or from rail of another gauge at a transfer place. Empty: none.
    std::vector<double> change_cost;
    std::vector<AssignLimit> limits;
    // The distinct transit limits of the demands, and per demand (empty: none for any) the
    // index of its own in transit_limits, nullopt for none; analysis/assign.cpp fills them from
    // the transit rules of each demand's two countries.
    std::vector<TransitLimits> transit_limits;
    std::vector<std::optional<std::size_t>> demand_transit;
    AssignSolver solver = AssignSolver::automatic;  // network_simplex: only where it applies
};

// A flow of one demand along routes in travel order, and what each route carries of it.
struct AssignedPath {
    std::vector<std::size_t> routes;
    std::vector<std::string> carried;  // per route: the commodity moved (crude before a refinery)
    double t_mo = 0;
    double cost_per_t = 0;  // route costs and mode changes
};

struct DemandResult {
    double met_t_mo = 0;
    double unmet_t_mo = 0;
    double cost = 0;                  // of the met tonnes: sum of paths' t_mo x cost_per_t
    std::vector<AssignedPath> paths;  // largest first
    // When unmet: the full routes and places that stop more of it (the saturated ones on the
    // border of what the origin still reaches with spare capacity), and the limits that do.
    std::vector<BindingItem> binding;
    std::vector<std::size_t> binding_limits;  // indices into AssignmentQuery::limits
    // Non-empty when no chain of open routes can serve it at all: "cannot be served: ...".
    std::string cannot_serve;
};

struct AssignmentResult {
    std::vector<DemandResult> demands;     // in the query's order
    std::vector<std::string> commodities;  // those moved, sorted
    // Per commodity (as commodities) and route: t/month assigned, both directions summed.
    std::vector<std::vector<double>> route_by_commodity;
    std::vector<double> route_load;      // per route: all commodities, both directions
    std::vector<double> route_net;       // per route: net t/month, positive from_id -> to_id
    std::vector<double> route_capacity;  // per route: whole tonnes, as solved
    double total_cost = 0;
    double met_t_mo = 0;
    double unmet_t_mo = 0;
    const char* solver = "clp";  // "clp" or "network_simplex"
    std::size_t rounds = 0;      // column-generation rounds (0 for network_simplex)
    std::size_t columns = 0;     // path columns generated
};

// Throws infeasible_error for an unknown endpoint or a demand whose origin is its
// destination; error for a query without one cost per route.
AssignmentResult assign(const Network& net, const AssignmentQuery& query);

// Whether LEMON's network simplex can answer the query (see the top): at most one demand that
// can be served, one place layer (fewer than two gauges), no conversion into its commodity, no
// place capacity, no limit and no mode-change cost. (Automatic uses it up to 300,000 arcs.)
bool network_simplex_applies(const Network& net, const AssignmentQuery& query);

}  // namespace corridor
