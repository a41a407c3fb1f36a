// Throughput under uncertainty: Monte Carlo draws of every ranged capacity figure,
// max-flow per draw, percentiles, minimum-cut probabilities and a sensitivity ranking.
#pragma once

#include <cstdint>
#include <vector>

#include "corridor/graph/flow.hpp"
#include "corridor/model/capacity.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

struct UncertaintyOptions {
    std::size_t draws = 1000;
    std::uint64_t seed = 1;
    std::size_t threads = 0;  // 0: hardware_threads(); the numbers do not depend on it
    bool sensitivity = true;  // also rank the figures (tornado): up to two solves per ranged figure
};

// One figure whose low and high bounds differ: a route's (capacity, payload_t, trips_mo,
// annual_t) or a place's capacity (t/month through it).
struct RangedRef {
    bool is_place = false;
    std::size_t index = 0;  // route index, or place index when is_place
    RangedFigure figure = RangedFigure::capacity;
    FigureRange range;
};

// Every ranged figure of the network: the routes' by route index and then in kRangedFigures
// order, then the places' capacities by place index. The order in which each draw takes its
// random numbers (so a network without place ranges draws as before places were drawn).
std::vector<RangedRef> ranged_figures(const Network& net);

// A route's capacity in a query (`query`: its capacity with the scenario and --set applied)
// with every ranged figure of the route at its low, and at its high bound, moved as the
// draws move it: query scaled by the bound's capacity over the stated one (see
// flow_uncertainty). Both are `query` for a route without ranges.
CapacityRange query_capacity_range(const MonthlyCapacity& query, const Figures& f);

// The triangular distribution with minimum low, mode value and maximum high at the
// quantile u in [0, 1) (its inverse CDF). low == high gives low; value at an end
// (an "up to" or "at least" figure) gives a distribution leaning towards that end.
double triangular_quantile(double low, double value, double high, double u);

// The p-th percentile (0 < p <= 100, nearest rank) of ascending values: the smallest
// value with at least p percent of the values at or below it.
Flow percentile(const std::vector<Flow>& sorted, unsigned p);

struct SensitivityItem {
    RangedRef ref;
    Flow low = 0;   // throughput with this figure at its low bound, every other at its value
    Flow high = 0;  // the same at its high bound
    Flow swing() const { return high >= low ? high - low : low - high; }
};

struct UncertaintyResult {
    std::size_t draws = 0;
    bool passengers = false;         // the unit is passengers per month (else t/month)
    Flow deterministic = 0;          // every figure at its value: what max_flow answers
    Flow p10 = 0, p50 = 0, p90 = 0;  // throughput percentiles over the draws
    Flow min = 0, max = 0;
    double mean = 0;
    std::size_t infeasible = 0;                 // draws in which nothing could flow (throughput 0)
    std::vector<double> cut_probability;        // per route: share of draws with it on the minimum cut
    std::vector<double> place_cut_probability;  // per place, the same (0 for places without a capacity)
    std::vector<RangedRef> figures;             // the ranged figures drawn
    std::vector<SensitivityItem> sensitivity;   // every ranged figure, largest swing first
};

// Runs options.draws Monte Carlo draws of the query. In each draw every ranged figure is
// drawn independently from its triangular distribution (low, value, high); a route's
// capacity is then its capacity in the query (scenario and --set changes applied)
// scaled by drawn / stated monthly capacity, and a place's capacity is the drawn one (scaled
// the same way when the query sets place_capacities). Draw d takes its random numbers, one
// per figure in ranged_figures order, from std::mt19937_64 seeded with a mix of options.seed
// and d, so the answer depends on the seed only, not on the threads. Each thread builds one
// graph for the query's endpoints and only changes capacities between draws.
// A query that needs the joint multi-commodity flow (needs_joint_flow, multicommodity.hpp)
// solves its draws with one JointFlowModel, re-solved per draw with new bounds, in one
// thread; its cut probabilities then count the draws in which a route or place is binding
// (capacity used up, non-zero dual), and its throughputs are the LP totals rounded to the
// nearest tonne.
// Throws as max_flow does when the query is infeasible with every figure at its value.
UncertaintyResult flow_uncertainty(const Network& net, const FlowQuery& query, const UncertaintyOptions& options);

}  // namespace corridor
