#include "corridor/analysis/analyse.hpp"

#include <algorithm>
#include <cmath>

#include "corridor/analysis/json.hpp"
#include "corridor/graph/network_graph.hpp"

namespace corridor {
namespace {

Endpoints required_endpoints(const AnalysisRequest& request) {
    if (request.from.empty() || request.to.empty())
        throw request_error("give --from and --to (place ids or country codes)");
    return {request.from, request.to};
}

UncertaintyResult draws_of(const Network& net, const FlowQuery& q, const AnalysisRequest& request, bool sensitivity) {
    UncertaintyOptions uo;
    uo.draws = request.draws;
    uo.seed = request.seed;
    uo.sensitivity = sensitivity;
    return flow_uncertainty(net, q, uo);
}

// A commodity's signed flow on a route: positive from_id -> to_id.
double signed_flow(const CommodityFlow& f, std::size_t r) {
    return f.route_backward[r] ? -f.route_flow[r] : f.route_flow[r];
}

// solve_flow, whose infeasible answer also says when the transit rules made it so: when the
// question has an answer with every transit open (`drawn`: its capacities, kept for this).
SolvedFlow solve_with_reasons(const Network& net, const Endpoints& e, const AnalysisRequest& request,
                              const FlowQuery& q, std::optional<Adjusted>&& drawn) {
    try {
        return solve_flow(net, q);
    } catch (const infeasible_error& err) {
        if (!drawn) throw;
        AnalysisRequest any = request;
        any.transit = "any";
        // No answer as drawn either: the network's own reason, whatever the rules.
        solve_flow(net, flow_query(net, e, any, std::move(*drawn)));
        throw infeasible_error(std::string(err.what()) + " (" + transit_reason(net, e, request) + ")");
    }
}

Analysis solve_question(const Network& net, const Endpoints& e, const AnalysisRequest& request,
                        std::optional<Month> month, Adjusted&& adjusted, bool sensitivity) {
    Analysis a{e.from, e.to, request.commodity, request.scenario, month, {}, std::nullopt, request.seed};
    std::optional<Adjusted> drawn;
    if (!net.transits.empty() && transit_listed(request)) drawn = adjusted;
    const FlowQuery q = flow_query(net, e, request, std::move(adjusted));
    SolvedFlow solved = solve_with_reasons(net, e, request, q, std::move(drawn));
    a.result = std::move(solved.result);
    a.joint = std::move(solved.joint);
    if (request.draws > 0) a.uncertainty = draws_of(net, q, request, sensitivity);
    return a;
}

}  // namespace

SolvedFlow solve_flow(const Network& net, const FlowQuery& query) {
    if (!needs_joint_flow(net, query)) return {max_flow(net, max_flow_query(net, query)), std::nullopt};
    JointFlowResult joint = joint_max_flow(net, query);
    FlowResult flows = layer_flows(net, joint);
    return {std::move(flows), std::move(joint)};
}

FlowResult layer_flows(const Network& net, const JointFlowResult& joint) {
    FlowResult r;
    r.throughput = joint.rounded;
    r.passengers = joint.passengers;
    r.route_flow.assign(net.routes.size(), 0);
    r.route_backward.assign(net.routes.size(), false);
    for (std::size_t i = 0; i < net.routes.size(); ++i) {
        double sum = 0;
        for (const auto& f : joint.flows) sum += signed_flow(f, i);
        r.route_flow[i] = whole_tonnes(std::abs(sum));
        r.route_backward[i] = sum < 0;
    }
    r.place_in.resize(joint.place_in.size());
    r.place_out.resize(joint.place_out.size());
    for (std::size_t p = 0; p < joint.place_in.size(); ++p) {
        r.place_in[p] = whole_tonnes(joint.place_in[p]);
        r.place_out[p] = whole_tonnes(joint.place_out[p]);
    }
    for (const auto& f : joint.flows)
        for (const auto& p : f.paths)
            if (whole_tonnes(p.flow) > 0) r.paths.push_back({p.routes, whole_tonnes(p.flow)});
    std::stable_sort(r.paths.begin(), r.paths.end(),
                     [](const PathFlow& a, const PathFlow& b) { return a.flow > b.flow; });
    return r;
}

std::vector<std::string> limit_ids(const Network& net, const FlowResult& result,
                                   const std::optional<JointFlowResult>& joint) {
    return cut_ids(net, limit_items(result, joint));
}

std::vector<CutItem> limit_items(const FlowResult& result, const std::optional<JointFlowResult>& joint) {
    if (!joint) return result.min_cut;
    std::vector<CutItem> items;
    for (const auto& b : joint->binding) items.push_back({b.is_place, b.index, whole_tonnes(b.capacity)});
    return items;
}

std::vector<CutItem> limits_of(const Analysis& analysis) { return limit_items(analysis.result, analysis.joint); }

Analysis analyse_question(const Network& net, const InputPaths& paths, const AnalysisRequest& request) {
    const Endpoints e = required_endpoints(request);
    const auto month = month_of(paths, request);
    return solve_question(net, e, request, month, adjust(net, requested_changes(net, paths, request), month), true);
}

AnalysedNetwork analyse_network(const Network& net, std::vector<RouteMeasure> measures, const InputPaths& paths,
                                const AnalysisRequest& request) {
    AnalysedNetwork out{std::move(measures), std::nullopt, ""};
    const auto month = month_of(paths, request);
    Adjusted adjusted = adjust(net, requested_changes(net, paths, request), month);
    for (std::size_t i = 0; i < out.measures.size(); ++i) out.measures[i].capacity = adjusted.capacities[i];
    try {
        out.analysis = solve_question(net, endpoints_of(request), request, month, std::move(adjusted), false);
    } catch (const infeasible_error& e) {
        if (asks_own_question(request)) throw;
        out.note = std::string("no flow analysis (") + e.what() + ")";
    }
    return out;
}

ScenarioComparison compare_scenarios(const Network& net, const InputPaths& paths, const AnalysisRequest& request) {
    const Endpoints e = required_endpoints(request);
    const auto month = month_of(paths, request);
    const auto scenarios = paths.scenarios_for(net, true);  // no scenario file: the baseline alone
    AnalysisRequest extra_only = request;                   // --without and --set apply to every scenario
    extra_only.scenario.clear();
    const auto extra = requested_changes(net, paths, extra_only);
    // Every scenario runs between the same endpoints: one graph with their terminals only
    // (a joint flow builds its own LP: a scenario may change which routes carry what).
    NetworkGraph graph = build_graph(net, query_terminals(net, e.from, e.to));
    auto outcome = [&](const std::string& name, const std::vector<Change>& changes) {
        try {
            const FlowQuery q = flow_query(net, e, request, adjust(net, changes, month));
            if (!needs_joint_flow(net, q)) return ScenarioOutcome{name, max_flow(graph, net, max_flow_query(net, q))};
            SolvedFlow s = solve_flow(net, q);
            return ScenarioOutcome{name, std::move(s.result), std::move(s.joint)};
        } catch (const infeasible_error& err) {
            return ScenarioOutcome{name, std::nullopt, std::nullopt, err.what()};
        }
    };
    ScenarioComparison c{e.from, e.to, request.commodity, month, {outcome("baseline", extra)}};
    if (!c.outcomes[0].result) throw infeasible_error(c.outcomes[0].why);
    for (const auto& s : scenarios) {
        auto changes = s.changes;
        changes.insert(changes.end(), extra.begin(), extra.end());
        c.outcomes.push_back(outcome(s.name, changes));
    }
    return c;
}

RouteAnswer best_route(const Network& net, const std::vector<RouteMeasure>& measures, const InputPaths& paths,
                       const AnalysisRequest& request, PathCriterion by) {
    const Endpoints e = required_endpoints(request);
    Adjusted adjusted = adjust(net, requested_changes(net, paths, request), month_of(paths, request));
    const NetworkGraph graph = build_graph(net, query_terminals(net, e.from, e.to));
    RouteAnswer a{e.from, e.to, by, {}, std::move(adjusted.capacities)};
    a.path = best_path(graph, net, measures, a.capacities, e.from, e.to, by);
    return a;
}

}  // namespace corridor
