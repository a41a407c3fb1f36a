// validate, export, places, routes: the network as loaded, checked and written.
#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/observations.hpp"
#include "corridor/analysis/outputs.hpp"
#include "corridor/io/postgres.hpp"
#include "corridor/io/read.hpp"
#include "corridor/model/generate.hpp"
#include "corridor/model/load.hpp"
#include "corridor/model/measure.hpp"
#include "corridor/report/answers.hpp"
#include "corridor/report/columns.hpp"
#include "corridor/report/export_files.hpp"
#include "corridor/report/input.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/report/postgis.hpp"
#include "corridor/report/render.hpp"

namespace corridor::cli {
namespace fs = std::filesystem;

int cmd_validate(const Options& o, const Streams& io) {
    const InputPaths paths = input_paths(o);
    Network net;
    {
        Progress progress(progress_wanted(o.progress, io.err), io.err, "corridor: reading", 0, "features");
        LoadOptions files = default_files(o.geodata);
        files.progress = progress.read_callback();
        net = load_network(files);
    }
    net.transits = paths.transits_for(net);
    const NetworkFindings found = validate_network(net, paths, o.strict);
    const Validation& v = found.validation;
    for (const auto& issue : found.warnings) io.err << "corridor: warning: " << issue.line() << '\n';
    if (o.json) {
        io.out << validation_json(net, v).dump(2) << '\n';
    } else {
        for (const auto& text : v.notes) note(o, io, text);
        io.out << validation_text(net, v);
    }
    return v.issues.empty() ? 0 : 1;
}

// export --format postgis --out PG:…: the network's layers with pgRouting's columns, in one
// transaction (docs/postgis.md); the flows, tiles and picture stay with the file formats.
int export_postgis(const Options& o, const Streams& io) {
    Phases phases(o.timings, io.err);
    auto analysed = load_and_analyse(o, io, &phases);
    if (!analysed) return 1;
    const Analysis* an = analysed->analysis();
    const auto tables = postgis_tables(analysed->net, analysed->analysed.measures, an && an->result.passengers);
    {
        Progress progress(progress_wanted(o.progress, io.err), io.err, "corridor: writing",
                          tables[0].size() + tables[1].size());
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
    if (export_to_database(o.formats, o.out)) return export_postgis(o, io);
    const ExportFormats formats = parse_export_formats(o.formats);
    check_output_folder(o.out, input_paths(o), o.overwrite);
    // Cleans the folder's stale temporaries; from here on, a signal removes what was staged.
    const auto set = open_output_set(o.out);
    Phases phases(o.timings, io.err);
    auto analysed = load_and_analyse(o, io, &phases);
    if (!analysed) return 1;
    const Network& net = analysed->net;
    const auto& measures = analysed->analysed.measures;
    const Analysis* an = analysed->analysis();
    io::WriteOptions w;
    w.formats = formats.layers;
    w.fgb_spatial_index = o.fgb_index;
    const ExportLayers layers(net, measures, an, w);
    std::vector<fs::path> staged;
    {
        Progress progress(progress_wanted(o.progress, io.err), io.err, "corridor: writing", layers.rows());
        staged =
            set->stage([&](const fs::path& dir) { return io::stage_files(layers.files(), dir, progress.callback()); });
    }
    phases.done("write");
    const auto tiles = stage_export_tiles(*set, formats, net, measures, an, o.minzoom, o.maxzoom);
    staged.insert(staged.end(), tiles.begin(), tiles.end());
    if (!tiles.empty()) phases.done("tiles");
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
    print_files(o, io, "export", commit_outputs(*set, staged, {"export", o.geodata, &net, an, true}));
    if (an) io.err << "corridor: " << bottleneck_sentence(*an) << '\n';
    if (an && an->uncertainty) io.err << "corridor: " << uncertainty_sentence(*an) << '\n';
    return 0;
}

int cmd_places(const Options& o, const Streams& io) {
    auto net = load_checked(o, io);
    if (!net) return 1;
    if (o.json) io.out << table_json(places_table(*net)).dump(2) << '\n';
    else io.out << places_text(*net);
    return 0;
}

int cmd_routes(const Options& o, const Streams& io) {
    auto net = load_checked(o, io);
    if (!net) return 1;
    const auto measures = measure_routes(*net, input_paths(o).speed_table());
    if (o.json) io.out << table_json(routes_table(*net, measures)).dump(2) << '\n';
    else io.out << routes_text(*net, measures);
    return 0;
}

int cmd_generate(const Options& o, const Streams& io) {
    const Network net = generate_network({o.routes, o.request.seed});
    io::WriteOptions w;
    w.formats = {parse_generate_format(o.generate_format)};
    w.fgb_spatial_index = o.fgb_index;
    const std::vector<io::Table> layers = generated_layers(net, o.raw);
    const auto set = open_output_set(o.out);
    std::vector<fs::path> staged;
    {
        Progress progress(progress_wanted(o.progress, io.err), io.err, "corridor: writing",
                          layers[0].size() + layers[1].size());
        staged = set->stage(
            [&](const fs::path& dir) { return io::stage_files(io::layer_files(layers, w), dir, progress.callback()); });
    }
    print_files(o, io, "generate", commit_outputs(*set, staged, {"generate", {}, nullptr, nullptr, true}));
    io.err << "corridor: " << generated_summary(net, o.raw) << '\n';
    return 0;
}

}  // namespace corridor::cli
