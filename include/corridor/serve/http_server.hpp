// A MapService on a TCP port (cpp-httplib): GET answered by the service, other methods 405.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "corridor/serve/service.hpp"

namespace corridor {

class HttpServer {
public:
    // log: one line per request ("corridor: GET target status ms"), or none.
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

}  // namespace corridor
