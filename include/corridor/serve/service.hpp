// The web map's data over HTTP: MapService answers GET requests from the network loaded
// once (testable without sockets); serve/http_server puts it on a port. Besides the map's
// own endpoints it serves OGC API - Features (serve/ogc_api) over the same layers.
#pragma once

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "corridor/analysis/inputs.hpp"
#include "corridor/option_text.hpp"
#include "corridor/report/webmap.hpp"
#include "corridor/serve/cache.hpp"

namespace corridor {

// A body shared by every response that has the same content (see serve/cache).
struct HttpResponse {
    int status = 200;
    std::string content_type;
    std::shared_ptr<const Body> body;
    const std::string& text() const { return body->text(); }
};

using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
    std::string path;
    QueryParams query;
    std::string accept;                          // the Accept header ("": no preference)
    std::string base = "http://127.0.0.1:8080";  // scheme and Host, for absolute links
};

struct ServeOptions {
    InputPaths input;
    bool strict = false;             // refuse a network with findings
    std::string bind = "127.0.0.1";  // address to listen on
    int port = 8080;                 // 0: any free port
    std::string cors;                // Access-Control-Allow-Origin: an origin, "*", or "" (none)
    // Memory kept for reuse: a quarter for analyses (their layers), a quarter for tile
    // indexes, half for response bodies; each keeps its latest value even when larger.
    std::size_t cache_bytes = std::size_t{1024} << 20;  // kMinCacheMiB..kMaxCacheMiB MiB
    // The map page at / and /map: Leaflet with the layers loaded whole, or MapLibre GL JS
    // drawing /tiles (automatic: by the network's size, report/webmap: kInlineMapRoutes).
    MapData map_data = MapData::automatic;
};

// The cache memory a server may be given, MiB (--cache-mb).
inline constexpr int kMinCacheMiB = 16;
inline constexpr int kMaxCacheMiB = 1 << 20;

class MapService {
public:
    // Loads, checks and measures the network once, printing the validation's findings to
    // log. Throws as load_network does, and error when strict refuses the network.
    MapService(const ServeOptions& options, std::ostream& log);
    ~MapService();
    MapService(const MapService&) = delete;
    MapService& operator=(const MapService&) = delete;

    // The paths: / (the live map page, or the OGC landing page for f=json or an Accept
    // that prefers JSON), /map, /places.geojson, /routes.geojson (with flows), /capacity
    // (the JSON of `capacity --json`), /land.geojson, /countries.geojson, and the OGC API
    // paths /conformance, /api, /collections[/{id}[/items[/{featureId}]]]. Parameters:
    // from, to, commodity, scenario (capacity needs from and to); items also bbox, limit,
    // offset and the layer's properties. Anything else: 404 or 400, with {"code",
    // "description", "error"}. Bodies are built once per analysis and shared. Safe to call
    // from several threads at once.
    HttpResponse respond(const HttpRequest& request) const;
    HttpResponse get(const std::string& path, const QueryParams& query) const {
        return respond({path, query, "", "http://127.0.0.1:8080"});
    }

    // How many bodies and analyses were built so far (the cache's misses).
    std::size_t builds() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

// A JSON error answer in the OGC exception shape: {"code": "NotFound", "description":
// message, "error": message}, control characters escaped, invalid UTF-8 replaced.
HttpResponse json_error(int status, const std::string& message);

// A body of text, not cached.
HttpResponse text_response(int status, std::string content_type, std::string text);

// serve's options (ServeOptions).
namespace serve_flags {
extern const OptionText kPort, kBind, kCors, kCacheMb, kData;
}  // namespace serve_flags

}  // namespace corridor
