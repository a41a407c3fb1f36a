// validate, export, places, routes: the network as loaded, checked and written.
#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/observations.hpp"
#include "corridor/analysis/outputs.hpp"
#include "corridor/graph/flow.hpp"
#include "corridor/graph/uncertainty.hpp"
#include "corridor/io/postgres.hpp"
#include "corridor/io/read.hpp"
#include "corridor/model/generate.hpp"
#include "corridor/model/load.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/report/input.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/report/postgis.hpp"
#include "corridor/report/render.hpp"
#include "corridor/text/strings.hpp"
#include "corridor/tiles/write_tiles.hpp"

namespace corridor::cli {
namespace {
namespace fs = std::filesystem;

// The layer formats, and the tile formats (mvt, mbtiles), which are not GDAL layers.
struct ExportFormats {
    std::vector<io::Format> layers;
    bool mvt = false, mbtiles = false;
};

ExportFormats parse_formats(const std::string& list) {
    ExportFormats out;
    for (const auto& item : split_list(list)) {
        std::string name = item;
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        if (name == "mvt" || name == "mbtiles") {
            (name == "mvt" ? out.mvt : out.mbtiles) = true;
            continue;
        }
        try {
            const io::Format f = io::parse_format(item);
            if (f == io::Format::csv) throw error("csv holds no layers (flows.csv is written with every export)");
            if (std::find(out.layers.begin(), out.layers.end(), f) == out.layers.end()) out.layers.push_back(f);
        } catch (const error& e) {
            throw UsageError(std::string("--format: ") + e.what());
        }
    }
    if (out.layers.empty() && !out.mvt && !out.mbtiles)
        throw UsageError("--format: give at least one of geojson, shp, gpkg, fgb, mvt, mbtiles, postgis");
    return out;
}

// Whether --format names postgis: then alone (its --out is a database, not a folder).
bool postgis_asked(const std::string& list) {
    const auto items = split_list(list);
    const bool asked = std::any_of(items.begin(), items.end(), [](std::string name) {
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        return name == "postgis";
    });
    if (asked && items.size() > 1)
        throw UsageError("--format: postgis writes to a database and goes alone (export the files in another run)");
    return asked;
}

// Vector tiles of the exported layers (docs/tiles.md), staged into the output set:
// tiles/{z}/{x}/{y}.mvt with tiles/metadata.json, and corridor.mbtiles.
std::vector<fs::path> stage_tiles(io::OutputSet& set, const ExportFormats& formats, const Options& o,
                                  const std::vector<const io::Table*>& tables, const std::string& description) {
    std::vector<fs::path> staged;
    if (!formats.mvt && !formats.mbtiles) return staged;
    if (o.minzoom > o.maxzoom)
        throw UsageError(fmt::format("--minzoom {} is above --maxzoom {}", o.minzoom, o.maxzoom));
    const tiles::TileSource source(tables);
    tiles::TileSetOptions t;
    t.minzoom = o.minzoom;
    t.maxzoom = o.maxzoom;
    t.info.description = description;
    if (formats.mvt) staged.push_back(stage_tile_folder(set, source, t));
    if (formats.mbtiles)
        staged.push_back(set.stage([&](const fs::path& dir) {
            tiles::write_mbtiles(source, t, dir / "corridor.mbtiles");
            return dir / "corridor.mbtiles";
        }));
    return staged;
}

}  // namespace

int cmd_validate(const Options& o, const Streams& io) {
    const InputPaths paths = input_paths(o);
    Network net;
    {
        Progress progress(progress_wanted(o, io.err), io.err, "corridor: reading", 0, "features");
        LoadOptions files = default_files(o.geodata);
        files.progress = progress.read_callback();
        net = load_network(files);
    }
    const NetworkFindings found = validate_network(net, paths, o.strict);
    const Validation& v = found.validation;
    for (const auto& issue : found.warnings) io.err << "corridor: warning: " << issue.line() << '\n';
    if (o.json) {
        io.out << validation_json(net, v).dump(2) << '\n';
        return v.issues.empty() ? 0 : 1;
    }
    for (const auto& text : v.notes) note(o, io, text);
    for (const auto& issue : v.issues) io.out << issue.line() << '\n';
    if (!v.issues.empty()) {
        io.out << fmt::format("{} problem{} in {} routes and {} places\n", v.issues.size(),
                              v.issues.size() == 1 ? "" : "s", net.routes.size(), net.places.size());
        return 1;
    }
    io.out << fmt::format("ok: {} places, {} routes, no problems\n", net.places.size(), net.routes.size());
    return 0;
}

// export --format postgis --out PG:…: the network's layers with pgRouting's columns, in one
// transaction (docs/postgis.md); the flows, tiles and picture stay with the file formats.
int export_postgis(const Options& o, const Streams& io) {
    if (!io::is_postgres(o.out))
        throw UsageError("--format postgis: give --out PG:CONNECTION (e.g. --out PG:dbname=corridor)");
    Phases phases(o.timings, io.err);
    auto analysed = load_and_analyse(o, io, &phases);
    if (!analysed) return 1;
    const Analysis* an = analysed->analysis();
    const auto tables = postgis_tables(analysed->net, analysed->analysed.measures, an && an->result.passengers);
    {
        Progress progress(progress_wanted(o, io.err), io.err, "corridor: writing", tables[0].size() + tables[1].size());
        io::write_postgres(o.out, {&tables[0], &tables[1]}, o.overwrite, progress.callback());
    }
    phases.done("write");
    std::vector<std::string> written;
    for (const auto& t : tables) written.push_back(io::LayerSource{o.out, t.name}.label());
    if (o.json) io.out << tables_json("export", written).dump(2) << '\n';
    else
        for (const auto& w : written) io.out << w << '\n';
    if (an) io.err << "corridor: " << bottleneck_sentence(*an) << '\n';
    return 0;
}

int cmd_export(const Options& o, const Streams& io) {
    if (postgis_asked(o.formats)) return export_postgis(o, io);
    if (io::is_postgres(o.out)) throw UsageError("--out PG:…: a database takes --format postgis");
    const auto formats = parse_formats(o.formats);
    check_output_folder(o.out, input_paths(o), o.overwrite);
    // Cleans the folder's stale temporaries; from here on, a signal removes what was staged.
    const auto set = open_output_set(o.out);
    Phases phases(o.timings, io.err);
    auto analysed = load_and_analyse(o, io, &phases);
    if (!analysed) return 1;
    const Network& net = analysed->net;
    const auto& measures = analysed->analysed.measures;
    const auto& analysis = analysed->analysed.analysis;
    const Analysis* an = analysed->analysis();
    const std::vector<io::Table> layers{places_table(net, an), routes_table(net, measures, an)};
    const std::vector<io::Table> input = input_layers(net);  // corridor.gpkg reads back with --geodata
    io::WriteOptions w;
    w.formats = formats.layers;
    w.fgb_spatial_index = o.fgb_index;
    w.gpkg_also = {&input[0], &input[1]};
    auto files = formats.layers.empty() ? std::vector<io::OutputFile>{}
                                        : io::layer_files(layers, w);  // points into layers, which outlives the write
    const auto extras = analysis ? analysis_tables(net, measures, *analysis) : std::vector<NamedTable>{};
    for (const auto& e : extras) files.push_back({e.file, e.format, {&e.table}});
    std::size_t rows = 0;
    for (const auto& f : files)
        for (const io::Table* t : f.tables) rows += t->size();
    std::vector<fs::path> staged;
    {
        Progress progress(progress_wanted(o, io.err), io.err, "corridor: writing", rows);
        staged = set->stage([&](const fs::path& dir) { return io::stage_files(files, dir, progress.callback()); });
    }
    phases.done("write");
    {
        std::vector<const io::Table*> tile_layers{&layers[0], &layers[1]};
        for (const auto& e : extras)
            if (e.table.name == "bottlenecks") tile_layers.push_back(&e.table);
        const auto tiles = stage_tiles(*set, formats, o, tile_layers, analysis ? bottleneck_sentence(*analysis) : "");
        staged.insert(staged.end(), tiles.begin(), tiles.end());
        if (!tiles.empty()) phases.done("tiles");
    }
    if (!o.no_map) {
        staged.push_back(set->stage([&](const fs::path& dir) {
            RenderOptions r = render_options(o);
            r.observations = analysed->observations;
            render_map(net, measures, an, r, dir / "map.png");
            return dir / "map.png";
        }));
        phases.done("map");
    }
    // One step for the whole set: the layers, the picture, then the manifest.
    const auto written = commit_outputs(*set, staged, {"export", o.geodata, &net, an, true});
    if (o.json) io.out << files_json("export", written).dump(2) << '\n';
    else
        for (const auto& f : written) io.out << f.string() << '\n';
    if (analysis) io.err << "corridor: " << bottleneck_sentence(*analysis) << '\n';
    if (analysis && analysis->uncertainty) {
        const UncertaintyResult& u = *analysis->uncertainty;
        io.err << fmt::format("corridor: over {} draws (seed {}) of {} ranged figures: P10 {}, P50 {}, P90 {} {}\n",
                              u.draws, analysis->seed, u.figures.size(), thousands(u.p10), thousands(u.p50),
                              thousands(u.p90), u.passengers ? "passengers/month" : "t/month");
    }
    return 0;
}

int cmd_places(const Options& o, const Streams& io) {
    auto net = load_checked(o, io);
    if (!net) return 1;
    print_table(places_table(*net), {"id", "name", "country", "kind"}, o.json, io.out);
    return 0;
}

int cmd_routes(const Options& o, const Streams& io) {
    auto net = load_checked(o, io);
    if (!net) return 1;
    const auto measures = measure_routes(*net, input_paths(o).speed_table());
    print_table(routes_table(*net, measures),
                {"id", "mode", "from_id", "to_id", "length_km", "capacity", "pax_mo", "observed", "basis"}, o.json,
                io.out);
    return 0;
}

int cmd_generate(const Options& o, const Streams& io) {
    if (o.routes == 0) throw UsageError("--routes: give a positive number of routes");
    const Network net = generate_network({o.routes, o.request.seed});
    io::WriteOptions w;
    w.formats = parse_formats(o.generate_format).layers;
    w.fgb_spatial_index = o.fgb_index;
    if (w.formats.size() != 1 || w.formats[0] == io::Format::geopackage)
        throw UsageError("--format: give one of geojson, fgb, shp (the layers load reads)");
    const std::vector<io::Table> layers =
        o.raw ? std::vector<io::Table>{raw_stations_table(net), raw_lines_table(net)}
              : std::vector<io::Table>{input_places_table(net), input_routes_table(net)};
    const auto set = open_output_set(o.out);
    std::vector<fs::path> staged;
    {
        Progress progress(progress_wanted(o, io.err), io.err, "corridor: writing", layers[0].size() + layers[1].size());
        staged = set->stage(
            [&](const fs::path& dir) { return io::stage_files(io::layer_files(layers, w), dir, progress.callback()); });
    }
    const auto written = commit_outputs(*set, staged, {"generate", {}, nullptr, nullptr, true});
    if (o.json) io.out << files_json("generate", written).dump(2) << '\n';
    else
        for (const auto& f : written) io.out << f.string() << '\n';
    if (o.raw) {
        io.err << fmt::format("corridor: {} lines (no topology fields) and {} named stations\n", net.routes.size(),
                              net.places.size());
        return 0;
    }
    const auto [first, last] = generated_corners(net);
    io.err << fmt::format("corridor: {} places, {} routes; corners {} (CN) and {} (RU)\n", net.places.size(),
                          net.routes.size(), first, last);
    return 0;
}

}  // namespace corridor::cli
