// map and serve: the web map page (report/webmap), self-contained in a file or served live.
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/outputs.hpp"
#include "corridor/io/write.hpp"
#include "corridor/report/webmap.hpp"
#include "corridor/serve/http_policy.hpp"
#include "corridor/serve/http_server.hpp"
#include "corridor/serve/service.hpp"

namespace corridor::cli {

int cmd_map(const Options& o, const Streams& io) {
    const InputPaths paths = input_paths(o);
    const bool to_stdout = is_stdout(o.out);
    if (to_stdout && o.json) throw UsageError("--json: standard output holds the page with --out -");
    if (!to_stdout) check_output_folder(o.out, paths, o.overwrite);
    const auto set = to_stdout ? nullptr : open_output_set(o.out);
    auto a = load_and_analyse(o, io);
    if (!a) return 1;
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
    const ServeOptions so{input_paths(o), o.strict, o.bind, o.port, o.cors};
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
