#include "corridor/report/export_files.hpp"

#include "corridor/report/input.hpp"

#include <algorithm>

#include "corridor/error.hpp"
#include "corridor/io/postgres.hpp"
#include "corridor/report/map_files.hpp"
#include "corridor/report/picture.hpp"
#include "corridor/report/postgis.hpp"
#include "corridor/text/strings.hpp"
#include "corridor/tiles/source.hpp"
#include "corridor/tiles/write_tiles.hpp"

namespace corridor {
namespace fs = std::filesystem;

ExportFormats parse_export_formats(const std::string& list) {
    ExportFormats out;
    for (const auto& item : split_list(list)) {
        const std::string name = ascii_lower(item);
        if (name == "mvt" || name == "mbtiles") {
            (name == "mvt" ? out.mvt : out.mbtiles) = true;
            continue;
        }
        try {
            const io::Format f = io::parse_format(item);
            if (f == io::Format::csv) throw error("csv holds no layers (flows.csv is written with every export)");
            if (std::find(out.layers.begin(), out.layers.end(), f) == out.layers.end()) out.layers.push_back(f);
        } catch (const error& e) {
            throw request_error(std::string("--format: ") + e.what());
        }
    }
    if (out.layers.empty() && !out.mvt && !out.mbtiles)
        throw request_error("--format: give at least one of geojson, shp, gpkg, fgb, mvt, mbtiles, postgis");
    return out;
}

bool postgis_asked(const std::string& list) {
    const auto items = split_list(list);
    const bool asked =
        std::any_of(items.begin(), items.end(), [](const std::string& name) { return ascii_lower(name) == "postgis"; });
    if (asked && items.size() > 1)
        throw request_error("--format: postgis writes to a database and goes alone (export the files in another run)");
    return asked;
}

bool export_to_database(const std::string& formats, const std::string& out) {
    const bool database = io::is_postgres(out);
    if (postgis_asked(formats)) {
        if (!database)
            throw request_error("--format postgis: give --out PG:CONNECTION (e.g. --out PG:dbname=corridor)");
        return true;
    }
    if (database) throw request_error("--out PG:…: a database takes --format postgis");
    return false;
}

io::Format parse_generate_format(const std::string& name) {
    const auto layers = parse_export_formats(name).layers;
    if (layers.size() != 1 || layers[0] == io::Format::geopackage)
        throw request_error("--format: give one of geojson, fgb, shp (the layers load reads)");
    return layers[0];
}

ExportLayers::ExportLayers(const Network& net, const std::vector<RouteMeasure>& measures, const Analysis* analysis,
                           const io::WriteOptions& options)
    : layers_{places_table(net, analysis), routes_table(net, measures, analysis)},
      extras_(analysis ? analysis_tables(net, measures, *analysis) : std::vector<NamedTable>{}) {
    io::WriteOptions w = options;
    // corridor.gpkg also holds the network itself, so that it reads back with --geodata.
    if (std::find(w.formats.begin(), w.formats.end(), io::Format::geopackage) != w.formats.end()) {
        input_ = input_layers(net);
        for (const io::Table& t : input_) w.gpkg_also.push_back(&t);
    }
    if (!w.formats.empty()) files_ = io::layer_files(layers_, w);
    for (const auto& e : extras_) files_.push_back({e.file, e.format, {&e.table}});
}

std::size_t ExportLayers::rows() const {
    std::size_t n = 0;
    for (const auto& f : files_)
        for (const io::Table* t : f.tables) n += t->size();
    return n;
}

std::vector<fs::path> stage_export_tiles(io::OutputSet& set, const ExportFormats& formats, const Network& net,
                                         const std::vector<RouteMeasure>& measures, const Analysis* analysis,
                                         int minzoom, int maxzoom) {
    std::vector<fs::path> staged;
    if (!formats.mvt && !formats.mbtiles) return staged;
    tiles::check_zoom_range(minzoom, maxzoom);
    const std::vector<io::Table> layers = tile_layers(net, measures, analysis);
    const tiles::TileSource source(layers);
    const tiles::TileSetOptions t = tile_set_options(analysis, minzoom, maxzoom);
    if (formats.mvt) staged.push_back(tiles::stage_tile_folder(set, source, t));
    if (formats.mbtiles) staged.push_back(tiles::stage_mbtiles(set, source, t));
    return staged;
}

std::vector<fs::path> stage_export(io::OutputSet& set, const ExportFormats& formats, const ExportOptions& options,
                                   const Network& net, const Shown& shown, const RenderOptions& picture,
                                   const Feedback& feedback) {
    io::WriteOptions w;
    w.formats = formats.layers;
    w.fgb_spatial_index = options.fgb_index;
    const ExportLayers layers(net, shown.measures(), shown.analysis(), w);
    std::vector<fs::path> staged;
    {
        Progress progress = feedback.progress("corridor: writing", layers.rows());
        staged =
            set.stage([&](const fs::path& dir) { return io::stage_files(layers.files(), dir, progress.callback()); });
    }
    feedback.done("write");
    const auto tiles =
        stage_export_tiles(set, formats, net, shown.measures(), shown.analysis(), options.minzoom, options.maxzoom);
    staged.insert(staged.end(), tiles.begin(), tiles.end());
    if (!tiles.empty()) feedback.done("tiles");
    if (!options.no_map) {
        staged.push_back(set.stage_file("map.png", [&](const fs::path& file) {
            render_map(net, shown.measures(), shown.analysis(), picture, file);
        }));
        feedback.done("map");
    }
    return staged;
}

namespace {

std::optional<Written> export_postgis(const NetworkRequest& request, const ExportOptions& options,
                                      const Feedback& feedback) {
    const auto net = load_said(request, feedback);
    if (!net) return std::nullopt;
    const Shown shown = show_question(*net, request, feedback);
    Written written{{}, write_postgis_export(options.out, request.overwrite, *net, shown, feedback)};
    if (shown.analysis()) feedback.say(bottleneck_sentence(*shown.analysis()));
    return written;
}

}  // namespace

std::optional<Written> export_network(const NetworkRequest& request, const ExportOptions& options,
                                      const Feedback& feedback) {
    if (export_to_database(options.formats, options.out)) return export_postgis(request, options, feedback);
    const ExportFormats formats = parse_export_formats(options.formats);
    check_output_folder(options.out, request.input, request.overwrite);
    const auto set = open_output_set(options.out);  // cleans stale temporaries; a signal removes what is staged
    const auto net = load_said(request, feedback);
    if (!net) return std::nullopt;
    const Shown shown = show_question(*net, request, feedback);
    const RenderOptions picture = picture_options(request.input, RenderOptions{}.width_px, shown, false);
    const auto staged = stage_export(*set, formats, options, *net, shown, picture, feedback);
    // One step for the whole set: the layers, the picture, then the manifest.
    Written written{commit_outputs(*set, staged, {"export", request.input.geodata, &*net, shown.analysis(), true}), {}};
    if (const Analysis* an = shown.analysis()) {
        feedback.say(bottleneck_sentence(*an));
        if (an->uncertainty) feedback.say(uncertainty_sentence(*an));
    }
    return written;
}

namespace export_flags {
const OptionText kOut{"out", "Output folder (PG:CONNECTION with --format postgis)", true};
const OptionText kFormat{"format",
                         "Comma list of geojson, shp, gpkg, fgb (FlatGeobuf), mvt (vector tiles: "
                         "tiles/{z}/{x}/{y}.mvt), mbtiles (corridor.mbtiles); or postgis alone (tables places and "
                         "routes with pgRouting's columns in the database --out PG:...)",
                         true};
const OptionText kMinzoom{"minzoom", "Vector tiles (mvt, mbtiles): lowest zoom written", true};
const OptionText kMaxzoom{"maxzoom", "Vector tiles (mvt, mbtiles): highest zoom written, at full detail", true};
const OptionText kNoMap{"no-map", "Do not draw map.png (about 1 s per 100,000 routes)"};
const OptionText kFgbIndex{
    "fgb-index", "Write FlatGeobuf with a spatial index (fast windowed reads; GDAL sorts every feature first)"};
}  // namespace export_flags

}  // namespace corridor
