#include "corridor/report/map_files.hpp"

#include "corridor/error.hpp"
#include "corridor/io/write.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/tiles/source.hpp"
#include "corridor/tiles/tilejson.hpp"

namespace corridor {
namespace fs = std::filesystem;

tiles::TileSetOptions tile_set_options(const Analysis* analysis, int minzoom, int maxzoom) {
    tiles::TileSetOptions t;
    t.minzoom = minzoom;
    t.maxzoom = maxzoom;
    t.info.description = analysis ? bottleneck_sentence(*analysis) : "";
    return t;
}

fs::path stage_map_page(io::OutputSet& set, const WebMapPage& page) {
    return set.stage_file("map.html", [&](const fs::path& file) { io::write_file_atomic(file, web_map_html(page)); });
}

std::vector<fs::path> stage_tile_page(io::OutputSet& set, const Network& net, const std::vector<RouteMeasure>& measures,
                                      const Analysis* analysis, const TilePageOptions& options) {
    const std::vector<io::Table> layers = tile_layers(net, measures, analysis);
    const tiles::TileSource source(layers);
    const tiles::TileSetOptions t = tile_set_options(analysis, 0, options.maxzoom);
    WebMapPage page = web_map_tile_page(net, analysis, options.land, options.countries, options.observations);
    if (!options.assignment_title.empty())
        describe_assignment(page.summary, options.assignment_title, options.assignment_subtitle);
    page.tiles.url = "tiles/{z}/{x}/{y}.mvt";
    page.tiles.minzoom = t.minzoom;
    page.tiles.maxzoom = t.maxzoom;
    const auto bounds = tiles::tilejson(source, t.info)["bounds"];
    for (std::size_t i = 0; i < 4; ++i) page.tiles.bounds[i] = bounds.at(i).get<double>();
    return {tiles::stage_tile_folder(set, source, t), stage_map_page(set, page)};
}

WebMapPage shown_page(const Network& net, const Shown& shown, const InputPaths& paths) {
    WebMapPage page = web_map_page(net, shown.measures(), shown.analysis(), paths.land_file(), paths.countries_file(),
                                   shown.observations);
    if (!shown.title.empty()) describe_assignment(page.summary, shown.title, shown.subtitle);
    return page;
}

std::vector<fs::path> stage_web_map(io::OutputSet& set, const Network& net, const Shown& shown, const InputPaths& paths,
                                    MapData data, int maxzoom) {
    if (data != MapData::tiles) return {stage_map_page(set, shown_page(net, shown, paths))};
    const TilePageOptions t{maxzoom,     paths.land_file(), paths.countries_file(), shown.observations,
                            shown.title, shown.subtitle};
    return stage_tile_page(set, net, shown.measures(), shown.analysis(), t);
}

std::optional<Written> map_network(const NetworkRequest& request, const MapOptions& options, std::ostream* stdout_page,
                                   const Feedback& feedback) {
    const MapData asked = parse_map_data(options.data);
    const bool to_stdout = options.out == "-";
    if (to_stdout && !stdout_page) throw request_error("--json: standard output holds the page with --out -");
    check_page_data(asked, to_stdout);
    if (!to_stdout) check_output_folder(options.out, request.input, request.overwrite);
    const auto set = to_stdout ? nullptr : open_output_set(options.out);
    const auto net = load_said(request, feedback);
    if (!net) return std::nullopt;
    const Shown shown = show(*net, request, options.demand_file, feedback);
    const MapData data = page_data_for(net->routes.size(), asked, to_stdout);
    Written written;
    if (to_stdout) {
        *stdout_page << web_map_html(shown_page(*net, shown, request.input)) << std::flush;
    } else {
        const auto staged = stage_web_map(*set, *net, shown, request.input, data, options.maxzoom);
        written.files = commit_outputs(*set, staged, {"map", request.input.geodata, &*net, shown.analysis(), false});
    }
    say_summary(shown, feedback);
    return written;
}

namespace map_flags {
const OptionText kOut{"out", "Output folder for map.html (-: the page to stdout)", true};
const OptionText kData{
    "data",
    "auto, inline (Leaflet, the layers in the page) or tiles (MapLibre, tiles/ beside it); auto: tiles over " +
        std::to_string(kInlineMapRoutes) + " routes",
    true};
const OptionText kMaxzoom{"maxzoom", "The tile page: highest zoom of tiles/, at full detail", true};
}  // namespace map_flags

}  // namespace corridor
