// map and serve: the web map page (report/webmap), self-contained in a file or served live.
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/io/write.hpp"
#include "corridor/report/webmap.hpp"
#include "corridor/serve/http_policy.hpp"
#include "corridor/serve/http_server.hpp"
#include "corridor/serve/service.hpp"

namespace corridor::cli {

int cmd_map(const Options& o, const Streams& io) {
    auto a = load_and_analyse(o, io);
    if (!a) return 1;
    const InputPaths paths = input_paths(o);
    const WebMapPage page =
        web_map_page(a->net, a->analysed.measures, a->analysis(), paths.land_file(), paths.countries_file());
    const auto file = std::filesystem::path(o.out) / "map.html";
    io::write_file_atomic(file, web_map_html(page));
    io.out << file.string() << '\n';
    if (a->analysis()) io.err << "corridor: " << bottleneck_sentence(a->net, *a->analysis()) << '\n';
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
