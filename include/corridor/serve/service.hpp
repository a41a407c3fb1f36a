// The web map's data over HTTP: MapService answers GET requests from the network loaded
// once (testable without sockets); serve/http_server puts it on a port.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "corridor/analysis/inputs.hpp"

namespace corridor {

struct HttpResponse {
    int status = 200;
    std::string content_type;
    std::string body;
};

using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct ServeOptions {
    InputPaths input;
    bool strict = false;             // refuse a network with findings
    std::string bind = "127.0.0.1";  // address to listen on
    int port = 8080;                 // 0: any free port
};

class MapService {
public:
    // Loads, checks and measures the network once, printing the validation's findings to
    // log. Throws as load_network does, and error when strict refuses the network.
    MapService(const ServeOptions& options, std::ostream& log);
    ~MapService();
    MapService(const MapService&) = delete;
    MapService& operator=(const MapService&) = delete;

    // GET path?query. The paths: / (the live map page), /places.geojson,
    // /routes.geojson (with flows), /capacity (the JSON of `capacity --json`),
    // /land.geojson, /countries.geojson. Parameters: from, to, commodity, scenario
    // (capacity needs from and to). Anything else: 404 or 400, with {"error": "..."}.
    // Safe to call from several threads at once.
    HttpResponse get(const std::string& path, const QueryParams& query) const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

// A JSON error answer: {"error": message}.
HttpResponse json_error(int status, const std::string& message);

}  // namespace corridor
