// cpp-httplib's server with connections that cannot hold a worker forever (private to
// serve/: it needs httplib.h). httplib 0.11 times out each read, not a request: a client
// sending one byte a second (slowloris) keeps its worker for as long as it likes, and eight
// such clients took every worker of the default pool. Here every request must arrive
// whole within a deadline and every response leave within another; a pool of many workers
// and a long listen backlog keep room for the honest clients meanwhile.
#pragma once

#include <httplib.h>

#include <string>
#include <string_view>

#include "corridor/serve/http_server.hpp"

namespace corridor {

// Asks the connection whose request is being handled on this thread to close once its
// response is written (after a request httplib could not parse, whose remaining bytes
// would otherwise be read as further requests).
void close_after_response();

class GuardedServer : public httplib::Server {
public:
    explicit GuardedServer(const ConnectionLimits& limits);
    // bind_to_port / bind_to_any_port, then a listen backlog of limits.backlog. Returns the
    // port, or -1.
    int bind_guarded(const std::string& host, int port);
    // Answers the requests in bytes as one connection's, in-process and without a socket,
    // with the same per-request byte budget; returns what the server writes back.
    std::string process_bytes(std::string_view bytes);

private:
    // Replaces httplib's keep-alive loop (a private virtual: overriding it is allowed) with
    // one whose stream enforces the deadlines.
    bool process_and_close_socket(socket_t sock) override;

    ConnectionLimits limits_;
    socket_t last_socket_ = INVALID_SOCKET;  // the listening socket, from the socket options hook
};

}  // namespace corridor
