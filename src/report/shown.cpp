#include "corridor/report/shown.hpp"

#include "corridor/analysis/assign.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/report/assign_layers.hpp"
#include "corridor/report/layers.hpp"

namespace corridor {

std::optional<Network> load_said(const InputPaths& paths, bool strict, Feedback& feedback) {
    CheckedNetwork c;
    {
        Progress progress = feedback.reading();
        c = load_checked(paths, progress.read_callback(), feedback.phase_done());
    }
    for (const auto& line : finding_lines(c.validation, strict))
        if (!(feedback.quiet() && line.rfind("note: ", 0) == 0)) feedback.say(line);
    if (refused(c.validation, strict)) return std::nullopt;
    return std::move(c.net);
}

Shown show_question(const Network& net, const InputPaths& paths, const AnalysisRequest& request, Feedback& feedback) {
    auto measures = measure_routes(net, paths.speed_table());
    feedback.done("measure");
    Shown s{analyse_network(net, std::move(measures), paths, request), {}};
    feedback.done(request.draws > 0 ? "max-flow+uncertainty" : "max-flow");
    if (!s.analysed.note.empty()) feedback.note(s.analysed.note);
    if (s.analysis()) s.observations = question_observations(net, paths, *s.analysis());
    return s;
}

Shown show_assignment(const Network& net, const InputPaths& paths, const AnalysisRequest& request,
                      const std::filesystem::path& demand_file, Feedback& feedback) {
    auto measures = measure_routes(net, paths.speed_table());
    AssignRequest assign;  // the library's defaults: by distance, the automatic solver
    assign.analysis = request;
    assign.demand_file = demand_file;
    const Assignment assignment = assign_demands(net, measures, paths, assign);
    feedback.done("assign");
    return {assigned_network(net, std::move(measures), assignment),
            {},
            assignment_title(assignment),
            assignment_subtitle(assignment)};
}

Shown show(const Network& net, const InputPaths& paths, const AnalysisRequest& request,
           const std::filesystem::path& demand_file, Feedback& feedback) {
    return demand_file.empty() ? show_question(net, paths, request, feedback)
                               : show_assignment(net, paths, request, demand_file, feedback);
}

std::string shown_summary(const Shown& shown) {
    if (!shown.subtitle.empty()) return shown.title + ": " + shown.subtitle;
    return shown.analysis() ? bottleneck_sentence(*shown.analysis()) : "";
}

RenderOptions picture_options(const InputPaths& paths, int width_px, const Shown& shown, bool percentiles) {
    RenderOptions r;
    r.width_px = width_px;
    r.land = paths.land_file();
    r.countries = paths.countries_file();
    r.observations = shown.observations;
    r.title = shown.title;
    r.subtitle = shown.subtitle;
    if (percentiles) r.percentiles = percentiles_of(shown.analysis());
    return r;
}

}  // namespace corridor
