// serve: the web map's data over HTTP on loopback. MapService answers GET requests from
// the network loaded once (testable without sockets); HttpServer puts it on a port with
// cpp-httplib.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common.hpp"

namespace corridor::cli {

struct HttpResponse {
    int status = 200;
    std::string content_type;
    std::string body;
};

using QueryParams = std::vector<std::pair<std::string, std::string>>;

class MapService {
public:
    // Loads, checks and measures the network of o (input options only) once. Throws as
    // load_network does, and error when --strict refuses the network.
    MapService(const Options& o, const Io& io);
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

class HttpServer {
public:
    explicit HttpServer(const MapService& service, std::ostream* log = nullptr);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds to host:port (port 0: any free port) and returns the port. Throws error
    // when the address cannot be bound.
    int bind(const std::string& host, int port);
    // Serves until stop() is called (from another thread); returns at once if stop()
    // came first.
    void listen();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::cli
