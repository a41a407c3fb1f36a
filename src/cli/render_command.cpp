// render: the network and an analysis drawn as a PNG or SVG map for reports.
#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
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
    if (!analysed.note.empty()) io.err << "corridor: note: " << analysed.note << '\n';
    return Analysed{std::move(*net), std::move(analysed)};
}

int cmd_render(const Options& o, const Streams& io) {
    if (o.width < kMinRenderWidth || o.width > kMaxRenderWidth)
        throw UsageError(fmt::format("--width: give {} to {} pixels, not {}", kMinRenderWidth, kMaxRenderWidth, o.width));
    const std::filesystem::path out = o.map_out;
    try {
        image_format(out);
    } catch (const error& e) {
        throw UsageError(fmt::format("--out: {}", e.what()));
    }
    Phases phases(o.timings, io.err);
    const auto a = load_and_analyse(o, io, &phases);
    if (!a) return 1;
    RenderOptions r = render_options(o);
    const Analysis* analysis = a->analysis();
    if (analysis && analysis->uncertainty) {
        const UncertaintyResult& u = *analysis->uncertainty;
        r.percentiles = ThroughputPercentiles{u.p10, u.p50, u.p90, u.draws};
    }
    render_map(a->net, a->analysed.measures, analysis, r, out);
    phases.done("render");
    io.out << out.string() << '\n';
    if (analysis) io.err << "corridor: " << bottleneck_sentence(a->net, *analysis) << '\n';
    return 0;
}

}  // namespace corridor::cli
