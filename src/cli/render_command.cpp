// render: the network and an analysis drawn as a PNG or SVG map for reports.
#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/assign.hpp"
#include "corridor/analysis/observations.hpp"
#include "corridor/analysis/outputs.hpp"
#include "corridor/report/assign_layers.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/report/render.hpp"

namespace corridor::cli {

RenderOptions render_options(const Options& o) {
    const InputPaths paths = input_paths(o);
    RenderOptions r;
    r.width_px = o.width;
    r.land = paths.land_file();
    r.countries = paths.countries_file();
    return r;
}

std::optional<Analysed> load_and_analyse(const Options& o, const Streams& io, Phases* phases) {
    auto net = load_checked(o, io, phases);
    if (!net) return std::nullopt;
    const InputPaths paths = input_paths(o);
    auto measures = measure_routes(*net, paths.speed_table());
    if (phases) phases->done("measure");
    AnalysedNetwork analysed = analyse_network(*net, std::move(measures), paths, analysis_request(o));
    if (phases) phases->done(o.request.draws > 0 ? "max-flow+uncertainty" : "max-flow");
    if (!analysed.note.empty()) note(o, io, analysed.note);
    auto observations =
        analysed.analysis ? question_observations(*net, paths, *analysed.analysis) : std::vector<ObservationCheck>{};
    return Analysed{std::move(*net), std::move(analysed), std::move(observations)};
}

// render/map --assign: the network with the assignment of the demands drawn as its flows.
std::optional<Analysed> load_and_assign(const Options& o, const Streams& io, Phases* phases) {
    auto net = load_checked(o, io, phases);
    if (!net) return std::nullopt;
    const InputPaths paths = input_paths(o);
    auto measures = measure_routes(*net, paths.speed_table());
    AssignRequest request;  // the library's defaults: by distance, the automatic solver
    request.analysis = analysis_request(o);
    request.demand_file = o.demand;
    const Assignment assignment = assign_demands(*net, measures, paths, request);
    if (phases) phases->done("assign");
    AnalysedNetwork analysed = assigned_network(*net, std::move(measures), assignment);
    Analysed out{std::move(*net), std::move(analysed), {}};
    out.title = assignment_title(assignment);
    out.subtitle = assignment_subtitle(assignment);
    return out;
}

std::optional<Analysed> load_for_drawing(const Options& o, const Streams& io, Phases* phases) {
    return o.demand.empty() ? load_and_analyse(o, io, phases) : load_and_assign(o, io, phases);
}

void print_drawn_summary(const Streams& io, const Analysed& a) {
    if (!a.subtitle.empty()) io.err << "corridor: " << a.title << ": " << a.subtitle << '\n';
    else if (a.analysis()) io.err << "corridor: " << bottleneck_sentence(*a.analysis()) << '\n';
}

int cmd_render(const Options& o, const Streams& io) {
    check_render_width(o.width);
    const ImageFormat format = picture_format(o.image_format, o.map_out);
    const bool to_stdout = is_stdout(o.map_out);
    if (to_stdout && o.json) throw UsageError("--json: standard output holds the picture with --out -");
    if (!to_stdout) check_output_file(o.map_out, input_paths(o), o.overwrite);
    const std::filesystem::path out = to_stdout ? std::filesystem::path() : std::filesystem::path(o.map_out);
    const auto set = to_stdout ? nullptr : open_file_output_set(out);
    Phases phases(o.timings, io.err);
    auto a = load_for_drawing(o, io, &phases);
    if (!a) return 1;
    RenderOptions r = render_options(o);
    r.observations = a->observations;
    r.title = a->title;
    r.subtitle = a->subtitle;
    const Analysis* analysis = a->analysis();
    r.percentiles = percentiles_of(analysis);
    if (to_stdout) {
        io.out << render_map_bytes(a->net, a->analysed.measures, analysis, r, format) << std::flush;
    } else {
        const auto staged = set->stage([&](const std::filesystem::path& dir) {
            render_map(a->net, a->analysed.measures, analysis, r, dir / out.filename());
            return dir / out.filename();
        });
        commit_outputs(*set, {staged}, {"render", o.geodata, &a->net, analysis, false});
        print_files(o, io, "render", {out});
    }
    phases.done("render");
    print_drawn_summary(io, *a);
    return 0;
}

}  // namespace corridor::cli
