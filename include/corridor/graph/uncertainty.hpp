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
    std::size_t threads = 0;   // 0: hardware_threads(); the numbers do not depend on it
    bool sensitivity = true;   // also rank the figures (tornado): up to two solves per ranged figure
};

// One figure of one route whose low and high bounds differ.
struct RangedRef {
    std::size_t route = 0;
    RangedFigure figure = RangedFigure::capacity;
    FigureRange range;
};

// Every ranged figure of the network, by route index and then in kRangedFigures order:
// the order in which each draw takes its random numbers.
std::vector<RangedRef> ranged_figures(const Network& net);

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
    bool passengers = false;        // the unit is passengers per month (else t/month)
    Flow deterministic = 0;         // every figure at its value: what max_flow answers
    Flow p10 = 0, p50 = 0, p90 = 0; // throughput percentiles over the draws
    Flow min = 0, max = 0;
    double mean = 0;
    std::size_t infeasible = 0;     // draws in which nothing could flow (throughput 0)
    std::vector<double> cut_probability;        // per route: share of draws with it on the minimum cut
    std::vector<double> place_cut_probability;  // per place, the same for places with a capacity
    std::vector<RangedRef> figures;             // the ranged figures drawn
    std::vector<SensitivityItem> sensitivity;   // every ranged figure, largest swing first
};

// Runs options.draws Monte Carlo draws of the query. In each draw every ranged figure is
// drawn independently from its triangular distribution (low, value, high); a route's
// capacity is then its capacity in the query (scenario and --set changes applied)
// scaled by drawn / stated monthly capacity. Draw d takes its random numbers from
// std::mt19937_64 seeded with a mix of options.seed and d, so the answer depends on the
// seed only, not on the threads. Each thread builds one graph for the query's endpoints
// and only changes capacities between draws. Place capacity ranges are not drawn.
// Throws as max_flow does when the query is infeasible with every figure at its value.
UncertaintyResult flow_uncertainty(const Network& net, const FlowQuery& query, const UncertaintyOptions& options);

}  // namespace corridor
