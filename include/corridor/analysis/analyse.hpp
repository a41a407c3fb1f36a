// The analyses corridor answers: a throughput question (max-flow, minimum cut, paths, and
// Monte Carlo draws when asked), every scenario beside the baseline, and the best path.
// One path for the CLI, the server and the tests: adjust → terminals → graph → solve.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "corridor/analysis/inputs.hpp"
#include "corridor/analysis/request.hpp"
#include "corridor/graph/flow.hpp"
#include "corridor/graph/multicommodity.hpp"
#include "corridor/graph/paths.hpp"
#include "corridor/graph/uncertainty.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/model/network.hpp"

namespace corridor {

// A solved throughput question, as the commands, layers and pages show it.
struct Analysis {
    std::string from;
    std::string to;
    std::string commodity;       // empty: every commodity
    std::string scenario;        // empty: baseline
    std::optional<Month> month;  // the month answered; none: dates not applied
    FlowResult result;
    std::optional<UncertaintyResult> uncertainty;  // draws of the same question, when asked
    std::uint64_t seed = 1;                        // of the draws
    // The joint multi-commodity flow, when the question spans commodities that cannot swap
    // routes (needs_joint_flow): then `result` holds its flows summed per route in whole
    // tonnes, its paths, and no minimum cut (the binding routes are here).
    std::optional<JointFlowResult> joint{};
};

// The flow of a query: Boost's max-flow when one commodity (or the union of routes that all
// carry every commodity asked) answers it, else the joint multi-commodity flow (CLP).
struct SolvedFlow {
    FlowResult result;
    std::optional<JointFlowResult> joint;
};
SolvedFlow solve_flow(const Network& net, const FlowQuery& query);

// A joint flow as the layers draw it: per route the commodities' net flows summed (with
// their directions) and rounded down to whole tonnes, every commodity's paths largest first,
// the total rounded to the nearest tonne, and no minimum cut.
FlowResult layer_flows(const Network& net, const JointFlowResult& joint);

// What limits an answer, as cut items: the minimum cut, or the joint flow's binding routes
// and places (their capacities in whole tonnes). Layers mark them as bottlenecks.
std::vector<CutItem> limit_items(const FlowResult& result, const std::optional<JointFlowResult>& joint);
std::vector<CutItem> limits_of(const Analysis& analysis);

// What limits an answer: the minimum cut's ids, or the joint flow's binding routes and places.
std::vector<std::string> limit_ids(const Network& net, const FlowResult& result,
                                   const std::optional<JointFlowResult>& joint);

// The throughput of the request's question (its endpoints are required: request_error
// without them), with draws (and the sensitivity ranking) when the request asks for them.
// Throws infeasible_error when no flow is possible.
Analysis analyse_question(const Network& net, const InputPaths& paths, const AnalysisRequest& request);

// What export, map, render and serve show: the measured network with the request's
// changes applied (measures[i].capacity is the capacity the analysis used) and the
// analysis of the request's question, or of the default question when it asks none.
struct AnalysedNetwork {
    std::vector<RouteMeasure> measures;
    std::optional<Analysis> analysis;  // none when the default question has no possible flow
    std::string note;                  // why there is none
};

// The draws of such an analysis give percentiles and cut probabilities only (no
// sensitivity). Throws infeasible_error for a question the request asks itself.
AnalysedNetwork analyse_network(const Network& net, std::vector<RouteMeasure> measures, const InputPaths& paths,
                                const AnalysisRequest& request);

// Every scenario of the scenario file beside the baseline (the baseline alone when the
// default scenario file does not exist), between the request's endpoints (required), with
// the request's --without and --set applied to each.
struct ScenarioOutcome {
    std::string name;                        // "baseline" first
    std::optional<FlowResult> result;        // none: no possible flow
    std::optional<JointFlowResult> joint{};  // when the question needs the joint flow
    std::string why{};                       // ... and why
    Flow throughput() const { return result ? result->throughput : 0; }
};

struct ScenarioComparison {
    std::string from, to, commodity;
    std::optional<Month> month;
    std::vector<ScenarioOutcome> outcomes;  // the baseline, then the scenarios in file order
    Flow baseline() const { return outcomes.front().throughput(); }
};

// Throws infeasible_error when the baseline has no possible flow.
ScenarioComparison compare_scenarios(const Network& net, const InputPaths& paths, const AnalysisRequest& request);

// The best single path between the request's endpoints (required) by distance, time or
// capacity, on the network with the request's changes applied.
struct RouteAnswer {
    std::string from, to;
    PathCriterion by = PathCriterion::distance;
    PathResult path;
    std::vector<MonthlyCapacity> capacities;  // per route, with the changes applied
};

RouteAnswer best_route(const Network& net, const std::vector<RouteMeasure>& measures, const InputPaths& paths,
                       const AnalysisRequest& request, PathCriterion by);

}  // namespace corridor
