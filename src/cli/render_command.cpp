// render: the network and an analysis drawn as a PNG or SVG map for reports.
#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/report/render.hpp"

namespace corridor::cli {

RenderOptions render_options(const Options& o) {
    RenderOptions r;
    r.width_px = o.width;
    r.land = land_file(o);
    r.countries = countries_file(o);
    return r;
}

int cmd_render(const Options& o, const Io& io) {
    if (o.width < kMinRenderWidth || o.width > kMaxRenderWidth)
        throw UsageError(fmt::format("--width: give {} to {} pixels, not {}", kMinRenderWidth, kMaxRenderWidth, o.width));
    const std::filesystem::path out = o.map_out;
    try {
        image_format(out);
    } catch (const error& e) {
        throw UsageError(fmt::format("--out: {}", e.what()));
    }
    Phases phases(o.timings, io.err);
    const auto analysed = analyse(o, io, &phases);
    if (!analysed) return 1;
    RenderOptions r = render_options(o);
    if (analysed->analysis && analysed->analysis->uncertainty) {
        const UncertaintyResult& u = *analysed->analysis->uncertainty;
        r.percentiles = ThroughputPercentiles{u.p10, u.p50, u.p90, u.draws};
    }
    const Analysis* analysis = analysed->analysis ? &*analysed->analysis : nullptr;
    render_map(analysed->net, analysed->measures, analysis, r, out);
    phases.done("render");
    io.out << out.string() << '\n';
    if (analysis) io.err << "corridor: " << bottleneck_sentence(analysed->net, *analysis) << '\n';
    return 0;
}

}  // namespace corridor::cli
