// capacity, route, scenarios, observations: throughput, paths, what-ifs and observed volumes,
// printed as text (report/answers) or JSON (analysis/json).
#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/analyse.hpp"
#include "corridor/analysis/json.hpp"
#include "corridor/analysis/observations.hpp"
#include "corridor/report/answers.hpp"

namespace corridor::cli {

int cmd_capacity(const Options& o, const Streams& io) {
    auto net = load_checked(o, io);
    if (!net) return 1;
    const Analysis a = analyse_question(*net, input_paths(o), analysis_request(o));
    if (o.json) io.out << capacity_json(*net, a).dump(2) << '\n';
    else io.out << capacity_text(*net, a);
    return 0;
}

int cmd_route(const Options& o, const Streams& io) {
    const PathCriterion by = parse_path_criterion(o.by);
    auto net = load_checked(o, io);
    if (!net) return 1;
    const InputPaths paths = input_paths(o);
    const auto measures = measure_routes(*net, paths.speed_table());
    const RouteAnswer a = best_route(*net, measures, paths, analysis_request(o), by);
    if (o.json) io.out << route_json(*net, a).dump(2) << '\n';
    else io.out << route_text(*net, measures, a);
    return 0;
}

int cmd_scenarios(const Options& o, const Streams& io) {
    auto net = load_checked(o, io);
    if (!net) return 1;
    const ScenarioComparison c = compare_scenarios(*net, input_paths(o), analysis_request(o));
    if (o.json) io.out << scenarios_json(*net, c).dump(2) << '\n';
    else io.out << scenarios_text(*net, c);
    return 0;
}

int cmd_observations(const Options& o, const Streams& io) {
    auto net = load_checked(o, io);
    if (!net) return 1;
    const InputPaths paths = input_paths(o);
    const auto checks = check_observations(*net, paths, paths.observations_for(*net));
    if (o.json) io.out << observations_json(checks).dump(2) << '\n';
    else io.out << observations_text(checks, paths.observations_file());
    return 0;
}

}  // namespace corridor::cli
