// map and serve: the web map page (report/webmap), self-contained in a file, with vector
// tiles beside it for a large network, or served live.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/outputs.hpp"
#include "corridor/io/output_set.hpp"
#include "corridor/io/write.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/report/webmap.hpp"
#include "corridor/serve/http_policy.hpp"
#include "corridor/serve/http_server.hpp"
#include "corridor/serve/service.hpp"
#include "corridor/tiles/tilejson.hpp"

namespace corridor::cli {
namespace {

MapData map_data_option(const std::string& name) {
    try {
        return parse_map_data(name);
    } catch (const request_error& e) {
        throw UsageError(e.what());
    }
}

// The tile page: the analysis' layers cut into tiles/ (the writer `export --format mvt`
// uses) and map.html drawing them, staged together.
std::vector<std::filesystem::path> stage_tile_page(io::OutputSet& set, const Options& o, const Analysed& a,
                                                   const InputPaths& paths) {
    const Analysis* an = a.analysis();
    const auto& measures = a.analysed.measures;
    std::vector<io::Table> tables{places_table(a.net, an), routes_table(a.net, measures, an)};
    if (an) tables.push_back(bottlenecks_table(a.net, measures, *an));
    std::vector<const io::Table*> layers;
    for (const auto& t : tables) layers.push_back(&t);
    const tiles::TileSource source(layers);
    tiles::TileSetOptions t;
    t.minzoom = 0;
    t.maxzoom = o.maxzoom;
    t.info.description = an ? bottleneck_sentence(*an) : "";
    WebMapPage page = web_map_tile_page(a.net, an, paths.land_file(), paths.countries_file(), a.observations);
    page.tiles.url = "tiles/{z}/{x}/{y}.mvt";
    page.tiles.minzoom = t.minzoom;
    page.tiles.maxzoom = t.maxzoom;
    const auto bounds = tiles::tilejson(source, t.info)["bounds"];
    for (std::size_t i = 0; i < 4; ++i) page.tiles.bounds[i] = bounds.at(i).get<double>();
    std::vector<std::filesystem::path> staged{stage_tile_folder(set, source, t)};
    staged.push_back(set.stage([&](const std::filesystem::path& dir) {
        io::write_file_atomic(dir / "map.html", web_map_html(page));
        return dir / "map.html";
    }));
    return staged;
}

}  // namespace

int cmd_map(const Options& o, const Streams& io) {
    const InputPaths paths = input_paths(o);
    const MapData asked = map_data_option(o.map_data);
    const bool to_stdout = is_stdout(o.out);
    if (to_stdout && o.json) throw UsageError("--json: standard output holds the page with --out -");
    if (to_stdout && asked == MapData::tiles)
        throw UsageError("--data tiles writes a folder (map.html and tiles/): give --out DIR");
    if (!to_stdout) check_output_folder(o.out, paths, o.overwrite);
    const auto set = to_stdout ? nullptr : open_output_set(o.out);
    auto a = load_and_analyse(o, io);
    if (!a) return 1;
    const MapData data = map_data_for(a->net.routes.size(), asked);
    if (to_stdout && data == MapData::tiles)
        throw UsageError(
            fmt::format("{} routes are over the inline page's {}: the map needs tiles beside it, give "
                        "--out DIR (or --data inline for one large file)",
                        a->net.routes.size(), kInlineMapRoutes));
    if (data == MapData::tiles) {
        const auto files = commit_outputs(*set, stage_tile_page(*set, o, *a, paths),
                                          {"map", o.geodata, &a->net, a->analysis(), false});
        if (o.json) io.out << files_json("map", files).dump(2) << '\n';
        else
            for (const auto& f : files) io.out << f.string() << '\n';
        if (a->analysis()) io.err << "corridor: " << bottleneck_sentence(*a->analysis()) << '\n';
        return 0;
    }
    const WebMapPage page = web_map_page(a->net, a->analysed.measures, a->analysis(), paths.land_file(),
                                         paths.countries_file(), a->observations);
    if (to_stdout) {
        io.out << web_map_html(page) << std::flush;
    } else {
        const auto staged = set->stage([&](const std::filesystem::path& dir) {
            io::write_file_atomic(dir / "map.html", web_map_html(page));
            return dir / "map.html";
        });
        const auto file = commit_outputs(*set, {staged}, {"map", o.geodata, &a->net, a->analysis(), false}).front();
        if (o.json) io.out << files_json("map", {file}).dump(2) << '\n';
        else io.out << file.string() << '\n';
    }
    if (a->analysis()) io.err << "corridor: " << bottleneck_sentence(*a->analysis()) << '\n';
    return 0;
}

int cmd_serve(const Options& o, const Streams& io) {
    ServeOptions so{input_paths(o), o.strict, o.bind, o.port, o.cors};
    so.map_data = map_data_option(o.map_data);
    so.cache_bytes = o.cache_mb << 20;
    const MapService service(so, io.err);
    HttpServer server(service, &io.err, so.cors);
    if (const auto warning = bind_warning(so.bind); !warning.empty()) io.err << "corridor: " << warning << '\n';
    const int port = server.bind(so.bind, so.port);
    const bool v6 = so.bind.find(':') != std::string::npos;
    io.err << "corridor: serving the map at http://" << (v6 ? "[" + so.bind + "]" : so.bind) << ':' << port
           << "/ (Ctrl-C stops)" << std::endl;
    server.listen();
    return 0;
}

}  // namespace corridor::cli
