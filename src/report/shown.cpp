#include "corridor/report/shown.hpp"

#include "corridor/analysis/assign.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/report/assign_layers.hpp"
#include "corridor/report/layers.hpp"

namespace corridor {

std::optional<Network> load_said(const NetworkRequest& request, const Feedback& feedback) {
    CheckedNetwork c;
    {
        Progress progress = feedback.reading();
        c = load_checked(request.input, progress.read_callback(), feedback.phase_done());
    }
    for (const auto& line : finding_lines(c.validation, request.strict))
        if (!(feedback.quiet() && line.rfind("note: ", 0) == 0)) feedback.say(line);
    if (refused(c.validation, request.strict)) return std::nullopt;
    return std::move(c.net);
}

Validated validate_said(const NetworkRequest& request, const Feedback& feedback) {
    Validated v;
    {
        Progress progress = feedback.reading();
        LoadOptions files = default_files(request.input.geodata);
        files.progress = progress.read_callback();
        v.net = load_network(files);
    }
    v.net.transits = request.input.transits_for(v.net);
    v.found = validate_network(v.net, request.input, request.strict);
    for (const auto& issue : v.found.warnings) feedback.say("warning: " + issue.line());
    return v;
}

Shown show_question(const Network& net, const NetworkRequest& request, const Feedback& feedback) {
    auto measures = measure_routes(net, request.input.speed_table());
    feedback.done("measure");
    Shown s{analyse_network(net, std::move(measures), request.input, request.question), {}};
    feedback.done(request.question.draws > 0 ? "max-flow+uncertainty" : "max-flow");
    if (!s.analysed.note.empty()) feedback.note(s.analysed.note);
    if (s.analysis()) s.observations = question_observations(net, request.input, *s.analysis());
    return s;
}

Shown show_assignment(const Network& net, const NetworkRequest& request, const std::filesystem::path& demand_file,
                      const Feedback& feedback) {
    auto measures = measure_routes(net, request.input.speed_table());
    AssignRequest assign;  // the library's defaults: by distance, the automatic solver
    assign.analysis = request.question;
    assign.demand_file = demand_file;
    const Assignment assignment = assign_demands(net, measures, request.input, assign);
    feedback.done("assign");
    return {assigned_network(net, std::move(measures), assignment),
            {},
            assignment_title(assignment),
            assignment_subtitle(assignment)};
}

Shown show(const Network& net, const NetworkRequest& request, const std::filesystem::path& demand_file,
           const Feedback& feedback) {
    return demand_file.empty() ? show_question(net, request, feedback)
                               : show_assignment(net, request, demand_file, feedback);
}

void say_summary(const Shown& shown, const Feedback& feedback) {
    if (!shown.subtitle.empty()) feedback.say(shown.title + ": " + shown.subtitle);
    else if (shown.analysis()) feedback.say(bottleneck_sentence(*shown.analysis()));
}

}  // namespace corridor
