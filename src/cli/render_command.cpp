// render: the network and an analysis drawn as a PNG or SVG map for reports.
#include <fmt/format.h>

#include <stdlib.h>

#include <fstream>
#include <iterator>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/assign.hpp"
#include "corridor/analysis/observations.hpp"
#include "corridor/analysis/outputs.hpp"
#include "corridor/report/assign_layers.hpp"
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

namespace {

// render --assign: the network with the assignment of the demands drawn as its flows.
std::optional<Analysed> load_and_assign(const Options& o, const Streams& io, Phases* phases) {
    auto net = load_checked(o, io, phases);
    if (!net) return std::nullopt;
    const InputPaths paths = input_paths(o);
    AnalysedNetwork analysed{measure_routes(*net, paths.speed_table()), std::nullopt, ""};
    AssignRequest request{analysis_request(o), o.demand, CostBy::distance, "", AssignSolver::automatic};
    const Assignment assignment = assign_demands(*net, analysed.measures, paths, request);
    if (phases) phases->done("assign");
    for (std::size_t i = 0; i < analysed.measures.size(); ++i)  // the month's capacities, as assigned
        analysed.measures[i].capacity.tonnes.value = assignment.result.route_capacity[i];
    analysed.analysis = assignment_analysis(*net, assignment);
    Analysed out{std::move(*net), std::move(analysed), {}};
    out.title = assignment_title(assignment);
    out.subtitle = assignment_subtitle(assignment);
    return out;
}

// The picture's format: --format, else the --out file's extension; --format is needed for
// stdout and must agree with an extension.
ImageFormat picture_format(const Options& o) {
    std::optional<ImageFormat> named;
    if (o.image_format == "png") named = ImageFormat::png;
    else if (o.image_format == "svg") named = ImageFormat::svg;
    else if (!o.image_format.empty())
        throw UsageError(fmt::format("--format: give png or svg, not {}", o.image_format));
    if (is_stdout(o.map_out)) {
        if (!named) throw UsageError("--out -: give --format png or --format svg for standard output");
        return *named;
    }
    ImageFormat by_name;
    try {
        by_name = image_format(o.map_out);
    } catch (const error& e) {
        throw UsageError(fmt::format("--out: {}", e.what()));
    }
    if (named && *named != by_name)
        throw UsageError(fmt::format("--format {} does not match --out {}", o.image_format, o.map_out));
    return by_name;
}

// A temporary folder removed on the way out: render draws into a file, stdout gets its bytes.
struct ScratchDir {
    std::filesystem::path path;
    ScratchDir() {
        std::string templ = (std::filesystem::temp_directory_path() / "corridor-render-XXXXXX").string();
        if (mkdtemp(templ.data()) == nullptr) throw error("cannot create a temporary folder in " + templ);
        path = templ;
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

std::string read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw error("cannot read " + file.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int cmd_render(const Options& o, const Streams& io) {
    if (o.width < kMinRenderWidth || o.width > kMaxRenderWidth)
        throw UsageError(
            fmt::format("--width: give {} to {} pixels, not {}", kMinRenderWidth, kMaxRenderWidth, o.width));
    const ImageFormat format = picture_format(o);
    const bool to_stdout = is_stdout(o.map_out);
    if (to_stdout && o.json) throw UsageError("--json: standard output holds the picture with --out -");
    if (!to_stdout) check_output_file(o.map_out, input_paths(o), o.overwrite);
    const std::filesystem::path out = to_stdout ? std::filesystem::path() : std::filesystem::path(o.map_out);
    const auto set = to_stdout ? nullptr : open_output_set(out.parent_path().empty() ? "." : out.parent_path());
    Phases phases(o.timings, io.err);
    auto a = o.demand.empty() ? load_and_analyse(o, io, &phases) : load_and_assign(o, io, &phases);
    if (!a) return 1;
    RenderOptions r = render_options(o);
    r.observations = a->observations;
    r.title = a->title;
    r.subtitle = a->subtitle;
    const Analysis* analysis = a->analysis();
    if (analysis && analysis->uncertainty) {
        const UncertaintyResult& u = *analysis->uncertainty;
        r.percentiles = ThroughputPercentiles{u.p10, u.p50, u.p90, u.draws};
    }
    if (to_stdout) {
        const ScratchDir scratch;
        const auto file = scratch.path / (format == ImageFormat::png ? "map.png" : "map.svg");
        render_map(a->net, a->analysed.measures, analysis, r, file);
        io.out << read_bytes(file) << std::flush;
    } else {
        const auto staged = set->stage([&](const std::filesystem::path& dir) {
            render_map(a->net, a->analysed.measures, analysis, r, dir / out.filename());
            return dir / out.filename();
        });
        commit_outputs(*set, {staged}, {"render", o.geodata, &a->net, analysis, false});
        if (o.json) io.out << files_json("render", {out}).dump(2) << '\n';
        else io.out << out.string() << '\n';
    }
    phases.done("render");
    if (!a->subtitle.empty()) io.err << "corridor: " << a->title << ": " << a->subtitle << '\n';
    else if (analysis) io.err << "corridor: " << bottleneck_sentence(*analysis) << '\n';
    return 0;
}

}  // namespace corridor::cli
