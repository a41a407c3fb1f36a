// A MapService on a TCP port (cpp-httplib): GET and HEAD answered by the service with
// ETag, gzip and security headers; other methods 405; a loopback server answers loopback
// Host names only; slow clients are cut off (serve/connection).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "corridor/serve/service.hpp"

namespace corridor {

// How long a client may take, and how many the server serves at once.
struct ConnectionLimits {
    std::chrono::milliseconds request{10'000};   // request line, headers and body, from the first byte
    std::chrono::milliseconds response{60'000};  // writing one response
    std::chrono::milliseconds idle{5'000};       // waiting for a kept-alive connection's next request
    std::size_t requests_per_connection = 100;
    std::size_t workers = 64;
    int backlog = 512;                   // httplib's own is 5 (CPPHTTPLIB_LISTEN_BACKLOG, built into the library)
    std::size_t max_body = 64 * 1024;    // GET has none; a longer body is refused with 413
    std::size_t max_header = 64 * 1024;  // request line and headers together (httplib bounds only each line, at 8 KiB)
};

class HttpServer {
public:
    // log: one line per request ("corridor: GET target status ms", control characters
    // escaped), or none. cors: the Access-Control-Allow-Origin to send ("" none).
    explicit HttpServer(const MapService& service, std::ostream* log = nullptr, std::string cors = {},
                        const ConnectionLimits& limits = {});
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds to host:port (port 0: any free port) and returns the port. Throws error
    // when the address cannot be bound. A loopback host makes the server refuse other Host names.
    int bind(const std::string& host, int port);
    // Serves until stop() is called (from another thread); returns at once if stop()
    // came first.
    void listen();
    void stop();

    // Answers the requests in bytes (a connection's raw HTTP, pipelined requests included)
    // in-process, without a socket, as a connection from 127.0.0.1 would be answered, and
    // returns the bytes written back: for tests and fuzzing. Not while listen() runs.
    std::string answer(std::string_view bytes);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// corridor serve: the MapService of options (its findings said on log), bound to
// options.bind and options.port (with bind_warning's warning on log for an address open to
// the network), its address said on log, then served until the process ends.
void serve_map(const ServeOptions& options, std::ostream& log);

}  // namespace corridor
