// The commands that answer on stdout: validate, places, routes, capacity, route, scenarios,
// observations, facts, timeline and assign, as text (report/answers) or JSON (analysis/json).
#include "commands.hpp"
#include "corridor/analysis/analyse.hpp"
#include "corridor/analysis/json.hpp"
#include "corridor/analysis/observations.hpp"
#include "corridor/analysis/outputs.hpp"
#include "corridor/analysis/timeline.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/report/answers.hpp"
#include "corridor/report/assign_layers.hpp"
#include "corridor/report/assign_text.hpp"
#include "corridor/report/columns.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/report/shown.hpp"
#include "corridor/report/timeline_chart.hpp"
#include "corridor/report/timeline_table.hpp"

namespace corridor::cli {
namespace {

// Loads the network (its findings on err), works out result(net) and prints it: json(net,
// result) with --json, else text(net, result).
template <class Result, class Json, class Text>
int answer(const Options& o, const Streams& io, Result&& result, Json&& json, Text&& text) {
    Feedback feedback(o.messages, io.err);
    const std::optional<Network> net = load_said(o.input, o.strict, feedback);
    if (!net) return 1;
    const auto r = result(*net);
    if (o.json) io.out << json(*net, r).dump(2) << '\n';
    else io.out << text(*net, r);
    return 0;
}

}  // namespace

int cmd_validate(const Options& o, const Streams& io) {
    const Feedback feedback(o.messages, io.err);
    Network net;
    {
        Progress progress = feedback.reading();
        LoadOptions files = default_files(o.input.geodata);
        files.progress = progress.read_callback();
        net = load_network(files);
    }
    const NetworkFindings found = validate_network(net, o.input, o.strict);
    for (const auto& issue : found.warnings) feedback.say("warning: " + issue.line());
    if (o.json) {
        io.out << validation_json(net, found.validation).dump(2) << '\n';
    } else {
        for (const auto& text : found.validation.notes) feedback.note(text);
        io.out << validation_text(net, found.validation);
    }
    return found.validation.issues.empty() ? 0 : 1;
}

int cmd_places(const Options& o, const Streams& io) {
    return answer(
        o, io, [](const Network&) { return 0; }, [](const Network& net, int) { return table_json(places_table(net)); },
        [](const Network& net, int) { return places_text(net); });
}

int cmd_routes(const Options& o, const Streams& io) {
    return answer(
        o, io, [&](const Network& net) { return measure_routes(net, o.input.speed_table()); },
        [](const Network& net, const auto& measures) { return table_json(routes_table(net, measures)); }, routes_text);
}

int cmd_capacity(const Options& o, const Streams& io) {
    return answer(
        o, io, [&](const Network& net) { return analyse_question(net, o.input, o.request); }, capacity_json,
        capacity_text);
}

int cmd_route(const Options& o, const Streams& io) {
    const PathCriterion by = parse_path_criterion(o.by);
    return answer(
        o, io,
        [&](const Network& net) {
            auto measures = measure_routes(net, o.input.speed_table());
            auto a = best_route(net, measures, o.input, o.request, by);
            return std::pair{std::move(measures), std::move(a)};
        },
        [](const Network& net, const auto& r) { return route_json(net, r.second); },
        [](const Network& net, const auto& r) { return route_text(net, r.first, r.second); });
}

int cmd_scenarios(const Options& o, const Streams& io) {
    return answer(
        o, io, [&](const Network& net) { return compare_scenarios(net, o.input, o.request); }, scenarios_json,
        scenarios_text);
}

int cmd_observations(const Options& o, const Streams& io) {
    return answer(
        o, io, [&](const Network& net) { return check_observations(net, o.input, o.input.observations_for(net)); },
        [](const Network&, const auto& checks) { return observations_json(checks); },
        [&](const Network&, const auto& checks) { return observations_text(checks, o.input.observations_file()); });
}

int cmd_facts(const Options& o, const Streams& io) {
    const InputFacts found = input_facts(o.input);
    if (o.json) io.out << facts_json(found.facts).dump(2) << '\n';
    else io.out << facts_text(found.facts, found.texts);
    return 0;
}

int cmd_timeline(const Options& o, const Streams& io) {
    if (o.json && o.csv) throw UsageError("--json and --csv: give one of them");
    const bool chart = !o.chart.empty();
    if (chart) check_timeline_chart(o.chart, o.width);
    const std::optional<MonthRange> range = asked_month_range(o.months);  // before reading: a bad range writes nothing
    if (chart) check_output_file(o.chart, o.input, o.overwrite);
    const auto set = chart ? open_file_output_set(o.chart) : nullptr;
    Feedback feedback(o.messages, io.err);
    const auto net = load_said(o.input, o.strict, feedback);
    if (!net) return 1;
    const Timeline t = timeline(*net, o.input, o.request, range);
    if (chart) {
        const auto staged = set->stage_file(std::filesystem::path(o.chart).filename(), [&](const auto& file) {
            render_timeline(t, {o.width, {}}, file);
        });
        commit_outputs(*set, {staged}, {"timeline", o.input.geodata, &*net, nullptr, false});
    }
    if (o.json) io.out << timeline_json(t).dump(2) << '\n';
    else if (o.csv) io.out << timeline_csv(t);
    else io.out << timeline_text(t);
    if (chart) feedback.note("chart written to " + o.chart);
    return 0;
}

int cmd_assign(const Options& o, const Streams& io) {
    AssignRequest request = o.assign;
    request.analysis = o.request;
    request.cost = parse_cost_by(o.cost);
    request.solver = parse_assign_solver(o.solver);
    Feedback feedback(o.messages, io.err);
    const auto net = load_said(o.input, o.strict, feedback);
    if (!net) return 1;
    const auto measures = measure_routes(*net, o.input.speed_table());
    feedback.done("measure");
    const Assignment a = assign_demands(*net, measures, o.input, request);
    feedback.done("assign");
    if (o.json) io.out << assignment_json(*net, a).dump(2) << '\n';
    else io.out << assignment_text(*net, a);
    if (o.assign_out.empty()) return 0;
    check_output_folder(o.assign_out, o.input, o.overwrite);
    const auto set = open_output_set(o.assign_out);
    const auto staged = stage_assignment(*set, *net, a);
    for (const auto& f : commit_outputs(*set, staged, {"assign", o.input.geodata, nullptr, nullptr, false}))
        feedback.say("wrote " + f.string());
    feedback.done("write");
    return 0;
}

}  // namespace corridor::cli
