// render: the network and an analysis drawn as a PNG or SVG map for reports.
#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/report/render.hpp"

namespace corridor::cli {

RenderOptions render_options(const Options& o) {
    RenderOptions r;
    r.width_px = o.width;
    r.land = validate_options(o).land_file;
    r.countries = std::filesystem::path(o.geodata) / "countries.geojson";
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
    auto net = load_checked(o, io, &phases);
    if (!net) return 1;
    const Analysed analysed = analyse(o, *net, io, phases);
    RenderOptions r = render_options(o);
    if (analysed.uncertainty) {
        const UncertaintyResult& u = *analysed.uncertainty;
        r.percentiles = ThroughputPercentiles{u.p10, u.p50, u.p90, u.draws};
    }
    const std::filesystem::path parent = out.parent_path();
    if (!parent.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(parent, ec);  // a failure shows when writing, naming the file
    }
    render_map(*net, analysed.measures, analysed.analysis ? &*analysed.analysis : nullptr, r, out);
    phases.done("render");
    io.out << out.string() << '\n';
    if (analysed.analysis) io.err << "corridor: " << bottleneck_sentence(*net, *analysed.analysis) << '\n';
    return 0;
}

}  // namespace corridor::cli
