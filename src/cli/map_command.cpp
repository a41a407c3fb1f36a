// map and serve: the web map page (report/webmap), self-contained in a file, with vector
// tiles beside it for a large network, or served live.
#include <filesystem>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/outputs.hpp"
#include "corridor/report/layers.hpp"
#include "corridor/report/map_files.hpp"
#include "corridor/report/webmap.hpp"
#include "corridor/serve/http_policy.hpp"
#include "corridor/serve/http_server.hpp"
#include "corridor/serve/service.hpp"

namespace corridor::cli {

int cmd_map(const Options& o, const Streams& io) {
    const InputPaths paths = input_paths(o);
    const MapData asked = parse_map_data(o.map_data);
    const bool to_stdout = is_stdout(o.out);
    if (to_stdout && o.json) throw UsageError("--json: standard output holds the page with --out -");
    check_page_data(asked, to_stdout);
    if (!to_stdout) check_output_folder(o.out, paths, o.overwrite);
    const auto set = to_stdout ? nullptr : open_output_set(o.out);
    auto a = load_for_drawing(o, io);
    if (!a) return 1;
    const MapData data = page_data_for(a->net.routes.size(), asked, to_stdout);
    std::vector<std::filesystem::path> staged;
    if (data == MapData::tiles) {
        const TilePageOptions t{o.maxzoom,       paths.land_file(), paths.countries_file(),
                                a->observations, a->title,          a->subtitle};
        staged = stage_tile_page(*set, a->net, a->analysed.measures, a->analysis(), t);
    } else {
        WebMapPage page = web_map_page(a->net, a->analysed.measures, a->analysis(), paths.land_file(),
                                       paths.countries_file(), a->observations);
        if (!a->title.empty()) describe_assignment(page.summary, a->title, a->subtitle);
        if (to_stdout) io.out << web_map_html(page) << std::flush;
        else staged.push_back(stage_map_page(*set, page));
    }
    if (!to_stdout)
        print_files(o, io, "map", commit_outputs(*set, staged, {"map", o.geodata, &a->net, a->analysis(), false}));
    print_drawn_summary(io, *a);
    return 0;
}

int cmd_serve(const Options& o, const Streams& io) {
    ServeOptions so{input_paths(o), o.strict, o.bind, o.port, o.cors};
    so.map_data = parse_map_data(o.map_data);
    so.cache_bytes = o.cache_mb << 20;
    const MapService service(so, io.err);
    HttpServer server(service, &io.err, so.cors);
    if (const auto warning = bind_warning(so.bind); !warning.empty()) io.err << "corridor: " << warning << '\n';
    const int port = server.bind(so.bind, so.port);
    io.err << "corridor: serving the map at " << server_url(so.bind, port) << " (Ctrl-C stops)" << std::endl;
    server.listen();
    return 0;
}

}  // namespace corridor::cli
