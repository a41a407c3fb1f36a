// Maximum monthly throughput between places or countries: max-flow, minimum cut and flow paths.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/graph/network_graph.hpp"
#include "corridor/model/capacity.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

// No flow is possible, for a reason the message names (unknown id, commodity, no path).
class infeasible_error : public error {
    using error::error;
};

enum class FlowAlgorithm { push_relabel, boykov_kolmogorov, edmonds_karp };

// The places a query endpoint names: a place id, or a country code (every place of it).
// Throws infeasible_error when it names neither.
std::vector<std::size_t> resolve_endpoint(const Network& net, const std::string& spec);

// The terminals for queries from `from` to `to` (resolve_endpoint of each): source arcs
// for the origins and the destinations, sink arcs for the destinations. A graph built with
// them (build_graph(net, terminals)) answers those queries with less memory than one built
// for every place, with the same throughput, cut, flows and paths (Boykov-Kolmogorov and
// Edmonds-Karp; push-relabel times its relabelling by the number of arcs, so its flows
// may take other routes, at the same throughput and cut), and refuses queries from or to
// places without those arcs.
Terminals query_terminals(const Network& net, const std::string& from, const std::string& to);

// At most t_mo of one commodity reaching the destinations in total, whatever the routes
// (a national cap on one country's exports to another), for `share` of the month's days:
// the month then carries share x (the capped rate) + (1 - share) x (the uncapped rate).
struct FlowLimit {
    std::string commodity;
    double t_mo = 0;
    double share = 1;
};

struct FlowQuery {
    std::string from;  // place id or country code (RU, KP, CN)
    std::string to;
    std::optional<std::string> commodity;     // none: every route with its full tonnage
    std::vector<Mode> modes;                  // empty: every mode
    std::vector<MonthlyCapacity> capacities;  // per route (scenario applied); empty: from the figures
    std::map<std::size_t, std::vector<std::string>> commodities;  // per-route lists a scenario changed
    // The commodities route r carries in this query: the scenario's list, else the route's own.
    const std::vector<std::string>& commodities_of(const Network& net, std::size_t r) const {
        const auto it = commodities.find(r);
        return it == commodities.end() ? net.routes[r].commodities : it->second;
    }
    FlowAlgorithm algorithm = FlowAlgorithm::boykov_kolmogorov;  // the fastest here (bench/)
    // Per place, t/month, for places with a capacity (flow_uncertainty draws them); empty:
    // the places' own capacities. Last, so aggregate initialisers that stop earlier still fit.
    std::vector<double> place_capacities{};
    // Several commodities at once (e.g. coal and oil_products), with `commodity` unset: a
    // joint multi-commodity flow answers it (graph/multicommodity.hpp); max_flow reads only
    // `commodity` (max_flow_query maps a list that needs no joint flow onto it). Empty:
    // `commodity`, or with neither every commodity but passengers.
    std::vector<std::string> commodity_list{};
    // Caps on a commodity's total (national caps that apply to the query's endpoints); a
    // joint flow answers any query with one (max_flow ignores them).
    std::vector<FlowLimit> limits{};
};

struct CutItem {
    bool is_place = false;
    std::size_t index = 0;  // route or place index
    Flow capacity = 0;
};

struct PathFlow {
    std::vector<std::size_t> routes;  // route indices in travel order
    Flow flow = 0;
};

struct FlowResult {
    Flow throughput = 0;               // t/month (passengers/month for commodity passengers)
    bool passengers = false;           // the unit is passengers per month
    std::vector<CutItem> min_cut;      // routes (and places) that limit the throughput
    std::vector<PathFlow> paths;       // the flow split into paths, largest first
    std::vector<Flow> route_flow;      // net flow per route
    std::vector<bool> route_backward;  // net flow runs to_id -> from_id
    std::vector<Flow> place_in;        // flow entering each place from routes
    std::vector<Flow> place_out;       // flow leaving each place on routes
};

// Whether a route may carry a commodity: it is in the route's list; crude oil only
// by pipeline or tanker; passengers only where passengers per month > 0.
bool carries(const Route& r, const MonthlyCapacity& c, const std::string& commodity);
bool carries(const Route& r, const std::vector<std::string>& commodities, const MonthlyCapacity& c,
             const std::string& commodity);

// Sets the arc capacities for the query, solves, and decomposes the flow.
// Throws infeasible_error with the reason when no flow is possible, and error when the
// graph has no source arc for an origin or no sink arc for a destination (it was built
// for other terminals).
FlowResult max_flow(NetworkGraph& graph, const Network& net, const FlowQuery& query);

// One question, one graph: builds the graph for the query's terminals (query_terminals)
// and solves it. Reuse a graph (above) to ask several questions between the same places.
FlowResult max_flow(const Network& net, const FlowQuery& query);

}  // namespace corridor
