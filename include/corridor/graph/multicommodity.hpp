// Joint multi-commodity maximum flow: one flow per commodity, each on the routes that carry
// it, all sharing the routes' and places' capacities; for queries that span several commodities.
//
// Why: max_flow without a commodity solves one flow on the union of all routes, as if tonnes
// were interchangeable, so crude oil off a pipeline may continue on a railway that carries no
// crude. Here each commodity keeps to its own routes (carries() in flow.hpp) and the total is
// the largest sum of tonnes they can move together.
//
// Units and rounding. Route and place capacities enter the LP as whole tonnes per month,
// rounded down as max_flow does (so one commodity with integral capacities gives exactly
// max_flow's integral throughput). LP flows may still be fractional when commodities share a
// capacity. JointFlowResult keeps the LP's numbers as doubles; for printing, `rounded` is the
// LP total rounded to the nearest tonne; for layers, whole_tonnes() rounds a route's or a
// path's flow down (so no layer shows a flow above a capacity), which is why the rounded
// per-route figures may add up to a little less than `rounded`.
//
// Rules beyond the commodity lists, each answered only by the joint flow (needs_joint_flow):
// - Gauges: when the routes the query may use have two or more track gauges, the flow keeps
//   to one gauge from one transfer place (Place::transfer "gauge") to the next; dual-gauge
//   track carries each gauge, sharing its capacity; loading from and unloading to other
//   modes is free. A transfer place's capacity bounds the tonnes that change gauge there.
// - Conversions: a place with conv_from/conv_to (a refinery) turns one commodity into
//   the other, tonne for tonne, up to its capacity; a query for the output also moves the
//   input (a "feed") to such places. Its paths then start at the refinery.
// - Limits (FlowQuery::limits): a commodity's total at the destinations is capped (a
//   national cap); one in force for part of a month caps the month's total at share x the
//   capped rate + (1 - share) x the uncapped one.
//
// Passengers are not tonnes: a query without a commodity spans every commodity but
// passengers, and a list naming passengers with another commodity is refused; passengers
// alone (commodity "passengers") is a flow of passengers per month on the routes' passenger
// capacities, as in max_flow.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "corridor/graph/flow.hpp"
#include "corridor/model/capacity.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

// The commodities a query spans, sorted: its `commodity`; else its `commodity_list`; else
// every commodity of the routes it may use (its modes, tonnage above zero, a scenario's
// changed lists applied) but passengers. Throws infeasible_error for a list that names
// passengers with other commodities or a commodity no route carries, and error when both
// `commodity` and `commodity_list` are set.
std::vector<std::string> query_commodities(const Network& net, const FlowQuery& query);

// Whether the query needs the joint flow. True when a limit applies, when its routes have two
// or more gauges, or when a place converts another commodity into one of its commodities.
// Otherwise false when it spans one commodity (max_flow with `commodity` set to it answers),
// or when every route it may use (its modes, tonnage above zero) carries every one of its
// commodities (max_flow with `commodity` unset answers: the union max-flow then equals the
// joint one). Places carry every commodity.
bool needs_joint_flow(const Network& net, const FlowQuery& query);

// The query max_flow answers when needs_joint_flow is false (max_flow reads only `commodity`):
// a one-commodity list becomes `commodity`, a longer list is dropped (every route the query
// may use carries all of it, so the union max-flow is the joint one).
FlowQuery max_flow_query(const Network& net, const FlowQuery& query);

// A flow of one commodity along routes in travel order.
struct JointPath {
    std::vector<std::size_t> routes;
    double flow = 0;  // t/month
};

// One commodity's part of the joint flow.
struct CommodityFlow {
    std::string commodity;
    double throughput = 0;             // t/month of it reaching the destinations
    std::vector<double> route_flow;    // per route: net t/month (its opposite flows cancel)
    std::vector<bool> route_backward;  // per route: the net flow runs to_id -> from_id
    std::vector<JointPath> paths;      // the flow split into paths, largest first
};

// A route (or place) whose capacity limits the total: fully used, with a non-zero dual.
// Duals of a degenerate LP are not unique; these are the ones the simplex ends with.
struct BindingItem {
    bool is_place = false;
    std::size_t index = 0;  // route or place index
    double capacity = 0;    // t/month, whole tonnes as solved
    double dual = 0;        // shadow price: t/month of total gained per extra t/month of capacity
};

struct JointFlowResult {
    double throughput = 0;                       // t/month (passengers/month for commodity passengers), from the LP
    Flow rounded = 0;                            // throughput rounded to the nearest whole unit, for printing
    bool passengers = false;                     // the unit is passengers per month
    std::map<std::string, double> by_commodity;  // t/month per commodity
    std::vector<CommodityFlow> flows;            // per commodity, sorted by name
    std::vector<double> route_load;              // per route: capacity used by all commodities
    std::vector<double> place_in;                // per place: flow entering from routes
    std::vector<double> place_out;               // per place: flow leaving on routes
    std::vector<BindingItem> binding;            // routes by index, then places by index
    std::vector<FlowLimit> binding_limits;       // limits that hold the total down (t_mo: as solved)
    std::vector<double> converted;               // per place: t/month it converts (a refinery's crude)
};

// A flow as whole tonnes for layers: rounded down (a tolerance of 10^-6 keeps an LP's
// 4999.9999999 at 5000), never above the capacity it was solved under.
Flow whole_tonnes(double flow);

// How much of a solve to read: flows, totals and binding items; or those and the paths.
enum class JointDetail { flows, paths };

// The LP of one query (network, endpoints, commodities, modes), built once; solve() changes
// only bounds (route and place capacities) and restarts the simplex from its last basis, so
// scenarios and Monte Carlo draws re-solve quickly. Keeps a reference to the network, which
// must outlive it. Not thread-safe: one model per thread.
class JointFlowModel {
public:
    // Throws infeasible_error as max_flow does (unknown endpoint, a place both origin and
    // destination, a commodity no route carries) and as query_commodities does.
    JointFlowModel(const Network& net, const FlowQuery& query);
    ~JointFlowModel();
    JointFlowModel(JointFlowModel&&) noexcept;
    JointFlowModel& operator=(JointFlowModel&&) noexcept;

    // The query's commodities, then the ones converted into them (feeds; see the top).
    const std::vector<std::string>& commodities() const;
    std::size_t asked() const;    // commodities()[0 .. asked()) are the query's
    std::size_t columns() const;  // LP size, for benchmarks and tests
    std::size_t rows() const;
    std::size_t iterations() const;  // simplex iterations of the last solve (0: the basis was optimal)

    // Solves with the query's capacities (its `capacities` and `place_capacities`, else the
    // figures').
    JointFlowResult solve();
    // Solves with these capacities: one per route, and one per place (empty: the places'
    // own; only places with a capacity of their own are limited). JointDetail::flows leaves
    // CommodityFlow::paths empty (Monte Carlo draws need the total and the binding items).
    JointFlowResult solve(const std::vector<MonthlyCapacity>& caps, const std::vector<double>& place_caps,
                          JointDetail detail = JointDetail::paths);
    // The same, the total only (no flows, paths or duals read): for Monte Carlo draws.
    double throughput(const std::vector<MonthlyCapacity>& caps, const std::vector<double>& place_caps);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Builds the model and solves it once. Throws infeasible_error when nothing can flow.
JointFlowResult joint_max_flow(const Network& net, const FlowQuery& query);

}  // namespace corridor
