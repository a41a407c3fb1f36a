#include "corridor/analysis/analyse.hpp"

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

Analysis solve_question(const Network& net, const Endpoints& e, const AnalysisRequest& request,
                        std::optional<Month> month, Adjusted&& adjusted, bool sensitivity) {
    Analysis a{e.from, e.to, request.commodity, request.scenario, month, {}, std::nullopt, request.seed};
    const FlowQuery q = flow_query(e, request, std::move(adjusted));
    a.result = max_flow(net, q);
    if (request.draws > 0) a.uncertainty = draws_of(net, q, request, sensitivity);
    return a;
}

}  // namespace

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
    AnalysisRequest extra_only = request;  // --without and --set apply to every scenario
    extra_only.scenario.clear();
    const auto extra = requested_changes(net, paths, extra_only);
    // Every scenario runs between the same endpoints: one graph with their terminals only.
    NetworkGraph graph = build_graph(net, query_terminals(net, e.from, e.to));
    auto outcome = [&](const std::string& name, const std::vector<Change>& changes) {
        try {
            return ScenarioOutcome{name, max_flow(graph, net, flow_query(e, request, adjust(net, changes, month))), ""};
        } catch (const infeasible_error& err) {
            return ScenarioOutcome{name, std::nullopt, err.what()};
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
