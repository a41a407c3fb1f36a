// map and serve: the web map page (report/webmap), self-contained in a file or served live.
#include <filesystem>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/io/write.hpp"
#include "corridor/report/webmap.hpp"
#include "serve.hpp"

namespace corridor::cli {

int cmd_map(const Options& o, const Io& io) {
    auto a = analyse(o, io);
    if (!a) return 1;
    const Analysis* analysis = a->analysis ? &*a->analysis : nullptr;
    const WebMapPage page = web_map_page(a->net, a->measures, analysis, land_file(o), countries_file(o));
    const auto file = std::filesystem::path(o.out) / "map.html";
    io::write_file_atomic(file, web_map_html(page));
    io.out << file.string() << '\n';
    if (analysis) io.err << "corridor: " << bottleneck_sentence(a->net, *analysis) << '\n';
    return 0;
}

int cmd_serve(const Options& o, const Io& io) {
    const MapService service(o, io);
    HttpServer server(service, &io.err);
    const int port = server.bind(o.bind, o.port);
    io.err << "corridor: serving the map at http://" << (o.bind.find(':') != std::string::npos ? "[" + o.bind + "]" : o.bind)
           << ':' << port << "/ (Ctrl-C stops)" << std::endl;
    server.listen();
    return 0;
}

}  // namespace corridor::cli
