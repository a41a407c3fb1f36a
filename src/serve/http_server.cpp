#include "corridor/serve/http_server.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "corridor/error.hpp"

namespace corridor {

struct HttpServer::Impl {
    const MapService& service;
    std::ostream* log;
    std::mutex log_mutex;
    httplib::Server server;
    // stop() may come before listen() has started its loop: httplib's own stop() would
    // then do nothing and the loop would never end.
    std::atomic<bool> stop_requested{false};
    std::atomic<bool> listen_started{false};
    std::atomic<bool> listen_returned{false};
};

HttpServer::HttpServer(const MapService& service, std::ostream* log)
    : impl_(std::make_unique<Impl>(service, log)) {
    Impl& impl = *impl_;
    // SO_REUSEADDR only: cpp-httplib's default adds SO_REUSEPORT, which would let a second
    // server (or another program) bind the same port beside this one.
    impl.server.set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });
    impl.server.Get(R"(.*)", [&impl](const httplib::Request& req, httplib::Response& res) {
        const auto start = std::chrono::steady_clock::now();
        QueryParams query(req.params.begin(), req.params.end());
        const HttpResponse r = impl.service.get(req.path, query);
        res.status = r.status;
        res.set_header("Cache-Control", "no-store");
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_content(r.body, r.content_type.c_str());
        if (impl.log) {
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            std::lock_guard lock(impl.log_mutex);
            *impl.log << fmt::format("corridor: GET {} {} {:.1f} ms\n", req.target, r.status, ms) << std::flush;
        }
    });
    // Any method but GET (and HEAD): 405 with a JSON error.
    auto refuse = [](const httplib::Request&, httplib::Response& res) {
        const HttpResponse r = json_error(405, "only GET is served");
        res.status = r.status;
        res.set_content(r.body, r.content_type.c_str());
    };
    impl.server.Post(R"(.*)", refuse);
    impl.server.Put(R"(.*)", refuse);
    impl.server.Delete(R"(.*)", refuse);
    impl.server.Patch(R"(.*)", refuse);
}

HttpServer::~HttpServer() = default;

int HttpServer::bind(const std::string& host, int port) {
    if (port < 0 || port > 65535) throw error(fmt::format("--port {}: give 0 to 65535", port));
    int bound = -1;
    if (port == 0) bound = impl_->server.bind_to_any_port(host.c_str());
    else if (impl_->server.bind_to_port(host.c_str(), port)) bound = port;
    if (bound <= 0) throw error(fmt::format("cannot listen on {}:{} (address in use, or not an address of this machine)", host, port));
    return bound;
}

void HttpServer::listen() {
    impl_->listen_started = true;
    if (!impl_->stop_requested) impl_->server.listen_after_bind();
    impl_->listen_returned = true;
}

void HttpServer::stop() {
    impl_->stop_requested = true;
    if (!impl_->listen_started) return;  // listen() will see the request and not start
    while (!impl_->server.is_running() && !impl_->listen_returned) std::this_thread::yield();
    impl_->server.stop();
}

}  // namespace corridor
